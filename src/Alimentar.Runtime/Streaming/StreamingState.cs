using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Alimentar;

/// <summary>
/// Where a training pass stands: the rows this rank's consumer has received in this epoch, with the
/// configuration that defines the order (seed, epoch, shard) and a fingerprint of the sources' units. Small,
/// versioned, and stored as JSON, so a checkpoint can be read by eye. Resume with
/// <see cref="StreamingDataset{T}.ResumeFrom(StreamingState)"/> on an identically configured dataset, or, on another
/// number of ranks, hand every rank's state to <see cref="StreamingDataset{T}.ResumeFrom(IEnumerable{StreamingState})"/>.
/// </summary>
/// <example>
/// <code>
/// File.WriteAllBytes("ckpt.bin", streaming.GetState().ToBytes());
/// // after a restart, configured the same way:
/// streaming.ResumeFrom(StreamingState.FromBytes(File.ReadAllBytes("ckpt.bin")));
/// </code>
/// </example>
public sealed record StreamingState
{
    /// <summary>The format name written into every state.</summary>
    public const string Format = "alimentar.streaming-state";

    /// <summary>The version of the layout this build writes and reads.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The layout version the state was written in.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The shuffle seed, or null when units kept their order.</summary>
    public int? Seed { get; init; }

    /// <summary>The epoch.</summary>
    public int Epoch { get; init; }

    /// <summary>Rows per shuffle window, or 0 when rows kept their order within units.</summary>
    public int ShuffleWindow { get; init; }

    /// <summary>Segments read side by side to fill each shuffle window, or 0 without a row shuffle.</summary>
    public int ShuffleLanes { get; init; }

    /// <summary>The rank the state belongs to.</summary>
    public int Rank { get; init; }

    /// <summary>The world size of the shard plan.</summary>
    public int WorldSize { get; init; } = 1;

    /// <summary>Whether the shard plan pads the remainder (<see cref="ShardRemainder.Pad"/>) instead of dropping it.</summary>
    public bool PadRemainder { get; init; }

    /// <summary>A fingerprint of the sources' units (their number and row counts), so another set of files is refused.</summary>
    public string Sources { get; init; } = string.Empty;

    /// <summary>The rows the consumer has received in this epoch; resuming continues with the next one.</summary>
    public long RowsConsumed { get; init; }

    /// <summary>
    /// After an elastic resume, the world size the epoch's order was planned for (that of the run that began it), which
    /// <see cref="Ranges"/> refer to; null when the rank reads its own share of a plan for <see cref="WorldSize"/>.
    /// </summary>
    public int? EpochWorldSize { get; init; }

    /// <summary>
    /// After an elastic resume, what this rank reads in this epoch, in order: stretches of the epoch's plan for
    /// <see cref="EpochWorldSize"/> ranks; <see cref="RowsConsumed"/> counts through them. Empty otherwise.
    /// </summary>
    public IReadOnlyList<EpochRange> Ranges { get; init; } = [];

    /// <summary>The state as UTF-8 JSON.</summary>
    /// <returns>Bytes for a checkpoint.</returns>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            if (Seed is { } seed)
            {
                json.WriteNumber("seed", seed);
            }
            else
            {
                json.WriteNull("seed");
            }

            json.WriteNumber("epoch", Epoch);
            json.WriteNumber("shuffleWindow", ShuffleWindow);
            json.WriteNumber("shuffleLanes", ShuffleLanes);
            json.WriteNumber("rank", Rank);
            json.WriteNumber("worldSize", WorldSize);
            json.WriteBoolean("padRemainder", PadRemainder);
            json.WriteString("sources", Sources);
            json.WriteNumber("rowsConsumed", RowsConsumed);
            if (EpochWorldSize is { } epochWorldSize)
            {
                json.WriteNumber("epochWorldSize", epochWorldSize);
                json.WriteStartArray("ranges");
                foreach (EpochRange range in Ranges)
                {
                    json.WriteStartObject();
                    json.WriteNumber("rank", range.Rank);
                    json.WriteNumber("start", range.Start);
                    json.WriteNumber("rows", range.Rows);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a state written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The checkpoint's bytes.</param>
    /// <returns>The state.</returns>
    /// <exception cref="FormatException">The bytes are not a streaming state this build can read, or hold a position no run reaches (a rank outside its world, a negative count, ranges outside the epoch).</exception>
    public static StreamingState FromBytes(ReadOnlySpan<byte> bytes)
    {
        StreamingState state;
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes.ToArray());
            JsonElement root = document.RootElement;
            if (!root.TryGetProperty("format", out JsonElement format) || format.GetString() != Format)
            {
                throw new FormatException($"The bytes are not a streaming state (no \"format\": \"{Format}\").");
            }

            int version = root.GetProperty("version").GetInt32();
            if (version > CurrentVersion)
            {
                throw new FormatException($"The streaming state is version {version}; this build reads up to version {CurrentVersion}.");
            }

            JsonElement seed = root.GetProperty("seed");
            state = new StreamingState
            {
                Version = version,
                Seed = seed.ValueKind == JsonValueKind.Null ? null : seed.GetInt32(),
                Epoch = root.GetProperty("epoch").GetInt32(),
                ShuffleWindow = root.TryGetProperty("shuffleWindow", out JsonElement window) ? window.GetInt32() : 0,
                ShuffleLanes = root.TryGetProperty("shuffleLanes", out JsonElement lanes) ? lanes.GetInt32() : 0,
                Rank = root.GetProperty("rank").GetInt32(),
                WorldSize = root.GetProperty("worldSize").GetInt32(),
                PadRemainder = root.TryGetProperty("padRemainder", out JsonElement pad) && pad.GetBoolean(),
                Sources = root.GetProperty("sources").GetString() ?? string.Empty,
                RowsConsumed = root.GetProperty("rowsConsumed").GetInt64(),
                EpochWorldSize = root.TryGetProperty("epochWorldSize", out JsonElement epochWorld) ? epochWorld.GetInt32() : null,
                Ranges = root.TryGetProperty("ranges", out JsonElement ranges)
                    ? ranges.EnumerateArray().Select(r => new EpochRange(r.GetProperty("rank").GetInt32(), r.GetProperty("start").GetInt64(), r.GetProperty("rows").GetInt64())).ToArray()
                    : [],
            };
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"The bytes are not a readable streaming state: {error.Message}", error);
        }

        return state.Damage() is { } damage ? throw new FormatException($"The streaming state is damaged: it holds {damage}, which no run takes.") : state;
    }

    /// <summary>
    /// What makes the state's position one no run could have reached (a damaged or hand-edited checkpoint): a rank
    /// outside its world, a negative count, or ranges outside the epoch's plan or past the rows a long can count;
    /// null when nothing does. Settings that must match the dataset's (seed, epoch, shuffle) are checked against it.
    /// </summary>
    internal string? Damage()
    {
        if (WorldSize < 1 || Rank < 0 || Rank >= WorldSize)
        {
            return $"rank {Rank} of a world of {WorldSize}";
        }

        if (RowsConsumed < 0)
        {
            return $"{RowsConsumed} rows consumed";
        }

        if (EpochWorldSize < 1)
        {
            return $"an epoch begun by {EpochWorldSize} ranks";
        }

        long ranged = 0;
        foreach (EpochRange range in Ranges)
        {
            if (range.Rank < 0 || range.Rank >= (EpochWorldSize ?? WorldSize) || range.Start < 0 || range.Rows < 0 || range.Rows > long.MaxValue - range.Start
                || range.Rows > long.MaxValue - ranged)
            {
                return $"a range of {range.Rows} rows from row {range.Start} of rank {range.Rank} of {EpochWorldSize ?? WorldSize}";
            }

            ranged += range.Rows;
        }

        return Ranges.Count > 0 && RowsConsumed > ranged ? $"{RowsConsumed} rows consumed of ranges of {ranged}" : null;
    }

    /// <summary>Whether <paramref name="other"/> describes the same position: every setting, and the same ranges in order.</summary>
    /// <param name="other">Another state.</param>
    /// <returns>True when they are equal.</returns>
    public bool Equals(StreamingState? other) =>
        other is not null && Version == other.Version && Seed == other.Seed && Epoch == other.Epoch && ShuffleWindow == other.ShuffleWindow
        && ShuffleLanes == other.ShuffleLanes && Rank == other.Rank && WorldSize == other.WorldSize && PadRemainder == other.PadRemainder
        && Sources == other.Sources && RowsConsumed == other.RowsConsumed && EpochWorldSize == other.EpochWorldSize && Ranges.SequenceEqual(other.Ranges);

    /// <summary>A hash of the position's settings.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Seed, Epoch, Rank, WorldSize, Sources, RowsConsumed, EpochWorldSize, Ranges.Count);

    /// <summary>The state as its JSON text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    /// <summary>A fingerprint of units: their number and each one's rows, hashed (FNV-1a, 64 bits).</summary>
    internal static string Fingerprint(IReadOnlyList<long> rowCounts)
    {
        ulong hash = 14695981039346656037UL;
        foreach (long count in rowCounts.Prepend(rowCounts.Count))
        {
            for (int shift = 0; shift < 64; shift += 8)
            {
                hash = (hash ^ (byte)(count >> shift)) * 1099511628211UL;
            }
        }

        return $"{rowCounts.Count} units, {rowCounts.Sum().ToString(CultureInfo.InvariantCulture)} rows, {hash:x16}";
    }
}
