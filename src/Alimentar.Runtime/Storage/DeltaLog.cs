using System.Globalization;
using System.Text.Json;

namespace Alimentar.Storage;

/// <summary>
/// A Delta Lake table's current data files, replayed from its commit log (<c>_delta_log/00000000000000000000.json</c>
/// and on): each commit adds files and removes others (an update or a compaction rewrites files, a vacuum deletes the
/// removed ones later), so a table's folder holds files its current version no longer has, and reading every Parquet
/// file in it would repeat or resurrect rows. Each file comes with its partition values (the log's, not its path's:
/// a table may keep files in random prefix folders), its deletion vector if a delete, update or merge removed rows
/// without rewriting it (<see cref="DeltaDeletionVector"/>), and the table's column mapping if its columns are stored
/// under physical names (<see cref="DeltaColumnMapping"/>). What cannot be honoured is refused rather than read
/// wrongly: reader features this reader lacks, and a log whose early commits were cleaned up with no checkpoint to
/// stand for them.
/// </summary>
/// <remarks>
/// As Delta's own readers do, the state is taken from the latest checkpoint (<c>N.checkpoint.parquet</c>, its parts
/// <c>N.checkpoint.0000000001.0000000002.parquet</c>, or a V2 checkpoint <c>N.checkpoint.UUID.json</c> with its
/// sidecars) whose later commits are all there, and those commits replayed on it; without one, every commit from the
/// first. A long-lived table's log keeps its commits for 30 days by default and
/// writes a checkpoint every ten, so both are needed.
/// </remarks>
internal static class DeltaLog
{
    /// <summary>The log's folder, directly below the table's root.</summary>
    public const string Folder = "_delta_log";

    /// <summary>Where a V2 checkpoint's sidecars are, below the log's folder.</summary>
    public const string Sidecars = "_sidecars";

    private const string ColumnMappingMode = "delta.columnMapping.mode";

    // Reader features that change nothing for a reader of the current files' rows, or that are checked on their own.
    // Variants, shredded or not, are not decoded: a member bound to one reads the groups the files store (metadata,
    // value and any typed_value) as they are, and the table's other columns read as in any table.
    private static readonly HashSet<string> ReadableFeatures = new(StringComparer.Ordinal)
    {
        "timestampNtz", "deletionVectors", "columnMapping", "v2Checkpoint", "vacuumProtocolCheck",
        "typeWidening", "typeWidening-preview", "variantType", "variantType-preview", "variantShredding", "variantShredding-preview",
    };

    /// <summary>The latest version the log's files <paramref name="names"/> record: its newest commit or checkpoint; null when it has neither.</summary>
    public static long? Newest(IEnumerable<string> names)
    {
        long? newest = null;
        foreach (string name in names)
        {
            if ((IsCommit(name, out long version) || IsCheckpointPart(name, out version, out _, out _) || IsV2Checkpoint(name, out version)) && (newest is null || version > newest))
            {
                newest = version;
            }
        }

        return newest;
    }

    /// <summary>Whether <paramref name="fileName"/> is a commit of the log (twenty digits and <c>.json</c>), and its version.</summary>
    public static bool IsCommit(string fileName, out long version)
    {
        version = 0;
        return fileName.Length == 25 && fileName.EndsWith(".json", StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>
    /// The table's data files at its latest version, as paths relative to its root (<c>/</c>-separated, unescaped), in
    /// ordinal order, each with its partition values, its deletion vector and the table's column mapping.
    /// </summary>
    /// <param name="table">The table's root, for errors.</param>
    /// <param name="log">The log folder's files, and how to read them.</param>
    /// <param name="asOf">The version to read (time travel); null for the latest.</param>
    /// <exception cref="SourceUnavailableException">The log holds no commit, or none as late as <paramref name="asOf"/>.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The table uses what the log alone cannot honour.</exception>
    /// <returns>The version read (<paramref name="asOf"/>, or the latest the log holds), and its files.</returns>
    public static (long Version, List<DeltaDataFile> Files) CurrentFiles(string table, DeltaLogFolder log, long? asOf = null)
    {
        var commits = new SortedDictionary<long, string>();
        var checkpoints = new Dictionary<long, List<(int Part, int Parts, string Name)>>();
        var v2Checkpoints = new Dictionary<long, string>();
        foreach (string name in log.Names)
        {
            if (IsCommit(name, out long version))
            {
                commits[version] = name;
            }
            else if (IsCheckpointPart(name, out version, out int part, out int parts))
            {
                (checkpoints.TryGetValue(version, out var found) ? found : checkpoints[version] = []).Add((part, parts, name));
            }
            else if (IsV2Checkpoint(name, out version))
            {
                v2Checkpoints[version] = name;
            }
        }

        // A log cleaned up to its last checkpoint may hold no commit at all: the checkpoint is the latest version.
        long[] complete = [.. checkpoints.Where(c => IsComplete(c.Value)).Select(c => c.Key).Concat(v2Checkpoints.Keys)];
        if (commits.Count == 0 && complete.Length == 0)
        {
            throw AlimentarThrow.Unavailable(table, $"its {Folder} folder holds no commit");
        }

        long newest = commits.Keys.Concat(complete).Max();
        if (asOf > newest)
        {
            throw AlimentarThrow.Unavailable(table, $"it has no version {asOf}: its Delta log's latest is {newest}");
        }

        long latest = asOf ?? newest;
        long? start = complete
            .Where(version => version <= latest && Contiguous(commits, version + 1, latest))
            .Select(version => (long?)version)
            .Max();
        var current = new State();
        if (start is long checkpoint)
        {
            if (v2Checkpoints.TryGetValue(checkpoint, out string? v2))
            {
                ApplyV2Checkpoint(table, checkpoint, v2, log, current);
            }
            else
            {
                ApplyCheckpointRows(table, checkpoint, log.ReadCheckpoint([.. checkpoints[checkpoint].OrderBy(p => p.Part).Select(p => p.Name)]), current);
            }
        }
        else if (!Contiguous(commits, 0, latest))
        {
            long first = commits.Keys.Min();
            throw AlimentarThrow.Unsupported(table, first > 0
                ? $"its Delta log starts at version {first}: earlier commits were cleaned up, and no checkpoint with every later commit stands for them"
                : $"its Delta log lacks a commit between {first} and {latest}");
        }

        for (long version = start + 1 ?? 0; version <= latest; version++)
        {
            foreach (string line in log.ReadText(commits[version]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Apply(table, version, line, current);
            }
        }

        DeltaTableSchema schema = DeltaTableSchema.Parse(current.Schema);
        DeltaColumnMapping? mapping = DeltaColumnMapping.Of(table, current.MappingMode, schema);
        DeltaStatisticsColumns? statistics = DeltaStatisticsColumns.Of(schema, mapped: mapping is not null);
        IReadOnlySet<string>? columns = TableColumns(schema);
        return (latest, [.. current.Files.OrderBy(file => file.Key, StringComparer.Ordinal).Select(file => new DeltaDataFile(
            file.Key, file.Value.Vector, [.. file.Value.Partitions.Select(p => (mapping?.LogicalName(p.Key) ?? p.Key, p.Value))], mapping)
        {
            Statistics = file.Value.Stats is { } stats && statistics is not null ? new DeltaFileStatistics(stats, statistics) : null,
            TableColumns = columns,
        })]);
    }

    /// <summary>
    /// The table's top-level column names (Delta's names are case-insensitive), from its schema; null when the schema does
    /// not say. A data file may hold more (a change data feed's <c>_change_type</c>), which are not the table's.
    /// </summary>
    private static IReadOnlySet<string>? TableColumns(DeltaTableSchema schema)
    {
        if (schema.Fields is not { } fields)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonElement field in fields)
        {
            if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("name", out JsonElement name) || name.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            names.Add(name.GetString()!);
        }

        return names;
    }

    /// <summary>The table as replayed so far: its files, and the column mapping its latest metadata sets.</summary>
    private sealed class State
    {
        public Dictionary<string, (DeltaDeletionVector? Vector, IReadOnlyList<(string Key, string? Value)> Partitions, string? Stats)> Files { get; } = new(StringComparer.Ordinal);

        public string? MappingMode { get; private set; }

        public string? Schema { get; private set; }

        public void SetMetadata(string? schema, string? mappingMode)
        {
            Schema = schema;
            MappingMode = mappingMode;
        }
    }

    /// <summary>Whether <paramref name="fileName"/> is a classic checkpoint (<c>N.checkpoint.parquet</c>) or one of its parts (<c>N.checkpoint.P.T.parquet</c>).</summary>
    private static bool IsCheckpointPart(string fileName, out long version, out int part, out int parts)
    {
        version = 0;
        part = parts = 1;
        const string Single = ".checkpoint.parquet";
        if (fileName.Length == 20 + Single.Length && fileName.EndsWith(Single, StringComparison.Ordinal))
        {
            return long.TryParse(fileName.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out version);
        }

        // 00000000000000000010.checkpoint.0000000001.0000000003.parquet
        return fileName.Length == 20 + ".checkpoint.".Length + 10 + 1 + 10 + ".parquet".Length
            && fileName.AsSpan(20).StartsWith(".checkpoint.", StringComparison.Ordinal) && fileName.EndsWith(".parquet", StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && int.TryParse(fileName.AsSpan(32, 10), NumberStyles.None, CultureInfo.InvariantCulture, out part)
            && int.TryParse(fileName.AsSpan(43, 10), NumberStyles.None, CultureInfo.InvariantCulture, out parts)
            && part >= 1 && part <= parts;
    }

    /// <summary>Whether <paramref name="fileName"/> is a V2 checkpoint: <c>N.checkpoint.UUID.json</c> or <c>.parquet</c>.</summary>
    private static bool IsV2Checkpoint(string fileName, out long version)
    {
        version = 0;
        string[] parts = fileName.Split('.');
        return parts.Length == 4 && parts[0].Length == 20 && parts[1] == "checkpoint" && Guid.TryParseExact(parts[2], "D", out _)
            && parts[3] is "json" or "parquet"
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>
    /// A V2 checkpoint: its actions (JSON lines, or Parquet rows as a classic checkpoint's), among them the sidecars
    /// (<c>_delta_log/_sidecars/*.parquet</c>) that hold the table's files as a classic checkpoint's rows.
    /// </summary>
    private static void ApplyV2Checkpoint(string table, long version, string name, DeltaLogFolder log, State current)
    {
        var sidecars = new List<string>();
        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            foreach (string line in log.ReadText(name).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Apply(table, version, line, current, sidecars);
            }
        }
        else
        {
            ApplyCheckpointRows(table, version, log.ReadCheckpoint([name]), current, sidecars);
        }

        foreach (string sidecar in sidecars)
        {
            string relative = Uri.UnescapeDataString(sidecar);
            if (relative.Contains('/', StringComparison.Ordinal) || relative.Contains('\\', StringComparison.Ordinal))
            {
                throw AlimentarThrow.Unsupported(table, $"its Delta checkpoint {version} names the sidecar '{relative}' outside {Folder}/{Sidecars}, which Alimentar does not follow");
            }

            ApplyCheckpointRows(table, version, log.ReadCheckpoint([$"{Sidecars}/{relative}"]), current);
        }
    }

    private static bool IsComplete(List<(int Part, int Parts, string Name)> parts) =>
        parts.Select(p => p.Parts).Distinct().Count() == 1 && parts.Select(p => p.Part).Distinct().Count() == parts[0].Parts;

    private static bool Contiguous(SortedDictionary<long, string> commits, long from, long to)
    {
        for (long version = from; version <= to; version++)
        {
            if (!commits.ContainsKey(version))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A checkpoint's rows: the same actions as a commit's lines, in columns; a V2 checkpoint's sidecars are collected.</summary>
    private static void ApplyCheckpointRows(string table, long version, IEnumerable<DeltaCheckpointRow> rows, State current, List<string>? sidecars = null)
    {
        foreach (DeltaCheckpointRow row in rows)
        {
            ApplyCheckpointRow(table, version, row, current);
            if (row.Sidecar?.Path is { } sidecar)
            {
                sidecars?.Add(sidecar);
            }
        }
    }

    private static void ApplyCheckpointRow(string table, long version, DeltaCheckpointRow row, State current)
    {
        if (row.Add is { } add)
        {
            string path = Unescaped(table, version, add.Path);
            current.Files[path] = (
                add.DeletionVector is { StorageType: not null } vector ? CheckpointVector(table, version, path, vector) : null,
                [.. (add.PartitionValues ?? []).Select(p => (p.Key, p.Value))],
                add.Stats);
        }

        if (row.MetaData is { } metadata)
        {
            current.SetMetadata(metadata.SchemaString, metadata.Configuration?.GetValueOrDefault(ColumnMappingMode));
        }

        if (row.Protocol?.ReaderFeatures is { } features)
        {
            CheckReaderFeatures(table, features);
        }
    }

    private static void Apply(string table, long version, string line, State current, List<string>? sidecars = null)
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

        foreach (JsonProperty kind in action.EnumerateObject())
        {
            if (kind.Name is "add" or "remove" or "metaData" or "protocol" or "sidecar" && kind.Value.ValueKind != JsonValueKind.Object)
            {
                throw AlimentarThrow.Corrupt(table, $"its Delta commit {version} holds a '{kind.Name}' action that is not an object");
            }
        }

        if (action.TryGetProperty("add", out JsonElement add))
        {
            string path = PathOf(table, version, add);
            current.Files[path] = (
                add.TryGetProperty("deletionVector", out JsonElement vector) && vector.ValueKind == JsonValueKind.Object ? CommitVector(table, version, path, vector) : null,
                add.TryGetProperty("partitionValues", out JsonElement partitions) && partitions.ValueKind == JsonValueKind.Object
                    ? [.. partitions.EnumerateObject().Select(p => (p.Name, PartitionText(p.Value)))]
                    : [],
                Text(add, "stats"));
        }
        else if (action.TryGetProperty("remove", out JsonElement remove))
        {
            current.Files.Remove(PathOf(table, version, remove));
        }
        else if (action.TryGetProperty("sidecar", out JsonElement sidecar) && sidecar.ValueKind == JsonValueKind.Object && sidecars is not null)
        {
            sidecars.Add(Text(sidecar, "path") ?? throw AlimentarThrow.Unsupported(table, $"its Delta checkpoint {version} names a sidecar without a path"));
        }
        else if (action.TryGetProperty("metaData", out JsonElement metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            current.SetMetadata(
                Text(metadata, "schemaString"),
                metadata.TryGetProperty("configuration", out JsonElement configuration) && configuration.ValueKind == JsonValueKind.Object ? Text(configuration, ColumnMappingMode) : null);
        }
        else if (action.TryGetProperty("protocol", out JsonElement protocol) && protocol.TryGetProperty("readerFeatures", out JsonElement features)
            && features.ValueKind == JsonValueKind.Array)
        {
            CheckReaderFeatures(table, [.. features.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.String ? f.GetString()! : string.Empty)]);
        }
    }

    private static DeltaDeletionVector CheckpointVector(string table, long version, string path, DeltaCheckpointDeletionVector vector) =>
        vector is { StorageType: { } storage, PathOrInlineDv: { } where, SizeInBytes: int size, Cardinality: long cardinality }
            ? new DeltaDeletionVector(storage, where, vector.Offset, size, cardinality)
            : throw IncompleteVector(table, version, path);

    private static DeltaDeletionVector CommitVector(string table, long version, string path, JsonElement vector)
    {
        long? Number(string name) => vector.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number : null;

        return Text(vector, "storageType") is { } storage && Text(vector, "pathOrInlineDv") is { } where && Number("sizeInBytes") is long size && size is >= 0 and <= int.MaxValue
            && Number("cardinality") is long cardinality
            ? new DeltaDeletionVector(storage, where, Number("offset"), (int)size, cardinality)
            : throw IncompleteVector(table, version, path);
    }

    private static CorruptParquetFileException IncompleteVector(string table, long version, string path) =>
        AlimentarThrow.Corrupt(table, $"its Delta log at version {version} gives the file '{path}' a deletion vector without its storage type, path, size or cardinality");

    /// <summary>A partition value: a string as the spec says, a number or flag as its text (a lenient writer's), null otherwise.</summary>
    private static string? PartitionText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static string? Text(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void CheckReaderFeatures(string table, IEnumerable<string?> features)
    {
        if (features.FirstOrDefault(f => !ReadableFeatures.Contains(f ?? string.Empty)) is { } unknown)
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta protocol needs the reader feature '{unknown}', which Alimentar does not have");
        }
    }

    /// <summary>An action's file, relative to the table's root: Delta stores paths URI-escaped.</summary>
    private static string PathOf(string table, long version, JsonElement action) =>
        Unescaped(table, version, action.ValueKind == JsonValueKind.Object && action.TryGetProperty("path", out JsonElement path) && path.ValueKind == JsonValueKind.String ? path.GetString() : null);

    private static string Unescaped(string table, long version, string? escaped)
    {
        if (string.IsNullOrEmpty(escaped))
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta commit {version} names a file without a path");
        }

        // An absolute URI (a shallow clone's file in its source table) stays a URI, escaped, for DeltaPaths to follow.
        if (DeltaPaths.IsAbsolute(escaped))
        {
            return escaped;
        }

        string relative = Uri.UnescapeDataString(escaped);
        if (relative.StartsWith('/') || relative.Split('/').Contains(".."))
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta commit {version} names the file '{relative}', which is neither below the table's root nor a URI");
        }

        return relative;
    }
}
