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

    /// <summary>The part of <paramref name="key"/> below the folder <paramref name="prefix"/> names (up to its last <c>/</c>).</summary>
    public static string BelowPrefix(string key, string prefix)
    {
        int folder = prefix.LastIndexOf('/') + 1;
        return key.Length >= folder ? key[folder..] : key;
    }
}
