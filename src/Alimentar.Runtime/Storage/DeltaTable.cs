namespace Alimentar;

/// <summary>
/// What a Delta Lake table's log says about the table itself: its latest version, and the version it was at at a moment
/// (<see cref="VersionAt(string, DateTimeOffset)"/>). A version is what a reproducible run records:
/// read it once, read the table at it with <see cref="ParquetSource{T}.FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/>,
/// and the run (or a resumed one, or a repeat next month) sees the same rows while the table moves on.
/// </summary>
/// <example>
/// <code>
/// long version = DeltaTable.LatestVersion("lake/trips");
/// var source = ParquetSource&lt;Trip&gt;.FromDeltaTable("lake/trips", version);
///
/// // The table as it was at the start of the month (Delta's TIMESTAMP AS OF):
/// long then = DeltaTable.VersionAt("lake/trips", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
/// </code>
/// </example>
public static class DeltaTable
{
    /// <summary>The latest version of the table in <paramref name="directory"/> (or of which it is a partition folder): its newest commit's number.</summary>
    /// <param name="directory">The table's folder.</param>
    /// <returns>The version, as its commits number them (<c>00000000000000000042.json</c> is 42).</returns>
    /// <exception cref="SourceUnavailableException">The folder is missing, is not a Delta table, or its log holds no commit.</exception>
    public static long LatestVersion(string directory)
    {
        string table = TableOf(directory);
        return Newest(table, Directory.EnumerateFiles(Path.Combine(table, DeltaLog.Folder)).Select(Path.GetFileName).OfType<string>());
    }

    /// <summary>The latest version of the table under <paramref name="prefix"/> of <paramref name="store"/>, as <see cref="LatestVersion(string)"/> finds it in a folder.</summary>
    /// <param name="store">Where the table lives.</param>
    /// <param name="prefix">The table's prefix, e.g. <c>lake/trips/</c>.</param>
    /// <param name="options">Request sizes, retries and timeouts for the listing.</param>
    /// <returns>The version.</returns>
    /// <exception cref="SourceUnavailableException">The listing failed after its retries, or the prefix is not a Delta table, or its log holds no commit.</exception>
    public static long LatestVersion(IObjectStore store, string prefix, ObjectReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        (string table, Dictionary<string, ObjectInfo> log) = LogOf(store, prefix, options ?? ObjectReadOptions.Default);
        return Newest(ObjectRangeReader.NameOf(store, table), log.Keys);
    }

    /// <summary>
    /// The version the table in <paramref name="directory"/> (or of which it is a partition folder) was at at
    /// <paramref name="moment"/>: its newest commit made at or before it (Delta's <c>TIMESTAMP AS OF</c>). A commit is
    /// dated by its in-commit timestamp where the table writes them, else by its file's modification time, made
    /// increasing as Delta's readers make it. Read the table at the version with
    /// <see cref="ParquetSource{T}.FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/>, and record
    /// the version, not the moment: a moment past the latest commit is the latest version now, and a later one then.
    /// </summary>
    /// <param name="directory">The table's folder.</param>
    /// <param name="moment">The moment; its offset is honoured.</param>
    /// <returns>The version, as its commits number them.</returns>
    /// <exception cref="SourceUnavailableException">The folder is missing or not a Delta table, or its log holds no commit made as early as <paramref name="moment"/> (earlier commits cleaned up, or the table younger).</exception>
    /// <exception cref="AlimentarException">A commit's in-commit timestamp is damaged.</exception>
    public static long VersionAt(string directory, DateTimeOffset moment)
    {
        string table = TableOf(directory);
        string log = Path.Combine(table, DeltaLog.Folder);
        var commits = new List<DeltaCommitTimes.Commit>();
        var names = new Dictionary<long, string>();
        foreach (FileInfo file in new DirectoryInfo(log).EnumerateFiles())
        {
            if (DeltaLog.IsCommit(file.Name, out long version))
            {
                commits.Add(new DeltaCommitTimes.Commit(version, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
                names[version] = file.FullName;
            }
        }

        commits.Sort((a, b) => a.Version.CompareTo(b.Version));
        return DeltaCommitTimes.VersionAt(table, commits, version => File.ReadAllText(names[version]), moment);
    }

    /// <summary>The version the table under <paramref name="prefix"/> of <paramref name="store"/> was at at <paramref name="moment"/>, as <see cref="VersionAt(string, DateTimeOffset)"/> finds it for a folder; commits without an in-commit timestamp are dated by <see cref="ObjectInfo.LastModified"/>.</summary>
    /// <param name="store">Where the table lives.</param>
    /// <param name="prefix">The table's prefix, e.g. <c>lake/trips/</c>.</param>
    /// <param name="moment">The moment.</param>
    /// <param name="options">Request sizes, retries and timeouts for the listing and the commits read.</param>
    /// <returns>The version.</returns>
    /// <exception cref="SourceUnavailableException">The listing failed after its retries, the prefix is not a Delta table, or its log holds no commit made as early as <paramref name="moment"/>.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">A commit without an in-commit timestamp is listed with no modification time (the store reports none).</exception>
    public static long VersionAt(IObjectStore store, string prefix, DateTimeOffset moment, ObjectReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        (string table, Dictionary<string, ObjectInfo> log) = LogOf(store, prefix, settings);
        var commits = new List<DeltaCommitTimes.Commit>();
        var objects = new Dictionary<long, ObjectInfo>();
        foreach ((string name, ObjectInfo info) in log)
        {
            if (DeltaLog.IsCommit(name, out long version))
            {
                commits.Add(new DeltaCommitTimes.Commit(version, info.LastModified));
                objects[version] = info;
            }
        }

        commits.Sort((a, b) => a.Version.CompareTo(b.Version));
        return DeltaCommitTimes.VersionAt(ObjectRangeReader.NameOf(store, table), commits, version => SmallObjectRead.Text(store, objects[version], settings), moment);
    }

    /// <summary>
    /// Whether <paramref name="directory"/> is a Delta Lake table (a folder with a <c>_delta_log</c> folder) or a partition
    /// folder of one: whether <see cref="ParquetSource{T}.FromDirectory"/> reads it as its log says rather than file by file.
    /// </summary>
    /// <param name="directory">A folder; one that does not exist is not a table.</param>
    /// <returns>True for a table or a partition folder of one.</returns>
    public static bool IsTable(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Directory.Exists(directory) && DeltaTableLocator.Find(directory) is not null;
    }

    /// <summary>Whether <paramref name="prefix"/> of <paramref name="store"/> is a Delta Lake table or a partition of one, as <see cref="IsTable(string)"/> tells a folder: its log's listing, one request or two.</summary>
    /// <param name="store">Where the prefix lies.</param>
    /// <param name="prefix">A prefix, e.g. <c>lake/trips/</c>.</param>
    /// <param name="options">Retries and timeouts of the listing.</param>
    /// <returns>True for a table or a partition of one.</returns>
    /// <exception cref="SourceUnavailableException">The listing failed after its retries.</exception>
    public static bool IsTable(IObjectStore store, string prefix, ObjectReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        string root = prefix[..(prefix.LastIndexOf('/') + 1)];
        return DeltaTableLocator.Find(store, root, ObjectListing.Take(store, root + DeltaLog.Folder + "/", settings), settings) is not null;
    }

    /// <summary>
    /// The data files of the Delta table in <paramref name="directory"/> (or of its partition folder) at
    /// <paramref name="version"/>, as its log names them: what a tool with no row type reads the table through, each
    /// file with its partition values and deletions (<see cref="ParquetFileInfo.ScanAsync(DeltaTableFile, int, bool, IProgress{long}?, CancellationToken)"/>).
    /// </summary>
    /// <param name="directory">The table's folder, or a partition folder of it.</param>
    /// <param name="version">The version (<see cref="LatestVersion(string)"/>, <see cref="VersionAt(string, DateTimeOffset)"/>); null for the latest.</param>
    /// <returns>The files, in the order typed sources read them; none for a table with no rows.</returns>
    /// <exception cref="SourceUnavailableException">The folder is not a Delta table, the version is past its latest, or a file the version names is not there (vacuumed).</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The version's commits were cleaned up with no checkpoint for them, or the table uses what its log alone cannot honour.</exception>
    public static IReadOnlyList<DeltaTableFile> Files(string directory, long? version = null)
    {
        CheckVersion(version);
        return Listing(directory, version).Files;
    }

    /// <summary>
    /// The Delta table in <paramref name="directory"/> (or of which it is a partition folder) at <paramref name="version"/>:
    /// the version and its data files from one reading of the log, so that with no version given, the latest reported is
    /// the one whose files are listed (<see cref="DeltaTableSnapshot"/>).
    /// </summary>
    /// <param name="directory">The table's folder, or a partition folder of it.</param>
    /// <param name="version">The version; null for the latest.</param>
    /// <returns>The version and its files.</returns>
    /// <exception cref="SourceUnavailableException">The folder is not a Delta table, its log holds no commit, the version is past its latest, or a file the version names is not there (vacuumed).</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The version's commits were cleaned up with no checkpoint for them, or the table uses what its log alone cannot honour.</exception>
    public static DeltaTableSnapshot Snapshot(string directory, long? version = null)
    {
        CheckVersion(version);
        DeltaTableListing listing = Listing(directory, version);
        return new DeltaTableSnapshot(listing.Version, listing.Files);
    }

    /// <summary>The data files of the Delta table under <paramref name="prefix"/> of <paramref name="store"/> at <paramref name="version"/>, as <see cref="Files(string, long?)"/> finds them in a folder.</summary>
    /// <param name="store">Where the table lives.</param>
    /// <param name="prefix">The table's prefix, e.g. <c>lake/trips/</c>, or a partition's.</param>
    /// <param name="version">The version; null for the latest.</param>
    /// <param name="options">Request sizes, retries and timeouts for the listing, the log and later reads of the files.</param>
    /// <returns>The files, in the order typed sources read them.</returns>
    /// <exception cref="SourceUnavailableException">The listing failed after its retries, the prefix is not a Delta table, the version is past its latest, or a file it names is not there.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The version's commits were cleaned up with no checkpoint for them, or the table uses what its log alone cannot honour.</exception>
    public static IReadOnlyList<DeltaTableFile> Files(IObjectStore store, string prefix, long? version = null, ObjectReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        CheckVersion(version);
        return Listing(store, prefix, version, options).Files;
    }

    /// <summary>The Delta table under <paramref name="prefix"/> of <paramref name="store"/> at <paramref name="version"/>, as <see cref="Snapshot(string, long?)"/> reads a folder: one listing of the log for the version and its files.</summary>
    /// <param name="store">Where the table lives.</param>
    /// <param name="prefix">The table's prefix, e.g. <c>lake/trips/</c>, or a partition's.</param>
    /// <param name="version">The version; null for the latest.</param>
    /// <param name="options">Request sizes, retries and timeouts for the listing, the log and later reads of the files.</param>
    /// <returns>The version and its files.</returns>
    /// <exception cref="SourceUnavailableException">The listing failed after its retries, the prefix is not a Delta table, its log holds no commit, the version is past its latest, or a file it names is not there.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The version's commits were cleaned up with no checkpoint for them, or the table uses what its log alone cannot honour.</exception>
    public static DeltaTableSnapshot Snapshot(IObjectStore store, string prefix, long? version = null, ObjectReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        CheckVersion(version);
        DeltaTableListing listing = Listing(store, prefix, version, options);
        return new DeltaTableSnapshot(listing.Version, listing.Files);
    }

    /// <summary>The files of the table in <paramref name="directory"/> at <paramref name="version"/> (the latest when null).</summary>
    internal static DeltaTableListing Listing(string directory, long? version) => DeltaTableListing.Local(directory, TableOf(directory), version);

    /// <summary>The files of the table under <paramref name="prefix"/> of <paramref name="store"/> at <paramref name="version"/> (the latest when null).</summary>
    internal static DeltaTableListing Listing(IObjectStore store, string prefix, long? version, ObjectReadOptions? options)
    {
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        List<ObjectInfo> listed = ObjectListing.Take(store, prefix, settings);
        string root = prefix[..(prefix.LastIndexOf('/') + 1)];
        (string table, Dictionary<string, ObjectInfo> log) = DeltaTableLocator.Find(store, root, listed, settings)
            ?? throw AlimentarThrow.Unavailable(ObjectRangeReader.NameOf(store, prefix), $"it is not a Delta table: no {DeltaLog.Folder}/ lies beside it");
        return DeltaTableListing.InStore(store, root, listed, table, log, version, options);
    }

    private static void CheckVersion(long? version)
    {
        if (version is { } number)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(number, nameof(version));
        }
    }

    /// <summary>The root of the Delta table <paramref name="directory"/> is, or is a partition folder of.</summary>
    internal static string TableOf(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw AlimentarThrow.Unavailable(directory, "the directory does not exist");
        }

        return DeltaTableLocator.Find(directory) ?? throw AlimentarThrow.Unavailable(directory, $"it is not a Delta table: it has no {DeltaLog.Folder} folder");
    }

    /// <summary>The prefix of the Delta table under <paramref name="prefix"/>, and its log's objects by file name.</summary>
    private static (string Table, Dictionary<string, ObjectInfo> Log) LogOf(IObjectStore store, string prefix, ObjectReadOptions settings)
    {
        string root = prefix[..(prefix.LastIndexOf('/') + 1)];
        return DeltaTableLocator.Find(store, root, ObjectListing.Take(store, root + DeltaLog.Folder + "/", settings), settings)
            ?? throw AlimentarThrow.Unavailable(ObjectRangeReader.NameOf(store, prefix), $"it is not a Delta table: no {DeltaLog.Folder}/ lies beside it");
    }

    private static long Newest(string table, IEnumerable<string> logFiles) =>
        DeltaLog.Newest(logFiles) ?? throw AlimentarThrow.Unavailable(table, $"its {DeltaLog.Folder} folder holds no commit");
}
