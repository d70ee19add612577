
namespace Alimentar.Parquet.Format;

/// <summary>
/// Parses a footer (Thrift <c>FileMetaData</c>) into <see cref="FileMetadata"/>. Every read is bounds
/// checked, nesting is limited and no list may claim more elements than bytes remain, so a corrupt footer
/// fails at once with <see cref="InvalidDataException"/>: it cannot hang or exhaust memory.
/// </summary>
internal static class FooterParser
{
    public static FileMetadata Parse(ReadOnlySpan<byte> footer)
    {
        var reader = new ThriftCompactReader(footer);
        long rows = 0;
        string? createdBy = null;
        var elements = new List<SchemaElement>();
        var rowGroups = new List<RowGroupMetadata>();
        var keyValues = new List<KeyValuePair<string, string?>>();
        bool sawSchema = false;
        try
        {
            while (reader.NextField(out short id, out byte type))
            {
                switch (id)
                {
                    case 2 when type == ThriftCompactReader.List:
                        sawSchema = true;
                        ReadList(ref reader, elements, static (ref ThriftCompactReader r) => ReadSchemaElement(ref r));
                        break;
                    case 3 when type == ThriftCompactReader.I64:
                        rows = reader.ReadI64();
                        break;
                    case 4 when type == ThriftCompactReader.List:
                        ReadList(ref reader, rowGroups, static (ref ThriftCompactReader r) => ReadRowGroup(ref r));
                        break;
                    case 5 when type == ThriftCompactReader.List:
                        ReadList(ref reader, keyValues, static (ref ThriftCompactReader r) => ReadKeyValue(ref r));
                        break;
                    case 6 when type == ThriftCompactReader.Binary:
                        createdBy = reader.ReadString();
                        break;
                    default:
                        reader.Skip(type);
                        break;
                }
            }
        }
        catch (ThriftEndOfInputException error)
        {
            throw new InvalidDataException(error.Message, error);
        }

        if (!sawSchema)
        {
            throw new InvalidDataException("its metadata has no schema");
        }

        if (rows < 0)
        {
            throw new InvalidDataException($"it claims {rows} rows");
        }

        FileSchema schema = FileSchema.Build(elements);
        IReadOnlyList<SchemaElement> annotated = ArrowSchemaHints.AnnotateDurations(elements, keyValues);
        return new FileMetadata(rows, createdBy, ReferenceEquals(annotated, elements) ? schema : FileSchema.Build(annotated), rowGroups, keyValues);
    }

    private delegate T ItemReader<T>(ref ThriftCompactReader reader);

    private static void ReadList<T>(ref ThriftCompactReader reader, List<T> target, ItemReader<T> read)
    {
        int count = reader.ReadListHeader(out byte elementType);
        if (elementType != ThriftCompactReader.Struct)
        {
            SkipElements(ref reader, elementType, count);
            return;
        }

        for (int i = 0; i < count; i++)
        {
            int saved = reader.BeginStruct();
            target.Add(read(ref reader));
            reader.EndStruct(saved);
        }
    }

    private static SchemaElement ReadSchemaElement(ref ThriftCompactReader reader)
    {
        var element = new SchemaElement { Name = string.Empty };
        while (reader.NextField(out short id, out byte type))
        {
            element = (id, type) switch
            {
                (1, ThriftCompactReader.I32) => element with { Type = (PhysicalType)reader.ReadI32() },
                (2, ThriftCompactReader.I32) => element with { TypeLength = reader.ReadI32() },
                (3, ThriftCompactReader.I32) => element with { Repetition = (Repetition)reader.ReadI32() },
                (4, ThriftCompactReader.Binary) => element with { Name = reader.ReadString() },
                (5, ThriftCompactReader.I32) => element with { ChildCount = reader.ReadI32() },
                (6, ThriftCompactReader.I32) => element with { ConvertedType = (ConvertedType)reader.ReadI32() },
                (7, ThriftCompactReader.I32) => element with { Scale = reader.ReadI32() },
                (8, ThriftCompactReader.I32) => element with { Precision = reader.ReadI32() },
                (9, ThriftCompactReader.I32) => element with { FieldId = reader.ReadI32() },
                (10, ThriftCompactReader.Struct) => element with { LogicalType = ReadLogicalType(ref reader) },
                _ => Skipped(ref reader, type, element),
            };
        }

        if (element.Type is { } physical && !Enum.IsDefined(physical))
        {
            throw new InvalidDataException($"column '{element.Name}' has an unknown physical type {(int)physical}");
        }

        if (element.Repetition is < Repetition.Required or > Repetition.Repeated)
        {
            throw new InvalidDataException($"column '{element.Name}' has an unknown repetition {(int)element.Repetition}");
        }

        return element;
    }

    private static LogicalType ReadLogicalType(ref ThriftCompactReader reader)
    {
        int saved = reader.BeginStruct();
        var logical = new LogicalType(LogicalTypeKind.None);
        while (reader.NextField(out short id, out byte type))
        {
            if (type != ThriftCompactReader.Struct)
            {
                reader.Skip(type);
                continue;
            }

            int inner = reader.BeginStruct();
            logical = new LogicalType(Enum.IsDefined((LogicalTypeKind)id) ? (LogicalTypeKind)id : LogicalTypeKind.None);
            while (reader.NextField(out short field, out byte fieldType))
            {
                logical = (logical.Kind, field, fieldType) switch
                {
                    (LogicalTypeKind.Decimal, 1, ThriftCompactReader.I32) => logical with { Scale = reader.ReadI32() },
                    (LogicalTypeKind.Decimal, 2, ThriftCompactReader.I32) => logical with { Precision = reader.ReadI32() },
                    (LogicalTypeKind.Time or LogicalTypeKind.Timestamp, 1, ThriftCompactReader.BooleanTrue or ThriftCompactReader.BooleanFalse) =>
                        logical with { IsAdjustedToUtc = ThriftCompactReader.BooleanOf(fieldType) },
                    (LogicalTypeKind.Time or LogicalTypeKind.Timestamp, 2, ThriftCompactReader.Struct) => logical with { Unit = ReadTimeUnit(ref reader) },
                    (LogicalTypeKind.Integer, 1, ThriftCompactReader.Byte or ThriftCompactReader.I16 or ThriftCompactReader.I32) => logical with { BitWidth = reader.ReadInteger(fieldType) },
                    (LogicalTypeKind.Integer, 2, ThriftCompactReader.BooleanTrue or ThriftCompactReader.BooleanFalse) => logical with { IsSigned = ThriftCompactReader.BooleanOf(fieldType) },
                    _ => Skipped(ref reader, fieldType, logical),
                };
            }

            reader.EndStruct(inner);
        }

        reader.EndStruct(saved);
        return logical;
    }

    private static TimeUnit ReadTimeUnit(ref ThriftCompactReader reader)
    {
        int saved = reader.BeginStruct();
        TimeUnit unit = TimeUnit.Micros;
        while (reader.NextField(out short id, out byte type))
        {
            unit = id switch { 1 => TimeUnit.Millis, 3 => TimeUnit.Nanos, _ => TimeUnit.Micros };
            reader.Skip(type);
        }

        reader.EndStruct(saved);
        return unit;
    }

    private static RowGroupMetadata ReadRowGroup(ref ThriftCompactReader reader)
    {
        var columns = new List<ColumnChunkMetadata>();
        long rows = 0;
        long bytes = 0;
        while (reader.NextField(out short id, out byte type))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.List:
                    ReadList(ref reader, columns, static (ref ThriftCompactReader r) => ReadColumnChunk(ref r));
                    break;
                case 2 when type == ThriftCompactReader.I64:
                    bytes = reader.ReadI64();
                    break;
                case 3 when type == ThriftCompactReader.I64:
                    rows = reader.ReadI64();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return new RowGroupMetadata(rows, bytes, columns);
    }

    private static ColumnChunkMetadata ReadColumnChunk(ref ThriftCompactReader reader)
    {
        // The chunk's own metadata (field 3) is read last, from a copy of the reader kept where it starts, so that its
        // record is made once, with the fields of the column chunk that follow it.
        ThriftCompactReader metadata = default;
        bool hasMetadata = false;
        string? filePath = null;
        long? offsetIndexOffset = null, columnIndexOffset = null;
        int? offsetIndexLength = null, columnIndexLength = null;
        bool hasCrypto = false;
        while (reader.NextField(out short id, out byte type))
        {
            switch (id, type)
            {
                case (1, ThriftCompactReader.Binary):
                    filePath = reader.ReadString();
                    break;
                case (3, ThriftCompactReader.Struct):
                    metadata = reader;
                    hasMetadata = true;
                    reader.Skip(type);
                    break;
                case (4, ThriftCompactReader.I64):
                    offsetIndexOffset = reader.ReadI64();
                    break;
                case (5, ThriftCompactReader.I32):
                    offsetIndexLength = reader.ReadI32();
                    break;
                case (6, ThriftCompactReader.I64):
                    columnIndexOffset = reader.ReadI64();
                    break;
                case (7, ThriftCompactReader.I32):
                    columnIndexLength = reader.ReadI32();
                    break;
                case (8, _) or (9, _):
                    hasCrypto = true;
                    reader.Skip(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        var placement = new ChunkPlacement(filePath, offsetIndexOffset, offsetIndexLength, columnIndexOffset, columnIndexLength, IsEncrypted: hasCrypto || !hasMetadata);
        if (!hasMetadata)
        {
            return ReadColumnMetaData(ref metadata, placement, fieldsPresent: false);
        }

        int saved = metadata.BeginStruct();
        ColumnChunkMetadata chunk = ReadColumnMetaData(ref metadata, placement, fieldsPresent: true);
        metadata.EndStruct(saved);
        return chunk;
    }

    // Fields are gathered in locals and the record made once: a copy per field (`with`) made a dozen records per chunk,
    // most of what parsing a footer of thousands of chunks allocated.
    private static ColumnChunkMetadata ReadColumnMetaData(ref ThriftCompactReader reader, in ChunkPlacement placement, bool fieldsPresent)
    {
        IReadOnlyList<ParquetEncoding> encodings = [];
        IReadOnlyList<string> path = [];
        PhysicalType physicalType = default;
        CompressionCodec codec = default;
        long valueCount = 0, uncompressed = 0, compressed = 0, dataPageOffset = 0;
        long? dictionaryPageOffset = null, bloomFilterOffset = null;
        int? bloomFilterLength = null;
        ColumnStatistics? statistics = null;
        SizeStatistics? sizeStatistics = null;
        while (fieldsPresent && reader.NextField(out short id, out byte type))
        {
            switch (id, type)
            {
                case (1, ThriftCompactReader.I32):
                    physicalType = (PhysicalType)reader.ReadI32();
                    break;
                case (2, ThriftCompactReader.List):
                    encodings = ReadEncodings(ref reader);
                    break;
                case (3, ThriftCompactReader.List):
                    path = ReadPath(ref reader);
                    break;
                case (4, ThriftCompactReader.I32):
                    codec = (CompressionCodec)reader.ReadI32();
                    break;
                case (5, ThriftCompactReader.I64):
                    valueCount = reader.ReadI64();
                    break;
                case (6, ThriftCompactReader.I64):
                    uncompressed = reader.ReadI64();
                    break;
                case (7, ThriftCompactReader.I64):
                    compressed = reader.ReadI64();
                    break;
                case (9, ThriftCompactReader.I64):
                    dataPageOffset = reader.ReadI64();
                    break;
                case (11, ThriftCompactReader.I64):
                    dictionaryPageOffset = reader.ReadI64();
                    break;
                case (12, ThriftCompactReader.Struct):
                    statistics = ReadStatistics(ref reader);
                    break;
                case (14, ThriftCompactReader.I64):
                    bloomFilterOffset = reader.ReadI64();
                    break;
                case (15, ThriftCompactReader.I32):
                    bloomFilterLength = reader.ReadI32();
                    break;
                case (16, ThriftCompactReader.Struct):
                    sizeStatistics = SizeStatistics.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return new ColumnChunkMetadata
        {
            Type = physicalType,
            Encodings = encodings,
            PathInSchema = path,
            Codec = codec,
            ValueCount = valueCount,
            TotalUncompressedSize = uncompressed,
            TotalCompressedSize = compressed,
            DataPageOffset = dataPageOffset,
            DictionaryPageOffset = dictionaryPageOffset,
            Statistics = statistics,
            BloomFilterOffset = bloomFilterOffset,
            BloomFilterLength = bloomFilterLength,
            SizeStatistics = sizeStatistics,
            FilePath = placement.FilePath,
            OffsetIndexOffset = placement.OffsetIndexOffset,
            OffsetIndexLength = placement.OffsetIndexLength,
            ColumnIndexOffset = placement.ColumnIndexOffset,
            ColumnIndexLength = placement.ColumnIndexLength,
            IsEncrypted = placement.IsEncrypted,
        };
    }

    /// <summary>A list of encodings; elements of another type than i32 are skipped, as a reader of a newer writer's list must.</summary>
    private static IReadOnlyList<ParquetEncoding> ReadEncodings(ref ThriftCompactReader reader)
    {
        int count = reader.ReadListHeader(out byte elementType);
        if (elementType != ThriftCompactReader.I32)
        {
            SkipElements(ref reader, elementType, count);
            return [];
        }

        var encodings = new ParquetEncoding[count];
        for (int i = 0; i < count; i++)
        {
            encodings[i] = (ParquetEncoding)reader.ReadI32();
        }

        return encodings;
    }

    private static IReadOnlyList<string> ReadPath(ref ThriftCompactReader reader)
    {
        int count = reader.ReadListHeader(out byte elementType);
        if (elementType != ThriftCompactReader.Binary)
        {
            SkipElements(ref reader, elementType, count);
            return [];
        }

        var path = new string[count];
        for (int i = 0; i < count; i++)
        {
            path[i] = reader.ReadString();
        }

        return path;
    }

    // A list's booleans take a byte each, where a boolean field carries its value in its header.
    private static void SkipElements(ref ThriftCompactReader reader, byte elementType, int count)
    {
        byte skipped = elementType is ThriftCompactReader.BooleanTrue or ThriftCompactReader.BooleanFalse ? ThriftCompactReader.Byte : elementType;
        for (int i = 0; i < count; i++)
        {
            reader.Skip(skipped);
        }
    }

    /// <summary>The fields of a column chunk around its metadata: where it lies if elsewhere, its indexes, whether it is encrypted.</summary>
    private readonly record struct ChunkPlacement(string? FilePath, long? OffsetIndexOffset, int? OffsetIndexLength, long? ColumnIndexOffset, int? ColumnIndexLength, bool IsEncrypted);

    private static ColumnStatistics ReadStatistics(ref ThriftCompactReader reader)
    {
        int saved = reader.BeginStruct();
        byte[]? legacyMax = null, legacyMin = null, max = null, min = null;
        long? nullCount = null, distinctCount = null;
        while (reader.NextField(out short id, out byte type))
        {
            switch (id, type)
            {
                case (1, ThriftCompactReader.Binary):
                    legacyMax = reader.ReadBinary().ToArray();
                    break;
                case (2, ThriftCompactReader.Binary):
                    legacyMin = reader.ReadBinary().ToArray();
                    break;
                case (3, ThriftCompactReader.I64):
                    nullCount = reader.ReadI64();
                    break;
                case (4, ThriftCompactReader.I64):
                    distinctCount = reader.ReadI64();
                    break;
                case (5, ThriftCompactReader.Binary):
                    max = reader.ReadBinary().ToArray();
                    break;
                case (6, ThriftCompactReader.Binary):
                    min = reader.ReadBinary().ToArray();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return new ColumnStatistics
        {
            LegacyMax = legacyMax,
            LegacyMin = legacyMin,
            NullCount = nullCount,
            DistinctCount = distinctCount,
            MaxValue = max,
            MinValue = min,
        };
    }

    private static KeyValuePair<string, string?> ReadKeyValue(ref ThriftCompactReader reader)
    {
        string key = string.Empty;
        string? value = null;
        while (reader.NextField(out short id, out byte type))
        {
            switch (id, type)
            {
                case (1, ThriftCompactReader.Binary):
                    key = reader.ReadString();
                    break;
                case (2, ThriftCompactReader.Binary):
                    value = reader.ReadString();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return new(key, value);
    }

    private static T Skipped<T>(ref ThriftCompactReader reader, byte type, T unchanged)
    {
        reader.Skip(type);
        return unchanged;
    }
}
