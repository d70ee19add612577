using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Alimentar.Binding;

/// <summary>
/// One member's value as a file's path gives it: Hive, Spark and DuckDB write a partitioned dataset as
/// <c>trips/year=2024/zone=north/part-0.parquet</c>, with the partition columns in the directory names and not in
/// the files. The value is held as a one-leaf column of the file's own kind: its schema element, its PLAIN bytes
/// (what a dictionary page holds) and its statistics bytes (min and max alike).
/// </summary>
/// <param name="Key">The directory's key, as the path spells it.</param>
/// <param name="Text">The value as the path spells it, unescaped.</param>
/// <param name="Element">The schema element the value is stored under: a physical type the member converts from.</param>
/// <param name="Plain">The value PLAIN-encoded.</param>
/// <param name="Statistic">The value as a statistics bound: PLAIN, without a byte array's length.</param>
internal sealed record PartitionValue(string Key, string Text, SchemaElement Element, byte[] Plain, byte[] Statistic)
{
    /// <summary>True for a null value (<see cref="HivePartition.NullDirectory"/>): the member reads as null, as a missing one does.</summary>
    public bool IsNull => Plain.Length == 0;

    public override string ToString() => $"{Key}={Text}";
}

/// <summary>
/// Binds a member a file lacks to a <c>key=value</c> directory of the file's path (<see cref="PartitionValue"/>), by the
/// same name rules as a column: so a partitioned dataset reads its partition keys as members, and a filter on one
/// skips whole files from their path alone.
/// </summary>
internal static class HivePartition
{
    /// <summary>What Hive and Spark name the directory of a null partition value.</summary>
    public const string NullDirectory = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>The <c>key=value</c> directories of <paramref name="path"/>, unescaped; a key met twice keeps its innermost value.</summary>
    public static IReadOnlyList<(string Key, string Value)> Of(string path)
    {
        string[] parts = path.Replace('\\', '/').Split('/');
        var found = new List<(string Key, string Value)>();

        // The last part is the file's own name, which is no partition.
        for (int i = 0; i < parts.Length - 1; i++)
        {
            int equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            string key = Uri.UnescapeDataString(parts[i][..equals]);
            found.RemoveAll(p => p.Key == key);
            found.Add((key, Uri.UnescapeDataString(parts[i][(equals + 1)..])));
        }

        return found;
    }

    /// <summary>
    /// The partition value <paramref name="column"/> binds to in <paramref name="fileName"/>'s path (or in
    /// <paramref name="given"/>, a table's own list for the file), or null when none is named like it. Throws a mismatch
    /// when the value cannot be read as the member's type.
    /// </summary>
    public static PartitionValue? Find(ColumnDescriptor column, RowSchema rowSchema, string fileName, IReadOnlyList<(string Key, string Value)>? given = null)
    {
        if (column.IsList || column.Fields is not null)
        {
            return null;
        }

        IReadOnlyList<(string Key, string Value)> partitions = given ?? Of(fileName);
        if (partitions.Count == 0)
        {
            return null;
        }

        int match = ColumnNameMatcher.Find(column, partitions.Select(p => p.Key).ToArray(), both => AlimentarThrow.Mismatch(fileName, rowSchema, column,
            "one partition directory", $"two that both match: {both}; name one with [ParquetColumn]"));
        if (match < 0)
        {
            return null;
        }

        (string key, string text) = partitions[match];
        if (text == NullDirectory || (text.Length == 0 && column.Type != ColumnType.String))
        {
            return column.IsNullable
                ? new PartitionValue(key, text, Element(key, PhysicalType.Int32), [], [])
                : throw AlimentarThrow.Mismatch(fileName, rowSchema, column, $"a value for {column.MemberName} ({column.Type})",
                    $"the null partition '{key}={text}'; declare the member nullable to read it as null");
        }

        return Encode(column.Type, key, text) ?? throw AlimentarThrow.Mismatch(fileName, rowSchema, column, $"a value for {column.MemberName} ({column.Type})",
            $"the partition '{key}={text}', which does not read as {column.Type}");
    }

    /// <summary>
    /// The type a partition value reads as when no member says: a whole number, a <c>yyyy-MM-dd</c> date, true or false,
    /// another number, else text (a null or empty value too), as tools with no row type show and filter it.
    /// </summary>
    public static ColumnType NaturalType(string text) =>
        text == NullDirectory || text.Length == 0 ? ColumnType.String
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? ColumnType.Int64
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? ColumnType.DateOnly
        : bool.TryParse(text, out _) ? ColumnType.Boolean
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? ColumnType.Double
        : ColumnType.String;

    /// <summary>The value stored as the file kind the member type converts from; null when it does not parse as that type.</summary>
    private static PartitionValue? Encode(ColumnType type, string key, string text)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ColumnType.String:
                byte[] utf8 = Encoding.UTF8.GetBytes(text);
                var plain = new byte[4 + utf8.Length];
                BinaryPrimitives.WriteInt32LittleEndian(plain, utf8.Length);
                utf8.CopyTo(plain, 4);
                return new PartitionValue(key, text, Element(key, PhysicalType.ByteArray) with { ConvertedType = ConvertedType.Utf8 }, plain, utf8);
            case ColumnType.Boolean when bool.TryParse(text, out bool flag):
                byte[] bit = [flag ? (byte)1 : (byte)0];
                return new PartitionValue(key, text, Element(key, PhysicalType.Boolean), bit, bit);
            case ColumnType.UInt64 when ulong.TryParse(text, NumberStyles.Integer, invariant, out ulong unsigned):
                return Fixed(key, text, Element(key, PhysicalType.Int64) with { ConvertedType = ConvertedType.UInt64 }, unchecked((long)unsigned));
            case ColumnType.SByte or ColumnType.Byte or ColumnType.Int16 or ColumnType.UInt16 or ColumnType.Int32 or ColumnType.UInt32 or ColumnType.Int64
                when long.TryParse(text, NumberStyles.Integer, invariant, out long integer) && Fits(type, integer):
                return Fixed(key, text, Element(key, PhysicalType.Int64), integer);
            case ColumnType.Single when float.TryParse(text, NumberStyles.Float, invariant, out float single):
                byte[] singleBytes = new byte[4];
                BinaryPrimitives.WriteSingleLittleEndian(singleBytes, single);
                return new PartitionValue(key, text, Element(key, PhysicalType.Float), singleBytes, singleBytes);
            case ColumnType.Double when double.TryParse(text, NumberStyles.Float, invariant, out double real):
                return Fixed(key, text, Element(key, PhysicalType.Double), BitConverter.DoubleToInt64Bits(real));
            case ColumnType.Decimal when decimal.TryParse(text, NumberStyles.Number, invariant, out decimal number) && Unscaled(number) is { } unscaled:
                return Fixed(key, text, Element(key, PhysicalType.Int64) with { ConvertedType = ConvertedType.Decimal, Precision = 18, Scale = number.Scale }, unscaled);
            case ColumnType.DateOnly when DateOnly.TryParse(text, invariant, DateTimeStyles.None, out DateOnly day):
                byte[] days = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(days, day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
                return new PartitionValue(key, text, Element(key, PhysicalType.Int32) with { ConvertedType = ConvertedType.Date }, days, days);
            case ColumnType.DateTime or ColumnType.DateTimeOffset
                when DateTime.TryParse(text, invariant, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime instant):
                long micros = (instant.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
                return Fixed(key, text, Element(key, PhysicalType.Int64) with { ConvertedType = ConvertedType.TimestampMicros }, micros);
            default:
                return null;
        }
    }

    private static PartitionValue Fixed(string key, string text, SchemaElement element, long value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return new PartitionValue(key, text, element, bytes, bytes);
    }

    private static SchemaElement Element(string key, PhysicalType type) => new() { Name = key, Type = type, Repetition = Repetition.Required };

    private static bool Fits(ColumnType type, long value) => type switch
    {
        ColumnType.SByte => value is >= sbyte.MinValue and <= sbyte.MaxValue,
        ColumnType.Byte => value is >= byte.MinValue and <= byte.MaxValue,
        ColumnType.Int16 => value is >= short.MinValue and <= short.MaxValue,
        ColumnType.UInt16 => value is >= ushort.MinValue and <= ushort.MaxValue,
        ColumnType.Int32 => value is >= int.MinValue and <= int.MaxValue,
        ColumnType.UInt32 => value is >= uint.MinValue and <= uint.MaxValue,
        _ => true,
    };

    /// <summary>A decimal's digits without its point, when they fit DECIMAL(18); multiplying by ten is exact in <see cref="decimal"/>.</summary>
    private static long? Unscaled(decimal number)
    {
        decimal digits = number;
        for (int i = 0; i < number.Scale; i++)
        {
            digits *= 10;
        }

        return Math.Abs(digits) < 1e18m ? (long)digits : null;
    }
}
