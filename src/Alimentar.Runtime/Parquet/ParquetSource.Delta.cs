namespace Alimentar;

/// <content>
/// Delta Lake tables (<see cref="DeltaLog"/>): a folder or prefix with a <c>_delta_log</c> read as its log says, at its
/// latest version (<see cref="FromDirectory"/>, <see cref="FromStore"/>) or at one named (<see cref="FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/>).
/// </content>
public sealed partial class ParquetSource<T>
{
    /// <summary>
    /// The Delta Lake table in <paramref name="directory"/> as it was at <paramref name="version"/> (time travel: the
    /// files that version's log names, with their deletion vectors, partition values and column mapping), so a
    /// training run can be repeated on the data it saw while the table moves on. As <see cref="FromDirectory"/> reads a
    /// table, otherwise; a partition folder of the table reads that version's files in it.
    /// </summary>
    /// <param name="directory">The table's folder, or a partition folder of it.</param>
    /// <param name="version">The table version, as its commits number them (<c>00000000000000000042.json</c> is 42).</param>
    /// <param name="configure">Applied to each file's source, e.g. <c>s =&gt; s.BatchSize(1024)</c>.</param>
    /// <returns>A source over the version's files.</returns>
    /// <exception cref="SourceUnavailableException">The folder is not a Delta table, the version is past its latest, or a file the version names is not there (vacuumed).</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The version's commits were cleaned up with no checkpoint for them, or the table uses what its log alone cannot honour.</exception>
    /// <exception cref="CorruptParquetFileException">A deletion vector is damaged or disagrees with the log.</exception>
    public static IBatchSource<T> FromDeltaTable(string directory, long version, Func<ParquetSource<T>, ParquetSource<T>>? configure = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return ReadDeltaTable(directory, DeltaTable.TableOf(directory), version, configure);
    }

    /// <summary>The Delta Lake table under <paramref name="prefix"/> of <paramref name="store"/> as it was at <paramref name="version"/>, as <see cref="FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/> reads a folder.</summary>
    /// <param name="store">Where the table lives.</param>
    /// <param name="prefix">The table's prefix, e.g. <c>lake/trips/</c>, or a partition's.</param>
    /// <param name="version">The table version.</param>
    /// <param name="configure">Applied to each file's source.</param>
    /// <param name="options">Request sizes, parallelism, retries and timeouts.</param>
    /// <returns>A source over the version's files.</returns>
    /// <exception cref="SourceUnavailableException">The prefix is not a Delta table, the version is past its latest, or a file the version names is not there.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The version's commits were cleaned up with no checkpoint for them, or the table uses what its log alone cannot honour.</exception>
    /// <exception cref="CorruptParquetFileException">A deletion vector is damaged or disagrees with the log.</exception>
    public static IBatchSource<T> FromDeltaTable(IObjectStore store, string prefix, long version, Func<ParquetSource<T>, ParquetSource<T>>? configure = null, ObjectReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        List<ObjectInfo> listed = ObjectListing.Take(store, prefix, settings);
        string root = prefix[..(prefix.LastIndexOf('/') + 1)];
        (string table, Dictionary<string, ObjectInfo> logObjects) = DeltaTableLocator.Find(store, root, listed, settings)
            ?? throw AlimentarThrow.Unavailable(ObjectRangeReader.NameOf(store, prefix), $"it is not a Delta table: no {DeltaLog.Folder}/ lies beside it");
        return ReadDeltaTable(store, root, listed, table, logObjects, version, configure, options);
    }

    /// <summary>The table in the folder <paramref name="table"/> at <paramref name="version"/> (its latest when null), its files under <paramref name="directory"/>.</summary>
    private static IBatchSource<T> ReadDeltaTable(string directory, string table, long? version, Func<ParquetSource<T>, ParquetSource<T>>? configure)
    {
        string log = Path.Combine(table, DeltaLog.Folder);
        var folder = new DeltaLogFolder(
            [.. Directory.EnumerateFiles(log).Select(Path.GetFileName).OfType<string>()],
            name => File.ReadAllText(Path.Combine(log, name)),
            parts => CheckpointRows(parts.Select(name => new ParquetSource<DeltaCheckpointRow>(Path.Combine(log, name)))));
        string below = Path.GetRelativePath(table, directory).Replace(Path.DirectorySeparatorChar, '/');
        List<DeltaDataFile> current = [.. DeltaLog.CurrentFiles(table, folder, version).Where(file => below == "." || file.Path.StartsWith(below + "/", StringComparison.Ordinal))];
        string Local(string path) => DeltaPaths.LocalPath(path)
            ?? (DeltaPaths.IsAbsolute(path)
                ? throw AlimentarThrow.Unsupported(table, $"its Delta log names '{path}', which a table in a folder cannot reach (it follows file: URIs)")
                : Path.Combine(table, path.Replace('/', Path.DirectorySeparatorChar)));
        return DeltaFiles(directory, table, current, file => File.Exists(Local(file)), file => new ParquetSource<T>(Local(file)), configure,
            (file, offset, count) => FileBytes(Local(file), offset, count));
    }

    /// <summary>The table under the prefix <paramref name="table"/> at <paramref name="version"/> (its latest when null), its files under <paramref name="root"/>.</summary>
    private static IBatchSource<T> ReadDeltaTable(
        IObjectStore store, string root, List<ObjectInfo> listed, string table, Dictionary<string, ObjectInfo> logObjects, long? version,
        Func<ParquetSource<T>, ParquetSource<T>>? configure, ObjectReadOptions? options)
    {
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        var byKey = listed.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var log = new DeltaLogFolder(
            [.. logObjects.Keys],
            name => SmallObjectRead.Text(store, logObjects[name], settings),
            parts => CheckpointRows(parts.Select(name => logObjects.TryGetValue(name, out ObjectInfo? part)
                ? new ParquetSource<DeltaCheckpointRow>(store, part.Key, part, options)
                : throw AlimentarThrow.Unavailable(ObjectRangeReader.NameOf(store, table + DeltaLog.Folder + "/" + name), "its Delta log names it, but it is not there"))));
        string tableName = ObjectRangeReader.NameOf(store, table);
        List<DeltaDataFile> current = DeltaLog.CurrentFiles(tableName, log, version);
        string KeyOf(string path) => !DeltaPaths.IsAbsolute(path) ? table + path
            : DeltaPaths.KeyIn(store, path) ?? throw AlimentarThrow.Unsupported(tableName, $"its Delta log names '{path}', which {store.Name} does not hold (a file in another bucket or account)");

        // A file named by URI (a shallow clone's) lies outside the listing: it is there unless reading it says otherwise.
        bool InTable(DeltaDataFile file) => root == table || (!DeltaPaths.IsAbsolute(file.Path) && (table + file.Path).StartsWith(root, StringComparison.Ordinal));
        return DeltaFiles(ObjectRangeReader.NameOf(store, root), tableName, [.. current.Where(InTable)],
            file => byKey.ContainsKey(KeyOf(file)) || DeltaPaths.IsAbsolute(file),
            file => byKey.TryGetValue(KeyOf(file), out ObjectInfo? info) ? new ParquetSource<T>(store, info.Key, info, options) : new ParquetSource<T>(store, KeyOf(file), options),
            configure,
            (file, offset, count) => ObjectBytes(store, KeyOf(file), byKey.GetValueOrDefault(KeyOf(file)), offset, count, settings));
    }

    /// <summary>
    /// The sources of a Delta table's current files (<see cref="DeltaLog"/>) under the folder read, each of which must be
    /// there, with the rows its deletion vector deletes left out (the vectors are read now, so a damaged one fails here);
    /// no rows when the version has no file there.
    /// </summary>
    /// <param name="folder">The folder read, for errors.</param>
    /// <param name="table">The table's root, for errors.</param>
    /// <param name="files">The table's current files under the folder.</param>
    /// <param name="exists">Whether a file (relative to the root) is there.</param>
    /// <param name="open">A file's source.</param>
    /// <param name="configure">The caller's settings, applied to each file's source after its deletion vector.</param>
    /// <param name="readRange">Reads bytes of a file of the table (a deletion vector's).</param>
    private static IBatchSource<T> DeltaFiles(
        string folder, string table, List<DeltaDataFile> files, Func<string, bool> exists, Func<string, ParquetSource<T>> open,
        Func<ParquetSource<T>, ParquetSource<T>>? configure, Func<string, long, int, byte[]> readRange)
    {
        if (files.Count == 0)
        {
            // A table just created, or emptied by a delete, is a table of no rows, as Delta's own readers read it.
            return new EmptySource<T>(folder);
        }

        if (files.Find(file => !exists(file.Path)) is { } missing)
        {
            throw AlimentarThrow.Unavailable(folder, $"its Delta log names '{missing.Path}', which is not there (vacuumed, or the table was copied in part)");
        }

        var sources = new List<ParquetSource<T>>(files.Count);
        foreach (DeltaDataFile file in files)
        {
            ParquetSource<T> source = open(file.Path);
            source._view = file.View();
            if (file.DeletionVector is { } vector)
            {
                source.ExcludeRows(vector.Load(table, file.Path, readRange));
            }

            sources.Add(configure is null ? source : configure(source));
        }

        return new ChainedSource<T>(sources);
    }

    /// <summary>Bytes of a local file; fewer there than asked for is a damaged table.</summary>
    private static byte[] FileBytes(string path, long offset, int count)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            if (offset > file.Length - count)
            {
                throw AlimentarThrow.Corrupt(path, $"it ends before byte {offset + count}, which its Delta log reads to");
            }

            byte[] bytes = new byte[count];
            file.Position = offset;
            file.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw AlimentarThrow.Unavailable(path, error.Message.TrimEnd('.'), error);
        }
    }

    /// <summary>Bytes of an object (listed, or found now by listing its key); fewer there than asked for is a damaged table.</summary>
    private static byte[] ObjectBytes(IObjectStore store, string key, ObjectInfo? listed, long offset, int count, ObjectReadOptions options)
    {
        string name = ObjectRangeReader.NameOf(store, key);
        ObjectInfo target = listed ?? ObjectListing.Take(store, key, options).Find(o => o.Key == key)
            ?? throw AlimentarThrow.Unavailable(name, "its Delta log names it as a deletion vector, but it is not there");
        return offset <= target.Length - count
            ? SmallObjectRead.Range(store, target, offset, count, options)
            : throw AlimentarThrow.Corrupt(name, $"it ends before byte {offset + count}, which its Delta log reads to");
    }

    /// <summary>A Delta checkpoint's rows, its parts read in order; a part may lack the newer fields (deletion vectors, reader features).</summary>
    private static IEnumerable<DeltaCheckpointRow> CheckpointRows(IEnumerable<ParquetSource<DeltaCheckpointRow>> parts)
    {
        using var streaming = new StreamingDataset<DeltaCheckpointRow>(new ChainedSource<DeltaCheckpointRow>(parts.Select(part => part.MissingColumnsAsNull())));
        foreach (DeltaCheckpointRow row in streaming.Rows())
        {
            yield return row;
        }
    }
}
