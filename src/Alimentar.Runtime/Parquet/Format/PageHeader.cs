namespace Alimentar.Parquet.Format;

/// <summary>The kinds of page a column chunk holds (Parquet's <c>PageType</c>).</summary>
internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}

/// <summary>Parquet's value and level encodings, by their format numbers.</summary>
internal enum ParquetEncoding
{
    Plain = 0,
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}

/// <summary>
/// One page's header: what the page is, how large it is compressed and not, and the fields of its data
/// (v1 or v2) or dictionary header that decoding needs. Statistics and unknown fields are skipped.
/// </summary>
internal readonly record struct PageHeader
{
    public PageType Type { get; init; }

    public int UncompressedSize { get; init; }

    public int CompressedSize { get; init; }

    public int? Crc { get; init; }

    /// <summary>Level slots in the page (values, nulls and, for lists, empty lists).</summary>
    public int ValueCount { get; init; }

    public ParquetEncoding Encoding { get; init; }

    public ParquetEncoding DefinitionLevelEncoding { get; init; }

    public ParquetEncoding RepetitionLevelEncoding { get; init; }

    /// <summary>v2 only: the bytes of uncompressed definition levels at the start of the page.</summary>
    public int DefinitionLevelsLength { get; init; }

    /// <summary>v2 only: the bytes of uncompressed repetition levels at the start of the page.</summary>
    public int RepetitionLevelsLength { get; init; }

    /// <summary>v2 only: whether the values section is compressed (true unless the header says otherwise).</summary>
    public bool IsCompressed { get; init; }

    /// <summary>v2 only: the nulls in the page (written; readers count them from the levels).</summary>
    public int NullCount { get; init; }

    /// <summary>v2 only: the rows the page holds (written; readers count them from the levels).</summary>
    public int RowCount { get; init; }

    /// <summary>How many bytes the header itself took.</summary>
    public int HeaderLength { get; init; }

    /// <summary>Parses a page header from the start of <paramref name="bytes"/>.</summary>
    /// <exception cref="ThriftEndOfInputException">The header runs past <paramref name="bytes"/>.</exception>
    /// <exception cref="InvalidDataException">The header is malformed.</exception>
    public static PageHeader Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new ThriftCompactReader(bytes);
        var header = new PageHeader { IsCompressed = true, Type = (PageType)(-1) };
        bool sawUncompressed = false, sawCompressed = false;
        while (reader.NextField(out short id, out byte type))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.I32:
                    header = header with { Type = (PageType)reader.ReadI32() };
                    break;
                case 2 when type == ThriftCompactReader.I32:
                    header = header with { UncompressedSize = reader.ReadI32() };
                    sawUncompressed = true;
                    break;
                case 3 when type == ThriftCompactReader.I32:
                    header = header with { CompressedSize = reader.ReadI32() };
                    sawCompressed = true;
                    break;
                case 4 when type == ThriftCompactReader.I32:
                    header = header with { Crc = reader.ReadI32() };
                    break;
                case 5 when type == ThriftCompactReader.Struct:
                    header = ReadDataPageHeader(ref reader, header);
                    break;
                case 7 when type == ThriftCompactReader.Struct:
                    header = ReadDictionaryPageHeader(ref reader, header);
                    break;
                case 8 when type == ThriftCompactReader.Struct:
                    header = ReadDataPageHeaderV2(ref reader, header);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        if (!sawUncompressed || !sawCompressed)
        {
            throw new InvalidDataException("a page header lacks its page sizes");
        }

        if (header.UncompressedSize < 0 || header.CompressedSize < 0 || header.ValueCount < 0
            || header.DefinitionLevelsLength < 0 || header.RepetitionLevelsLength < 0
            || (long)header.DefinitionLevelsLength + header.RepetitionLevelsLength > Math.Min(header.CompressedSize, header.UncompressedSize))
        {
            throw new InvalidDataException(
                $"a page header claims impossible sizes ({header.CompressedSize} bytes compressed, {header.UncompressedSize} uncompressed, {header.ValueCount} values, levels of {header.RepetitionLevelsLength} + {header.DefinitionLevelsLength} bytes)");
        }

        return header with { HeaderLength = reader.Position };
    }

    /// <summary>Writes this header; <see cref="HeaderLength"/> is ignored.</summary>
    public void WriteTo(ByteBuffer output)
    {
        var writer = new ThriftCompactWriter(output);
        writer.BeginStructValue();
        writer.I32(1, (int)Type);
        writer.I32(2, UncompressedSize);
        writer.I32(3, CompressedSize);
        if (Crc is { } crc)
        {
            writer.I32(4, crc);
        }

        switch (Type)
        {
            case PageType.DataPage:
                writer.BeginStruct(5);
                writer.I32(1, ValueCount);
                writer.I32(2, (int)Encoding);
                writer.I32(3, (int)DefinitionLevelEncoding);
                writer.I32(4, (int)RepetitionLevelEncoding);
                writer.EndStruct();
                break;
            case PageType.DictionaryPage:
                writer.BeginStruct(7);
                writer.I32(1, ValueCount);
                writer.I32(2, (int)Encoding);
                writer.EndStruct();
                break;
            case PageType.DataPageV2:
                writer.BeginStruct(8);
                writer.I32(1, ValueCount);
                writer.I32(2, NullCount);
                writer.I32(3, RowCount);
                writer.I32(4, (int)Encoding);
                writer.I32(5, DefinitionLevelsLength);
                writer.I32(6, RepetitionLevelsLength);
                writer.Bool(7, IsCompressed);
                writer.EndStruct();
                break;
            default:
                throw new InvalidOperationException($"A {Type} page cannot be written.");
        }

        writer.EndStruct();
    }

    private delegate PageHeader FieldReader(ref ThriftCompactReader reader, PageHeader header, short id, byte type);

    private static PageHeader ReadDataPageHeader(ref ThriftCompactReader reader, PageHeader header) =>
        ReadStruct(ref reader, header, static (ref ThriftCompactReader r, PageHeader h, short id, byte type) => (id, type) switch
        {
            (1, ThriftCompactReader.I32) => h with { ValueCount = r.ReadI32() },
            (2, ThriftCompactReader.I32) => h with { Encoding = (ParquetEncoding)r.ReadI32() },
            (3, ThriftCompactReader.I32) => h with { DefinitionLevelEncoding = (ParquetEncoding)r.ReadI32() },
            (4, ThriftCompactReader.I32) => h with { RepetitionLevelEncoding = (ParquetEncoding)r.ReadI32() },
            _ => Skipped(ref r, type, h),
        });

    private static PageHeader ReadDictionaryPageHeader(ref ThriftCompactReader reader, PageHeader header) =>
        ReadStruct(ref reader, header, static (ref ThriftCompactReader r, PageHeader h, short id, byte type) => (id, type) switch
        {
            (1, ThriftCompactReader.I32) => h with { ValueCount = r.ReadI32() },
            (2, ThriftCompactReader.I32) => h with { Encoding = (ParquetEncoding)r.ReadI32() },
            _ => Skipped(ref r, type, h),
        });

    private static PageHeader ReadDataPageHeaderV2(ref ThriftCompactReader reader, PageHeader header) =>
        ReadStruct(ref reader, header, static (ref ThriftCompactReader r, PageHeader h, short id, byte type) => (id, type) switch
        {
            (1, ThriftCompactReader.I32) => h with { ValueCount = r.ReadI32() },
            (4, ThriftCompactReader.I32) => h with { Encoding = (ParquetEncoding)r.ReadI32() },
            (5, ThriftCompactReader.I32) => h with { DefinitionLevelsLength = r.ReadI32() },
            (6, ThriftCompactReader.I32) => h with { RepetitionLevelsLength = r.ReadI32() },
            (7, ThriftCompactReader.BooleanTrue or ThriftCompactReader.BooleanFalse) => h with { IsCompressed = ThriftCompactReader.BooleanOf(type) },
            _ => Skipped(ref r, type, h),
        }) with { DefinitionLevelEncoding = ParquetEncoding.Rle, RepetitionLevelEncoding = ParquetEncoding.Rle };

    /// <summary>Reads a nested header struct field by field; fields a reader does not know are skipped.</summary>
    private static PageHeader ReadStruct(ref ThriftCompactReader reader, PageHeader header, FieldReader read)
    {
        int saved = reader.BeginStruct();
        while (reader.NextField(out short id, out byte type))
        {
            header = read(ref reader, header, id, type);
        }

        reader.EndStruct(saved);
        return header;
    }

    private static PageHeader Skipped(ref ThriftCompactReader reader, byte type, PageHeader unchanged)
    {
        reader.Skip(type);
        return unchanged;
    }
}
