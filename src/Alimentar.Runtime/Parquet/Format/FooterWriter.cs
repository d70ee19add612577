namespace Alimentar.Parquet.Format;

/// <summary>
/// Encodes a file's metadata as the footer's <c>FileMetaData</c>: the inverse of <see cref="FooterParser"/>. Every
/// leaf gets a type-defined column order, which tells readers that <c>min_value</c>/<c>max_value</c> follow the
/// column's logical sort order and can be trusted.
/// </summary>
internal static class FooterWriter
{
    public static void Write(ByteBuffer output, FileMetadata metadata)
    {
        var writer = new ThriftCompactWriter(output);
        writer.BeginStructValue();
        writer.I32(1, 2);
        writer.BeginList(2, ThriftCompactReader.Struct, metadata.Schema.Elements.Count);
        foreach (SchemaElement element in metadata.Schema.Elements)
        {
            WriteSchemaElement(writer, element);
        }

        writer.I64(3, metadata.RowCount);
        writer.BeginList(4, ThriftCompactReader.Struct, metadata.RowGroups.Count);
        for (int ordinal = 0; ordinal < metadata.RowGroups.Count; ordinal++)
        {
            WriteRowGroup(writer, metadata.RowGroups[ordinal], ordinal);
        }

        if (metadata.KeyValues.Count > 0)
        {
            writer.BeginList(5, ThriftCompactReader.Struct, metadata.KeyValues.Count);
            foreach ((string key, string? value) in metadata.KeyValues)
            {
                writer.BeginStructValue();
                writer.String(1, key);
                if (value is not null)
                {
                    writer.String(2, value);
                }

                writer.EndStruct();
            }
        }

        if (metadata.CreatedBy is { } createdBy)
        {
            writer.String(6, createdBy);
        }

        writer.BeginList(7, ThriftCompactReader.Struct, metadata.Schema.Leaves.Count);
        for (int leaf = 0; leaf < metadata.Schema.Leaves.Count; leaf++)
        {
            writer.BeginStructValue();
            writer.EmptyStruct(1);
            writer.EndStruct();
        }

        writer.EndStruct();
    }

    /// <summary>Encodes a chunk's or a page's statistics (the <c>Statistics</c> struct).</summary>
    public static void WriteStatistics(ThriftCompactWriter writer, short id, ColumnStatistics statistics)
    {
        writer.BeginStruct(id);
        if (statistics.NullCount is { } nulls)
        {
            writer.I64(3, nulls);
        }

        if (statistics.DistinctCount is { } distinct)
        {
            writer.I64(4, distinct);
        }

        if (statistics.MaxValue is { } max)
        {
            writer.Binary(5, max);
        }

        if (statistics.MinValue is { } min)
        {
            writer.Binary(6, min);
        }

        if (statistics.MaxValue is not null)
        {
            writer.Bool(7, statistics.IsExact);
            writer.Bool(8, statistics.IsExact);
        }

        writer.EndStruct();
    }

    private static void WriteSchemaElement(ThriftCompactWriter writer, SchemaElement element)
    {
        writer.BeginStructValue();
        if (element.Type is { } type)
        {
            writer.I32(1, (int)type);
            if (type == PhysicalType.FixedLenByteArray)
            {
                writer.I32(2, element.TypeLength);
            }
        }

        writer.I32(3, (int)element.Repetition);
        writer.String(4, element.Name);
        if (element.Type is null)
        {
            writer.I32(5, element.ChildCount);
        }

        if (element.ConvertedType is { } converted)
        {
            writer.I32(6, (int)converted);
        }

        if (element.Scale is { } scale)
        {
            writer.I32(7, scale);
        }

        if (element.Precision is { } precision)
        {
            writer.I32(8, precision);
        }

        if (element.LogicalType is { } logical)
        {
            WriteLogicalType(writer, logical);
        }

        writer.EndStruct();
    }

    private static void WriteLogicalType(ThriftCompactWriter writer, LogicalType logical)
    {
        writer.BeginStruct(10);
        short kind = (short)logical.Kind;
        switch (logical.Kind)
        {
            case LogicalTypeKind.Decimal:
                writer.BeginStruct(kind);
                writer.I32(1, logical.Scale);
                writer.I32(2, logical.Precision);
                writer.EndStruct();
                break;
            case LogicalTypeKind.Time or LogicalTypeKind.Timestamp:
                writer.BeginStruct(kind);
                writer.Bool(1, logical.IsAdjustedToUtc);
                writer.BeginStruct(2);
                writer.EmptyStruct(logical.Unit switch { TimeUnit.Millis => 1, TimeUnit.Nanos => 3, _ => 2 });
                writer.EndStruct();
                writer.EndStruct();
                break;
            case LogicalTypeKind.Integer:
                writer.BeginStruct(kind);
                writer.Byte(1, (sbyte)logical.BitWidth);
                writer.Bool(2, logical.IsSigned);
                writer.EndStruct();
                break;
            default:
                writer.EmptyStruct(kind);
                break;
        }

        writer.EndStruct();
    }

    private static void WriteRowGroup(ThriftCompactWriter writer, RowGroupMetadata rowGroup, int ordinal)
    {
        writer.BeginStructValue();
        writer.BeginList(1, ThriftCompactReader.Struct, rowGroup.Columns.Count);
        foreach (ColumnChunkMetadata column in rowGroup.Columns)
        {
            WriteColumnChunk(writer, column);
        }

        writer.I64(2, rowGroup.TotalByteSize);
        writer.I64(3, rowGroup.RowCount);
        if (rowGroup.SortingColumns.Count > 0)
        {
            writer.BeginList(4, ThriftCompactReader.Struct, rowGroup.SortingColumns.Count);
            foreach (SortingColumn sorting in rowGroup.SortingColumns)
            {
                writer.BeginStructValue();
                writer.I32(1, sorting.ColumnIndex);
                writer.Bool(2, sorting.Descending);
                writer.Bool(3, sorting.NullsFirst);
                writer.EndStruct();
            }
        }

        if (rowGroup.Columns.Count > 0)
        {
            writer.I64(5, StartOf(rowGroup.Columns[0]));
            writer.I64(6, rowGroup.Columns.Sum(c => c.TotalCompressedSize));
        }

        writer.I32(7, ordinal);
        writer.EndStruct();
    }

    private static void WriteColumnChunk(ThriftCompactWriter writer, ColumnChunkMetadata column)
    {
        writer.BeginStructValue();

        // file_offset is deprecated but required; writers put the chunk's first byte there.
        writer.I64(2, StartOf(column));
        writer.BeginStruct(3);
        writer.I32(1, (int)column.Type);
        writer.BeginList(2, ThriftCompactReader.I32, column.Encodings.Count);
        foreach (ParquetEncoding encoding in column.Encodings)
        {
            writer.I32Value((int)encoding);
        }

        writer.BeginList(3, ThriftCompactReader.Binary, column.PathInSchema.Count);
        foreach (string part in column.PathInSchema)
        {
            writer.StringValue(part);
        }

        writer.I32(4, (int)column.Codec);
        writer.I64(5, column.ValueCount);
        writer.I64(6, column.TotalUncompressedSize);
        writer.I64(7, column.TotalCompressedSize);
        writer.I64(9, column.DataPageOffset);
        if (column.DictionaryPageOffset is { } dictionary)
        {
            writer.I64(11, dictionary);
        }

        if (column.Statistics is { } statistics)
        {
            WriteStatistics(writer, 12, statistics);
        }

        if (column.BloomFilterOffset is { } bloomOffset)
        {
            writer.I64(14, bloomOffset);
            if (column.BloomFilterLength is { } bloomLength)
            {
                writer.I32(15, bloomLength);
            }
        }

        if (column.SizeStatistics is { IsEmpty: false } sizes)
        {
            sizes.WriteTo(writer, 16);
        }

        writer.EndStruct();
        if (column.OffsetIndexOffset is { } offsetIndex)
        {
            writer.I64(4, offsetIndex);
            writer.I32(5, column.OffsetIndexLength ?? 0);
        }

        if (column.ColumnIndexOffset is { } columnIndex)
        {
            writer.I64(6, columnIndex);
            writer.I32(7, column.ColumnIndexLength ?? 0);
        }

        writer.EndStruct();
    }

    private static long StartOf(ColumnChunkMetadata column) => column.DictionaryPageOffset ?? column.DataPageOffset;
}
