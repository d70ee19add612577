namespace Alimentar.Storage;

/// <summary>
/// Which files under a dataset's directory or prefix hold its rows. Spark, Hive and Arrow's dataset discovery leave out
/// every path with a part that starts with <c>_</c> or <c>.</c>: a failed Spark job's <c>_temporary</c> attempts,
/// <c>_SUCCESS</c> and <c>_metadata</c> summaries, <c>.ipynb_checkpoints</c> copies, hidden temporary files; reading
/// them would repeat or corrupt the dataset's rows.
/// </summary>
internal static class DatasetPaths
{
    /// <summary>Whether <paramref name="relativePath"/>, below the dataset's root, has a part that starts with <c>_</c> or <c>.</c>.</summary>
    public static bool IsHidden(string relativePath)
    {
        foreach (string part in relativePath.Split('/', '\\'))
        {
            if (part.Length > 0 && part[0] is '_' or '.')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The files of a directory (and its subdirectories) matching <paramref name="searchPattern"/>, hidden ones left
    /// out (<see cref="IsHidden"/>), in ordinal path order: what a pass over a directory reads, file after file.
    /// </summary>
    /// <exception cref="SourceUnavailableException">The directory holds no such file, or only hidden ones.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The directory is an Iceberg or Hudi table, whose files are not all its rows.</exception>
    public static string[] LocalFiles(string directory, string searchPattern)
    {
        if (UnreadTableFormats.Refusal(directory) is { } refusal)
        {
            throw AlimentarThrow.Unsupported(directory, refusal);
        }

        string[] matching = Directory.GetFiles(directory, searchPattern, SearchOption.AllDirectories);
        string[] files = Array.FindAll(matching, file => !IsHidden(Path.GetRelativePath(directory, file)));
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            throw AlimentarThrow.Unavailable(directory, matching.Length == 0
                ? $"it holds no file matching '{searchPattern}'"
                : $"its {matching.Length} files matching '{searchPattern}' all lie in paths starting with '_' or '.', which datasets leave out");
        }

        return files;
    }

    /// <summary>
    /// The objects of a listing under <paramref name="prefix"/> whose keys end with <paramref name="suffix"/>, not empty,
    /// hidden ones left out (<see cref="IsHidden"/> below the prefix's folder), in ordinal key order: what a pass over
    /// a prefix reads, object after object.
    /// </summary>
    /// <exception cref="SourceUnavailableException">No such object, or only hidden ones.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The prefix is an Iceberg or Hudi table, whose files are not all its rows.</exception>
    public static List<ObjectInfo> StoreObjects(IObjectStore store, string prefix, List<ObjectInfo> listed, string suffix)
    {
        if (UnreadTableFormats.Refusal(store, prefix[..(prefix.LastIndexOf('/') + 1)], listed) is { } refusal)
        {
            throw AlimentarThrow.Unsupported(ObjectRangeReader.NameOf(store, prefix), refusal);
        }

        List<ObjectInfo> matching = listed.FindAll(o => o.Key.EndsWith(suffix, StringComparison.Ordinal) && o.Length > 0);
        List<ObjectInfo> objects = [.. matching.Where(o => !IsHidden(BelowPrefix(o.Key, prefix))).OrderBy(o => o.Key, StringComparer.Ordinal)];
        if (objects.Count == 0)
        {
            throw AlimentarThrow.Unavailable(ObjectRangeReader.NameOf(store, prefix), matching.Count == 0
                ? $"no object under it ends with '{suffix}'"
                : $"its {matching.Count} objects ending with '{suffix}' all lie in paths starting with '_' or '.', which datasets leave out");
        }

        return objects;
    }

    /// <summary>The part of <paramref name="key"/> below the folder <paramref name="prefix"/> names (up to its last <c>/</c>).</summary>
    public static string BelowPrefix(string key, string prefix)
    {
        int folder = prefix.LastIndexOf('/') + 1;
        return key.Length >= folder ? key[folder..] : key;
    }
}
