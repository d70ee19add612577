namespace Alimentar.Storage;

/// <summary>
/// Table formats whose folders hold Parquet files that are not all the table's rows, and whose metadata Alimentar does
/// not read: an Apache Iceberg table keeps the files its snapshots replaced (and its delete files, Parquet too) until
/// they expire, and an Apache Hudi table keeps every version of a file group. Read as a plain dataset, either would
/// repeat or resurrect rows without a word, so a dataset that is one is refused, naming what gave it away.
/// </summary>
internal static class UnreadTableFormats
{
    private const string IcebergMetadata = "metadata";
    private const string HudiTimeline = ".hoodie";

    /// <summary>Why the folder <paramref name="directory"/> (or the table it is a data or partition folder of) cannot be read as a dataset; null when it can.</summary>
    public static string? Refusal(string directory)
    {
        string? folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        while (folder is not null)
        {
            if (Directory.Exists(Path.Combine(folder, HudiTimeline)))
            {
                return Hudi(Path.Combine(folder, HudiTimeline));
            }

            string metadata = Path.Combine(folder, IcebergMetadata);
            if (Directory.Exists(metadata) && Directory.EnumerateFiles(metadata).Select(Path.GetFileName).FirstOrDefault(IsIcebergMetadata) is { } file)
            {
                return Iceberg(Path.Combine(metadata, file));
            }

            // A table's data folder, or a partition folder below it, is read from the table's root up.
            string name = Path.GetFileName(folder);
            folder = name == "data" || name.Contains('=', StringComparison.Ordinal) ? Path.GetDirectoryName(folder) : null;
        }

        return null;
    }

    /// <summary>
    /// Why the prefix whose folder is <paramref name="root"/> cannot be read as a dataset, from its listing; null when it
    /// can. A table's data folder or a partition below it (<c>table/data/</c>, <c>table/data/day=1/</c>) costs one more
    /// listing, of the table's <c>metadata/</c>.
    /// </summary>
    public static string? Refusal(IObjectStore store, string root, IReadOnlyList<ObjectInfo> listed)
    {
        if (Found(store, root, listed) is { } found)
        {
            return found;
        }

        string[] parts = root.TrimEnd('/').Split('/');
        int below = parts.Reverse().TakeWhile(part => part.Contains('=', StringComparison.Ordinal)).Count();
        if (root.Length == 0 || parts.Length - below < 1 || parts[^(below + 1)] != "data")
        {
            return null;
        }

        string table = string.Concat(parts[..^(below + 1)].Select(part => part + "/"));
        return Found(store, table, ObjectListing.Take(store, table + IcebergMetadata + "/", ObjectReadOptions.Default));
    }

    private static string? Found(IObjectStore store, string root, IReadOnlyList<ObjectInfo> listed)
    {
        foreach (ObjectInfo item in listed)
        {
            string below = item.Key.Length > root.Length ? item.Key[root.Length..] : string.Empty;
            if (below.StartsWith(HudiTimeline + "/", StringComparison.Ordinal))
            {
                return Hudi(ObjectRangeReader.NameOf(store, root + HudiTimeline));
            }

            if (below.StartsWith(IcebergMetadata + "/", StringComparison.Ordinal) && IsIcebergMetadata(below[(IcebergMetadata.Length + 1)..]))
            {
                return Iceberg(ObjectRangeReader.NameOf(store, item.Key));
            }
        }

        return null;
    }

    /// <summary>An Iceberg table's metadata file: <c>v3.metadata.json</c>, <c>00002-….metadata.json</c> (gzipped too), or the <c>version-hint.text</c> beside them.</summary>
    private static bool IsIcebergMetadata(string? name) =>
        name is not null && !name.Contains('/', StringComparison.Ordinal)
        && (name.EndsWith(".metadata.json", StringComparison.Ordinal) || name.EndsWith(".metadata.json.gz", StringComparison.Ordinal) || name == "version-hint.text");

    private static string Iceberg(string evidence) =>
        $"it is an Apache Iceberg table ({evidence}), whose rows are those its current snapshot's manifests name, less its delete files; " +
        "its folders keep the files older snapshots replaced, so reading every Parquet file would repeat or resurrect rows, and Alimentar does not read Iceberg metadata: " +
        "read the snapshot's data files by name (a ChainedSource of ParquetSource), or export the table";

    private static string Hudi(string evidence) =>
        $"it is an Apache Hudi table ({evidence}), whose rows are those its timeline's latest file slices hold; " +
        "its folders keep every version of a file group, so reading every Parquet file would repeat or resurrect rows, and Alimentar does not read Hudi's timeline: " +
        "read the latest files by name (a ChainedSource of ParquetSource), or export the table";
}
