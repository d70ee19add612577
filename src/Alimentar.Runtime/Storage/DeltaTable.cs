namespace Alimentar;

/// <summary>
/// What a Delta Lake table's log says about the table itself. Its latest version is what a reproducible run records:
/// read it once, read the table at it with <see cref="ParquetSource{T}.FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/>,
/// and the run (or a resumed one, or a repeat next month) sees the same rows while the table moves on.
/// </summary>
/// <example>
/// <code>
/// long version = DeltaTable.LatestVersion("lake/trips");
/// var source = ParquetSource&lt;Trip&gt;.FromDeltaTable("lake/trips", version);
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
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw AlimentarThrow.Unavailable(directory, "the directory does not exist");
        }

        string table = DeltaTableLocator.Find(directory) ?? throw AlimentarThrow.Unavailable(directory, $"it is not a Delta table: it has no {DeltaLog.Folder} folder");
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
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        string root = prefix[..(prefix.LastIndexOf('/') + 1)];
        (string table, Dictionary<string, ObjectInfo> log) = DeltaTableLocator.Find(store, root, ObjectListing.Take(store, root + DeltaLog.Folder + "/", settings), settings)
            ?? throw AlimentarThrow.Unavailable(ObjectRangeReader.NameOf(store, prefix), $"it is not a Delta table: no {DeltaLog.Folder}/ lies beside it");
        return Newest(ObjectRangeReader.NameOf(store, table), log.Keys);
    }

    private static long Newest(string table, IEnumerable<string> logFiles)
    {
        long? newest = null;
        foreach (string name in logFiles)
        {
            if (DeltaLog.IsCommit(name, out long version) && (newest is null || version > newest))
            {
                newest = version;
            }
        }

        return newest ?? throw AlimentarThrow.Unavailable(table, $"its {DeltaLog.Folder} folder holds no commit");
    }
}
