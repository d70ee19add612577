namespace Alimentar.Storage;

/// <summary>
/// The paths a Delta log gives its files and deletion vectors: relative to the table's root, or absolute URIs to files
/// elsewhere, as a shallow clone names its source table's files. An absolute one is followed where the table's own
/// storage reaches it: a <c>file:</c> URI from a table in a folder or under a local store's root, and an <c>s3://</c>
/// (<c>s3a://</c>, <c>s3n://</c>) URI in the bucket of a table in S3. Any other (another bucket, an Azure account the
/// store cannot confirm) is refused by name rather than guessed at.
/// </summary>
internal static class DeltaPaths
{
    /// <summary>Whether <paramref name="path"/> is an absolute URI with an explicit scheme (not a path relative to the table).</summary>
    public static bool IsAbsolute(string path) => Absolute(path) is not null;

    /// <summary>The local file an absolute <c>file:</c> URI names; null for any other path.</summary>
    public static string? LocalPath(string path) => Absolute(path) is { IsFile: true } uri ? uri.LocalPath : null;

    /// <summary>The key in <paramref name="store"/> an absolute URI names; null when the store does not hold it.</summary>
    public static string? KeyIn(IObjectStore store, string path)
    {
        if (Absolute(path) is not { } uri)
        {
            return null;
        }

        if (uri.IsFile && store is LocalObjectStore)
        {
            string root = store.Name.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return uri.LocalPath.StartsWith(root, StringComparison.Ordinal) ? uri.LocalPath[root.Length..].Replace(Path.DirectorySeparatorChar, '/') : null;
        }

        string scheme = uri.Scheme is "s3a" or "s3n" ? "s3" : uri.Scheme;
        return scheme == "s3" && string.Equals(store.Name, $"s3://{uri.Host}", StringComparison.Ordinal)
            ? Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'))
            : null;
    }

    /// <summary>The URI <paramref name="path"/> spells out with its scheme; null for a relative path (or a Windows drive path).</summary>
    private static Uri? Absolute(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out Uri? uri) && uri.Scheme.Length > 1 && path.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase)
            ? uri
            : null;
}
