using System.Globalization;
using System.Text.Json;

namespace Alimentar.Storage;

/// <summary>
/// A Delta Lake table's current data files, replayed from its commit log (<c>_delta_log/00000000000000000000.json</c>
/// and on): each commit adds files and removes others (an update or a compaction rewrites files, a vacuum deletes the
/// removed ones later), so a table's folder holds files its current version no longer has, and reading every Parquet
/// file in it would repeat or resurrect rows. What cannot be honoured from the log alone is refused rather than
/// read wrongly: deletion vectors (rows deleted without rewriting their file), column mapping (physical column names
/// that are not the table's), and a log cleaned up to a checkpoint.
/// </summary>
internal static class DeltaLog
{
    /// <summary>The log's folder, directly below the table's root.</summary>
    public const string Folder = "_delta_log";

    // Reader features that change nothing for a reader of the current files' rows, or that are checked on their own.
    private static readonly HashSet<string> ReadableFeatures = new(StringComparer.Ordinal)
    {
        "timestampNtz", "deletionVectors", "columnMapping", "v2Checkpoint", "vacuumProtocolCheck",
        "typeWidening", "typeWidening-preview", "variantType", "variantType-preview",
    };

    /// <summary>Whether <paramref name="fileName"/> is a commit of the log (twenty digits and <c>.json</c>), and its version.</summary>
    public static bool IsCommit(string fileName, out long version)
    {
        version = 0;
        return fileName.Length == 25 && fileName.EndsWith(".json", StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>
    /// The table's data files after every commit, as paths relative to its root (<c>/</c>-separated, unescaped), in
    /// ordinal order.
    /// </summary>
    /// <param name="table">The table's root, for errors.</param>
    /// <param name="commits">Every commit file of the log: its version and its text (one JSON action a line).</param>
    /// <exception cref="UnsupportedParquetFeatureException">The table uses what the log alone cannot honour.</exception>
    public static List<string> CurrentFiles(string table, IEnumerable<(long Version, string Text)> commits)
    {
        var current = new Dictionary<string, bool>(StringComparer.Ordinal); // path → has a deletion vector
        long expected = 0;
        foreach ((long version, string text) in commits.OrderBy(c => c.Version))
        {
            if (version != expected)
            {
                throw AlimentarThrow.Unsupported(table, expected == 0
                    ? $"its Delta log starts at version {version}: earlier commits were cleaned up into a checkpoint, which Alimentar does not read"
                    : $"its Delta log has no commit {expected} before {version}");
            }

            expected++;
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Apply(table, version, line, current);
            }
        }

        if (expected == 0)
        {
            throw AlimentarThrow.Unavailable(table, $"its {Folder} folder holds no commit");
        }

        if (current.FirstOrDefault(file => file.Value).Key is { } deleted)
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta file '{deleted}' has a deletion vector (rows deleted without rewriting the file), which Alimentar does not apply: it would read the deleted rows");
        }

        return [.. current.Keys.Order(StringComparer.Ordinal)];
    }

    private static void Apply(string table, long version, string line, Dictionary<string, bool> current)
    {
        JsonElement action;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            action = document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta commit {version} holds a line that is not JSON", inner: error);
        }

        if (action.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (action.TryGetProperty("add", out JsonElement add))
        {
            current[PathOf(table, version, add)] = add.TryGetProperty("deletionVector", out JsonElement vector) && vector.ValueKind == JsonValueKind.Object;
        }
        else if (action.TryGetProperty("remove", out JsonElement remove))
        {
            current.Remove(PathOf(table, version, remove));
        }
        else if (action.TryGetProperty("metaData", out JsonElement metadata)
            && metadata.TryGetProperty("configuration", out JsonElement configuration) && configuration.ValueKind == JsonValueKind.Object
            && configuration.TryGetProperty("delta.columnMapping.mode", out JsonElement mode) && mode.GetString() is { } named and not "none")
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta column mapping ('{named}') stores columns under names that are not the table's, which Alimentar does not map");
        }
        else if (action.TryGetProperty("protocol", out JsonElement protocol) && protocol.TryGetProperty("readerFeatures", out JsonElement features)
            && features.ValueKind == JsonValueKind.Array && features.EnumerateArray().Select(f => f.GetString() ?? string.Empty).FirstOrDefault(f => !ReadableFeatures.Contains(f)) is { } unknown)
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta protocol needs the reader feature '{unknown}', which Alimentar does not have");
        }
    }

    /// <summary>An action's file, relative to the table's root: Delta stores paths URI-escaped.</summary>
    private static string PathOf(string table, long version, JsonElement action)
    {
        string? escaped = action.ValueKind == JsonValueKind.Object && action.TryGetProperty("path", out JsonElement path) ? path.GetString() : null;
        if (string.IsNullOrEmpty(escaped))
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta commit {version} names a file without a path");
        }

        string relative = Uri.UnescapeDataString(escaped);
        if (relative.Contains("://", StringComparison.Ordinal) || relative.StartsWith('/') || relative.Split('/').Contains(".."))
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta commit {version} names the file '{relative}' outside the table (a shallow clone's), which Alimentar does not follow");
        }

        return relative;
    }
}
