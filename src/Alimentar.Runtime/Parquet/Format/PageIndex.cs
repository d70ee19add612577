
namespace Alimentar.Parquet.Format;

/// <summary>Where each data page of a column chunk lies and which rows it starts at (the offset index).</summary>
internal sealed record OffsetIndex(long[] Offsets, int[] CompressedSizes, long[] FirstRows)
{
    public int PageCount => Offsets.Length;

    /// <summary>For BYTE_ARRAY columns, each page's value bytes without length prefixes, when the writer recorded them.</summary>
    public long[]? UnencodedByteArrayDataBytes { get; init; }

    /// <summary>The rows of page <paramref name="page"/>, given the row group's rows.</summary>
    public RowRange Rows(int page, long rowGroupRows) =>
        new(FirstRows[page], (page + 1 < FirstRows.Length ? FirstRows[page + 1] : rowGroupRows) - FirstRows[page]);

    public void WriteTo(ByteBuffer output)
    {
        var writer = new ThriftCompactWriter(output);
        writer.BeginStructValue();
        writer.BeginList(1, ThriftCompactReader.Struct, PageCount);
        for (int page = 0; page < PageCount; page++)
        {
            writer.BeginStructValue();
            writer.I64(1, Offsets[page]);
            writer.I32(2, CompressedSizes[page]);
            writer.I64(3, FirstRows[page]);
            writer.EndStruct();
        }

        SizeStatistics.WriteHistogram(writer, 2, UnencodedByteArrayDataBytes);
        writer.EndStruct();
    }

    public static OffsetIndex Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new ThriftCompactReader(bytes);
        var offsets = new List<long>();
        var sizes = new List<int>();
        var firstRows = new List<long>();
        long[]? unencoded = null;
        while (reader.NextField(out short id, out byte type))
        {
            if (id == 2 && type == ThriftCompactReader.List)
            {
                unencoded = SizeStatistics.ReadHistogram(ref reader);
            }
            else if (id == 1 && type == ThriftCompactReader.List)
            {
                int count = reader.ReadListHeader(out _);
                for (int i = 0; i < count; i++)
                {
                    int saved = reader.BeginStruct();
                    long offset = -1, firstRow = -1;
                    int size = -1;
                    while (reader.NextField(out short field, out byte fieldType))
                    {
                        switch (field)
                        {
                            case 1: offset = reader.ReadI64(); break;
                            case 2: size = reader.ReadI32(); break;
                            case 3: firstRow = reader.ReadI64(); break;
                            default: reader.Skip(fieldType); break;
                        }
                    }

                    reader.EndStruct(saved);
                    offsets.Add(offset);
                    sizes.Add(size);
                    firstRows.Add(firstRow);
                }
            }
            else
            {
                reader.Skip(type);
            }
        }

        for (int i = 0; i < offsets.Count; i++)
        {
            if (offsets[i] < 0 || sizes[i] < 0 || firstRows[i] < 0 || (i > 0 && (firstRows[i] < firstRows[i - 1] || offsets[i] <= offsets[i - 1])))
            {
                throw new InvalidDataException($"its offset index is corrupt at page {i}");
            }
        }

        return new OffsetIndex(offsets.ToArray(), sizes.ToArray(), firstRows.ToArray())
        {
            UnencodedByteArrayDataBytes = unencoded?.Length == offsets.Count ? unencoded : null,
        };
    }
}

/// <summary>Per data page of a column chunk: whether it holds only nulls, its bounds and null count (the column index).</summary>
internal sealed record ColumnIndex(bool[] NullPages, byte[][] Mins, byte[][] Maxes, long[]? NullCounts)
{
    public int PageCount => NullPages.Length;

    /// <summary>How the pages' bounds are ordered (written: 0 unordered, 1 ascending, 2 descending).</summary>
    public int BoundaryOrder { get; init; }

    /// <summary>Each page's repetition-level histogram, one after another; null when not recorded or the maximum level is 0.</summary>
    public long[]? RepetitionLevelHistograms { get; init; }

    /// <summary>Each page's definition-level histogram, one after another; null when not recorded or the maximum level is 0.</summary>
    public long[]? DefinitionLevelHistograms { get; init; }

    public void WriteTo(ByteBuffer output)
    {
        var writer = new ThriftCompactWriter(output);
        writer.BeginStructValue();
        writer.BeginList(1, ThriftCompactReader.BooleanTrue, PageCount);
        foreach (bool nullPage in NullPages)
        {
            writer.BoolValue(nullPage);
        }

        writer.BeginList(2, ThriftCompactReader.Binary, PageCount);
        foreach (byte[] min in Mins)
        {
            writer.BinaryValue(min);
        }

        writer.BeginList(3, ThriftCompactReader.Binary, PageCount);
        foreach (byte[] max in Maxes)
        {
            writer.BinaryValue(max);
        }

        writer.I32(4, BoundaryOrder);
        if (NullCounts is { } nullCounts)
        {
            writer.BeginList(5, ThriftCompactReader.I64, nullCounts.Length);
            foreach (long nulls in nullCounts)
            {
                writer.I64Value(nulls);
            }
        }

        SizeStatistics.WriteHistogram(writer, 6, RepetitionLevelHistograms);
        SizeStatistics.WriteHistogram(writer, 7, DefinitionLevelHistograms);
        writer.EndStruct();
    }

    public static ColumnIndex Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new ThriftCompactReader(bytes);
        bool[] nullPages = [];
        byte[][] mins = [], maxes = [];
        long[]? nullCounts = null, repetitionHistograms = null, definitionHistograms = null;
        while (reader.NextField(out short id, out byte type))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.List:
                    nullPages = new bool[reader.ReadListHeader(out _)];
                    for (int i = 0; i < nullPages.Length; i++)
                    {
                        nullPages[i] = reader.ReadInteger(ThriftCompactReader.Byte) == 1;
                    }

                    break;
                case 2 when type == ThriftCompactReader.List:
                    mins = ReadBinaries(ref reader);
                    break;
                case 3 when type == ThriftCompactReader.List:
                    maxes = ReadBinaries(ref reader);
                    break;
                case 5 when type == ThriftCompactReader.List:
                    nullCounts = new long[reader.ReadListHeader(out _)];
                    for (int i = 0; i < nullCounts.Length; i++)
                    {
                        nullCounts[i] = reader.ReadI64();
                    }

                    break;
                case 6 when type == ThriftCompactReader.List:
                    repetitionHistograms = SizeStatistics.ReadHistogram(ref reader);
                    break;
                case 7 when type == ThriftCompactReader.List:
                    definitionHistograms = SizeStatistics.ReadHistogram(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        if (mins.Length != nullPages.Length || maxes.Length != nullPages.Length || (nullCounts is not null && nullCounts.Length != nullPages.Length))
        {
            throw new InvalidDataException($"its column index lists {nullPages.Length} pages but {mins.Length} minimums and {maxes.Length} maximums");
        }

        return new ColumnIndex(nullPages, mins, maxes, nullCounts)
        {
            RepetitionLevelHistograms = repetitionHistograms,
            DefinitionLevelHistograms = definitionHistograms,
        };
    }

    private static byte[][] ReadBinaries(ref ThriftCompactReader reader)
    {
        var values = new byte[reader.ReadListHeader(out _)][];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadBinary().ToArray();
        }

        return values;
    }
}
