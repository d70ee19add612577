using System.Buffers.Binary;
using Alimentar.Arrow;

namespace Alimentar.Parquet.Format;

/// <summary>
/// The Arrow schema that Arrow C++ (pyarrow, pandas), arrow-rs and Polars store in a Parquet footer under
/// <c>ARROW:schema</c>, read for what Parquet's own schema cannot say: which INT64 columns are Arrow durations
/// (pandas' <c>timedelta64</c>, Polars' <c>Duration</c>), which those writers store as bare integers. Such a leaf is given
/// a <see cref="LogicalTypeKind.Duration"/> annotation in its unit, so that <see cref="TimeSpan"/> members bind to it.
/// </summary>
/// <remarks>
/// The stored schema is an Arrow IPC schema message, base64-encoded. It is walked here (bounds-checked, no deeper than
/// the Parquet schema it is matched against) rather than by Arrow's reader, since it is only a hint: one that does not
/// decode, or whose fields do not line up with the Parquet schema's, changes nothing.
/// </remarks>
internal static class ArrowSchemaHints
{
    public const string Key = "ARROW:schema";

    private const byte SchemaHeader = 1;
    private const byte StructType = 13;
    private const byte ListType = 12;
    private const byte FixedSizeListType = 16;
    private const byte MapType = 17;
    private const byte DurationType = 18;
    private const byte LargeListType = 21;
    private const int MaxFieldsPerGroup = 1 << 16;

    /// <summary>
    /// <paramref name="elements"/> with every bare INT64 leaf the stored Arrow schema calls a duration annotated in its
    /// unit; the same list when there is no such leaf (durations in seconds, which Parquet's time units do not include,
    /// stay bare integers).
    /// </summary>
    public static IReadOnlyList<SchemaElement> AnnotateDurations(IReadOnlyList<SchemaElement> elements, IReadOnlyList<KeyValuePair<string, string?>> keyValues)
    {
        if (!elements.Any(IsBareInt64) || keyValues.FirstOrDefault(pair => pair.Key == Key).Value is not { } encoded
            || Message(encoded) is not { } message)
        {
            return elements;
        }

        try
        {
            int root = FlatBuffer.Table(message, 0);
            if (FieldByte(message, root, field: 1) != SchemaHeader || FlatBuffer.FieldPosition(message, root, field: 2) is not int header
                || FlatBuffer.FieldPosition(message, FlatBuffer.Table(message, header), field: 1) is not int fields)
            {
                return elements;
            }

            var annotated = elements.ToArray();
            int next = 1;
            bool changed = false;
            MatchChildren(message, annotated, elements[0].ChildCount, Children(message, fields), ref next, ref changed, depth: 0);
            return changed ? annotated : elements;
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or OverflowException or InvalidDataException)
        {
            return elements;
        }
    }

    private static bool IsBareInt64(SchemaElement element) =>
        element is { Type: PhysicalType.Int64, LogicalType: null, ConvertedType: null };

    /// <summary>The flatbuffer of the base64 schema message (after its continuation marker and length), or null.</summary>
    private static byte[]? Message(string encoded)
    {
        byte[] bytes = new byte[encoded.Length * 3 / 4];
        if (!Convert.TryFromBase64String(encoded, bytes, out int length) || length < 8)
        {
            return null;
        }

        int start = BinaryPrimitives.ReadInt32LittleEndian(bytes) == -1 ? 8 : 4;
        int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(start - 4));
        return size > 0 && size <= length - start ? bytes.AsSpan(start, size).ToArray() : null;
    }

    /// <summary>
    /// Matches the next <paramref name="count"/> Parquet elements (from <paramref name="next"/>, depth first) with the Arrow
    /// fields at <paramref name="arrowFields"/>, in order, as Arrow's writers lay one out from the other.
    /// </summary>
    private static void MatchChildren(byte[] message, SchemaElement[] elements, int count, int[] arrowFields, ref int next, ref bool changed, int depth)
    {
        if (count != arrowFields.Length || depth > 64)
        {
            throw new InvalidDataException("the Arrow schema does not line up with the Parquet schema");
        }

        foreach (int field in arrowFields)
        {
            Match(message, elements, field, ref next, ref changed, depth + 1);
        }
    }

    private static void Match(byte[] message, SchemaElement[] elements, int field, ref int next, ref bool changed, int depth)
    {
        if (next >= elements.Length)
        {
            throw new InvalidDataException("the Arrow schema has more fields than the Parquet schema");
        }

        int at = next++;
        SchemaElement element = elements[at];
        byte type = FieldByte(message, field, field: 2);
        int[] children = FlatBuffer.FieldPosition(message, field, field: 5) is int vector ? Children(message, vector) : [];
        if (element.ChildCount == 0)
        {
            if (type == DurationType && IsBareInt64(element) && DurationUnit(message, field) is { } unit)
            {
                elements[at] = element with { LogicalType = new LogicalType(LogicalTypeKind.Duration, Unit: unit) };
                changed = true;
            }

            return;
        }

        switch (type)
        {
            case StructType:
                MatchChildren(message, elements, element.ChildCount, children, ref next, ref changed, depth);
                break;
            case ListType or LargeListType or FixedSizeListType or MapType when element.ChildCount == 1 && children.Length == 1:
                // LIST → repeated group → element, MAP → repeated key_value → key, value: the Arrow list's (or map's
                // entries') one child stands for the repeated group's contents.
                if (next >= elements.Length)
                {
                    throw new InvalidDataException("the Arrow schema has more fields than the Parquet schema");
                }

                SchemaElement repeated = elements[next++];
                if (repeated.ChildCount == 0)
                {
                    throw new InvalidDataException("a two-level list is not how Arrow's writers lay out a list");
                }

                int[] inner = type == MapType && FlatBuffer.FieldPosition(message, children[0], field: 5) is int entries ? Children(message, entries) : children;
                MatchChildren(message, elements, repeated.ChildCount, inner, ref next, ref changed, depth);
                break;
            default:
                throw new InvalidDataException("the Arrow schema does not line up with the Parquet schema");
        }
    }

    /// <summary>The positions of the tables of a vector of fields.</summary>
    private static int[] Children(byte[] message, int vectorField)
    {
        int vector = FlatBuffer.Table(message, vectorField);
        int count = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(vector, 4)));
        if (count > MaxFieldsPerGroup || count > message.Length / 4)
        {
            throw new InvalidDataException("the Arrow schema claims more fields than it holds");
        }

        var tables = new int[count];
        for (int i = 0; i < count; i++)
        {
            tables[i] = FlatBuffer.Table(message, checked(vector + 4 + (4 * i)));
        }

        return tables;
    }

    /// <summary>A duration field's unit; null for seconds, which no Parquet time unit holds.</summary>
    private static Values.TimeUnit? DurationUnit(byte[] message, int field)
    {
        short unit = 1; // Arrow's default: MILLISECOND.
        if (FlatBuffer.FieldPosition(message, field, field: 3) is int typeField
            && FlatBuffer.FieldPosition(message, FlatBuffer.Table(message, typeField), field: 0) is int unitAt)
        {
            unit = BinaryPrimitives.ReadInt16LittleEndian(message.AsSpan(unitAt, 2));
        }

        return unit switch
        {
            1 => Values.TimeUnit.Millis,
            2 => Values.TimeUnit.Micros,
            3 => Values.TimeUnit.Nanos,
            _ => null,
        };
    }

    private static byte FieldByte(byte[] bytes, int table, int field) => FlatBuffer.FieldPosition(bytes, table, field) is int at ? bytes.AsSpan(at, 1)[0] : (byte)0;
}
