namespace Alimentar.Storage;

/// <summary>
/// The data files of a Delta table's version that a folder or prefix reads, each where it is: one home for what the log
/// says to read, shared by typed sources (<see cref="ParquetSource{T}.FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/>)
/// and untyped tools (<see cref="DeltaTable.Files(string, long?)"/>).
/// </summary>
/// <param name="Name">The folder or prefix read, as errors and an empty source name it.</param>
/// <param name="Version">The version listed: the one asked for, or the latest the log held when it was read.</param>
/// <param name="Files">The files of the version below it, in the log's order; every one is there (checked for a local table).</param>
internal sealed record DeltaTableListing(string Name, long Version, IReadOnlyList<DeltaTableFile> Files)
{
    /// <summary>The files of <paramref name="table"/> at <paramref name="version"/> (the latest when null) below <paramref name="directory"/>, its root or a partition folder of it.</summary>
    /// <exception cref="SourceUnavailableException">The log names a file that is not there.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The log names a file by a URI a local table cannot reach, or uses what the log alone cannot honour.</exception>
    public static DeltaTableListing Local(string directory, string table, long? version)
    {
        string log = Path.Combine(table, DeltaLog.Folder);
        var folder = new DeltaLogFolder(
            [.. Directory.EnumerateFiles(log).Select(Path.GetFileName).OfType<string>()],
            name => File.ReadAllText(Path.Combine(log, name)),
            parts => CheckpointRows(parts.Select(name => new ParquetSource<DeltaCheckpointRow>(Path.Combine(log, name)))));
        string below = Path.GetRelativePath(table, directory).Replace(Path.DirectorySeparatorChar, '/');
        string Local(string path) => DeltaPaths.LocalPath(path)
            ?? (DeltaPaths.IsAbsolute(path)
                ? throw AlimentarThrow.Unsupported(table, $"its Delta log names '{path}', which a table in a folder cannot reach (it follows file: URIs)")
                : Path.Combine(table, path.Replace('/', Path.DirectorySeparatorChar)));
        var files = new List<DeltaTableFile>();
        (long listedVersion, List<DeltaDataFile> current) = DeltaLog.CurrentFiles(table, folder, version);
        foreach (DeltaDataFile file in current)
        {
            if (below != "." && !file.Path.StartsWith(below + "/", StringComparison.Ordinal))
            {
                continue;
            }

            string path = Local(file.Path);
            if (!File.Exists(path))
            {
                throw Missing(directory, file);
            }

            files.Add(new DeltaTableFile(file, table, path, store: null, path, listed: null, (vector, offset, count) => FileBytes(Local(vector), offset, count)));
        }

        return new DeltaTableListing(directory, listedVersion, files);
    }

    /// <summary>
    /// The files of the table under <paramref name="table"/> (whose log's objects <paramref name="logObjects"/> are) at
    /// <paramref name="version"/> (the latest when null) below <paramref name="root"/>, whose listing is <paramref name="listed"/>.
    /// </summary>
    /// <exception cref="SourceUnavailableException">The log names a file that is not there, or a checkpoint part that is not.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The log names a file in another bucket or account, or uses what the log alone cannot honour.</exception>
    public static DeltaTableListing InStore(
        IObjectStore store, string root, List<ObjectInfo> listed, string table, Dictionary<string, ObjectInfo> logObjects, long? version, ObjectReadOptions? options)
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
        string name = ObjectRangeReader.NameOf(store, root);
        string KeyOf(string path) => !DeltaPaths.IsAbsolute(path) ? table + path
            : DeltaPaths.KeyIn(store, path) ?? throw AlimentarThrow.Unsupported(tableName, $"its Delta log names '{path}', which {store.Name} does not hold (a file in another bucket or account)");

        // A file named by URI (a shallow clone's) lies outside the listing: it is there unless reading it says otherwise.
        bool InTable(DeltaDataFile file) => root == table || (!DeltaPaths.IsAbsolute(file.Path) && (table + file.Path).StartsWith(root, StringComparison.Ordinal));
        var files = new List<DeltaTableFile>();
        (long listedVersion, List<DeltaDataFile> current) = DeltaLog.CurrentFiles(tableName, log, version);
        foreach (DeltaDataFile file in current.Where(InTable))
        {
            string key = KeyOf(file.Path);
            ObjectInfo? known = byKey.GetValueOrDefault(key);
            if (known is null && !DeltaPaths.IsAbsolute(file.Path))
            {
                throw Missing(name, file);
            }

            files.Add(new DeltaTableFile(
                file, tableName, ObjectRangeReader.NameOf(store, key), store, key, known,
                (vector, offset, count) => ObjectBytes(store, KeyOf(vector), byKey.GetValueOrDefault(KeyOf(vector)), offset, count, settings),
                settings));
        }

        return new DeltaTableListing(name, listedVersion, files);
    }

    /// <summary>A file the log names that the folder or listing lacks: vacuumed, or a partial copy of the table.</summary>
    private static SourceUnavailableException Missing(string folder, DeltaDataFile file) =>
        AlimentarThrow.Unavailable(folder, $"its Delta log names '{file.Path}', which is not there (vacuumed, or the table was copied in part)");

    /// <summary>Bytes of a local file (a deletion vector's); fewer there than asked for is a damaged table.</summary>
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
