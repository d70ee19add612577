namespace Alimentar.Storage;

/// <summary>Finds the Delta Lake table a folder or object-store prefix is, or is a partition folder of: where its <c>_delta_log</c> is.</summary>
internal static class DeltaTableLocator
{
    /// <summary>
    /// The Delta table <paramref name="directory"/> is, or whose partition folder (<c>table/city=Lisbon</c>) it is: the
    /// folder holding <c>_delta_log</c>; null for a plain dataset.
    /// </summary>
    public static string? Find(string directory)
    {
        string table = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        while (!Directory.Exists(Path.Combine(table, DeltaLog.Folder)) && Path.GetFileName(table).Contains('=', StringComparison.Ordinal)
            && Path.GetDirectoryName(table) is { } parent)
        {
            table = parent;
        }

        return Directory.Exists(Path.Combine(table, DeltaLog.Folder)) ? table : null;
    }

    /// <summary>
    /// The Delta table (its key prefix, and its log's objects by file name) the folder <paramref name="root"/> is, or whose
    /// partition folder it is (a log holding a commit or a checkpoint); null for a plain dataset. Only a partition folder
    /// costs a listing, of the log above it.
    /// </summary>
    public static (string Table, Dictionary<string, ObjectInfo> Log)? Find(IObjectStore store, string root, List<ObjectInfo> listed, ObjectReadOptions options)
    {
        // The log's objects by their names below its folder: its own files, and a V2 checkpoint's sidecars.
        static Dictionary<string, ObjectInfo> LogOf(string table, IEnumerable<ObjectInfo> objects) => objects
            .Where(o => o.Key.StartsWith(table + DeltaLog.Folder + "/", StringComparison.Ordinal))
            .Select(o => (Name: o.Key[(table.Length + DeltaLog.Folder.Length + 1)..], Object: o))
            .Where(o => !o.Name.Contains('/', StringComparison.Ordinal)
                || (o.Name.StartsWith(DeltaLog.Sidecars + "/", StringComparison.Ordinal) && o.Name.IndexOf('/', DeltaLog.Sidecars.Length + 1) < 0))
            .ToDictionary(o => o.Name, o => o.Object, StringComparer.Ordinal);

        Dictionary<string, ObjectInfo> log = LogOf(root, listed);
        string table = root;
        if (DeltaLog.Newest(log.Keys) is null)
        {
            string[] parts = root.TrimEnd('/').Split('/');
            int partitions = parts.Reverse().TakeWhile(part => part.Contains('=', StringComparison.Ordinal)).Count();
            if (root.Length == 0 || partitions == 0)
            {
                return null;
            }

            table = string.Concat(parts[..^partitions].Select(part => part + "/"));
            log = LogOf(table, ObjectListing.Take(store, table + DeltaLog.Folder + "/", options));
        }

        return DeltaLog.Newest(log.Keys) is not null ? (table, log) : null;
    }
}
