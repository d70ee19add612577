using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Alimentar.Parquet.Filtering;

namespace Alimentar.Storage;

/// <summary>
/// What a Delta table's log says about the values of one of its files (the <c>stats</c> of its <c>add</c> action: each
/// top-level column's minimum, maximum and null count, and the file's rows), as the summaries a filter judges row
/// groups by, so that a file a filter rules out is never opened (over an object store, not even its footer).
/// </summary>
/// <remarks>
/// A bound is used only where it surely bounds: integers and dates as written; floats and doubles widened by one unit
/// in the last place (their decimal text may not round back exactly; doubles by a float's, since a column widened from
/// float keeps float statistics); timestamps, which the log keeps to the
/// millisecond, widened by one; strings only when the maximum is shorter than the 32 characters Delta truncates to
/// (a truncated minimum still bounds from below, a truncated maximum does not). A file with deletion vectors has
/// bounds over rows since deleted, which bound the rows left too. Anything else (decimals, booleans, nested fields, a
/// value that does not parse) gives no bounds, so the file's own footer decides as it does for any file.
/// </remarks>
internal sealed class DeltaFileStatistics(string stats, DeltaStatisticsColumns columns)
{
    /// <summary>The length Delta truncates string statistics to: a maximum this long may have been cut.</summary>
    private const int TruncatedLength = 32;

    // Parsed once, on the first filter that asks; a file's planning and its read may ask from two threads.
    private readonly Lazy<JsonElement?> _parsed = new(() => Parse(stats));

    /// <summary>The log's summary of the table column <paramref name="column"/> binds to in this file; null when it says nothing usable.</summary>
    public ValueSummary? Summarize(ColumnDescriptor column, RowSchema rowSchema, string fileName)
    {
        if (column.IsList || column.Fields is not null || columns.Find(column, rowSchema, fileName) is not { } table
            || _parsed.Value is not { } stats || !stats.TryGetProperty("numRecords", out JsonElement records)
            || records.ValueKind != JsonValueKind.Number || !records.TryGetInt64(out long rows) || rows < 0)
        {
            return null;
        }

        JsonElement? Of(string part) => stats.TryGetProperty(part, out JsonElement values) && values.ValueKind == JsonValueKind.Object
            && values.TryGetProperty(table.Key, out JsonElement value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
            ? value
            : null;

        long? nullCount = Of("nullCount") is { ValueKind: JsonValueKind.Number } count && count.TryGetInt64(out long nulls) && nulls is >= 0 && nulls <= rows ? nulls : null;
        var leaf = new LeafColumn(MissingMember.NotInFile, new ColumnPath([table.Name]), table.Element, MaxDefinitionLevel: 1, MaxRepetitionLevel: 0);
        FileValueKind kind = FileValueKinds.Of(leaf, column.Type);
        if (!FileValueKinds.CanConvert(kind, column.Type))
        {
            return null;
        }

        (byte[]? min, byte[]? max) = Of("minValues") is { } low && Of("maxValues") is { } high ? Bounds(table.Type, low, high) : (null, null);
        return ValueSummary.Bounded(min, max, nullCount, rows, new BoundColumn(column, leaf, kind));
    }

    /// <summary>The stats object; null when there is none or it is damaged (the log's statistics are advisory).</summary>
    private static JsonElement? Parse(string stats)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(stats);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The bounds as the synthetic column stores them (PLAIN bytes), widened where the text may not be exact; nulls where they cannot be trusted.</summary>
    private static (byte[]? Min, byte[]? Max) Bounds(string type, JsonElement min, JsonElement max)
    {
        switch (type)
        {
            case "byte":
                return (Int32(min, sbyte.MinValue, sbyte.MaxValue), Int32(max, sbyte.MinValue, sbyte.MaxValue));
            case "short":
                return (Int32(min, short.MinValue, short.MaxValue), Int32(max, short.MinValue, short.MaxValue));
            case "integer":
                return (Int32(min, int.MinValue, int.MaxValue), Int32(max, int.MinValue, int.MaxValue));
            case "long":
                return (Int64(min), Int64(max));
            case "float":
                return (Single(min, MathF.BitDecrement), Single(max, MathF.BitIncrement));
            case "double":
                return (Double(min, down: true), Double(max, down: false));
            case "date":
                return (Date(min), Date(max));
            case "timestamp" or "timestamp_ntz":
                return (Timestamp(min, -1), Timestamp(max, +1));
            case "string" when min.ValueKind == JsonValueKind.String && max.ValueKind == JsonValueKind.String && max.GetString()!.Length < TruncatedLength:
                return (Encoding.UTF8.GetBytes(min.GetString()!), Encoding.UTF8.GetBytes(max.GetString()!));
            default:
                return (null, null);
        }
    }

    /// <summary>An integer of the column's width; one outside it (a damaged log) gives no bound rather than a wrapped one.</summary>
    private static byte[]? Int32(JsonElement value, int lowest, int highest)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number < lowest || number > highest)
        {
            return null;
        }

        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, number);
        return bytes;
    }

    private static byte[]? Int64(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? Int64Bytes(number) : null;

    private static byte[] Int64Bytes(long number)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, number);
        return bytes;
    }

    private static byte[]? Single(JsonElement value, Func<float, float> widen)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !float.IsFinite((float)number))
        {
            return null;
        }

        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, widen((float)number));
        return bytes;
    }

    /// <summary>
    /// A DOUBLE bound, widened by a unit in the last place, or by a float's where the text could be a float's: a column
    /// widened from float to double (Delta's type widening) keeps its older files' statistics as floats printed, and
    /// the float a text names may lie a float's unit from it as a double.
    /// </summary>
    private static byte[]? Double(JsonElement value, bool down)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            return null;
        }

        double widened = down ? Math.BitDecrement(number) : Math.BitIncrement(number);
        float single = (float)number;
        if (float.IsFinite(single))
        {
            double asFloat = down ? MathF.BitDecrement(single) : MathF.BitIncrement(single);
            widened = down ? Math.Min(widened, asFloat) : Math.Max(widened, asFloat);
        }

        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, widened);
        return bytes;
    }

    private static byte[]? Date(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return null;
        }

        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
        return bytes;
    }

    /// <summary>Microseconds since 1970 of an ISO 8601 time (its offset honoured; none is UTC, as a wall-clock TIMESTAMP_NTZ is stored), moved by a millisecond.</summary>
    private static byte[]? Timestamp(JsonElement value, int milliseconds)
    {
        if (value.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            || time.UtcDateTime.Year is <= 1 or >= 9999)
        {
            return null;
        }

        return Int64Bytes(((time.UtcTicks - DateTime.UnixEpoch.Ticks) / 10) + (milliseconds * 1_000L));
    }
}
