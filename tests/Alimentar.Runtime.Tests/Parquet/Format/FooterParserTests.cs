namespace Alimentar.Runtime.Tests;

public sealed class FooterParserTests
{
    [Fact]
    public void A_column_chunk_reads_its_metadata_and_the_fields_that_follow_it_into_one_record()
    {
        ColumnChunkMetadata chunk = OneChunk(encodings: writer =>
        {
            writer.BeginList(2, ThriftCompactReader.I32, 2);
            writer.I32Value((int)ParquetEncoding.Plain);
            writer.I32Value((int)ParquetEncoding.RleDictionary);
        });

        Assert.Equal([ParquetEncoding.Plain, ParquetEncoding.RleDictionary], chunk.Encodings);
        Assert.Equal(["x"], chunk.PathInSchema);
        Assert.Equal(PhysicalType.Int32, chunk.Type);
        Assert.Equal(7, chunk.ValueCount);
        Assert.Equal(4, chunk.DataPageOffset);
        Assert.Equal(100, chunk.OffsetIndexOffset);
        Assert.Equal(20, chunk.OffsetIndexLength);
        Assert.False(chunk.IsEncrypted);
    }

    /// <summary>
    /// A list's booleans take a byte each. Skipping a list of them as boolean fields (which carry their value in their
    /// header, so skip nothing) read the list's bytes as the fields after it.
    /// </summary>
    [Fact]
    public void A_list_of_an_element_type_the_reader_does_not_expect_is_skipped_whole()
    {
        ColumnChunkMetadata chunk = OneChunk(encodings: writer =>
        {
            writer.BeginList(2, ThriftCompactReader.BooleanTrue, 3);
            writer.BoolValue(true);
            writer.BoolValue(false);
            writer.BoolValue(true);
        });

        Assert.Empty(chunk.Encodings);
        Assert.Equal(["x"], chunk.PathInSchema);
        Assert.Equal(7, chunk.ValueCount);
        Assert.Equal(100, chunk.OffsetIndexOffset);
    }

    /// <summary>A footer of one INT32 column <c>x</c> and one row group whose chunk's encodings <paramref name="encodings"/> writes.</summary>
    private static ColumnChunkMetadata OneChunk(Action<ThriftCompactWriter> encodings)
    {
        using var output = new ByteBuffer();
        var writer = new ThriftCompactWriter(output);
        writer.BeginStructValue();
        writer.I32(1, 1);
        writer.BeginList(2, ThriftCompactReader.Struct, 2);
        writer.BeginStructValue();
        writer.String(4, "root");
        writer.I32(5, 1);
        writer.EndStruct();
        writer.BeginStructValue();
        writer.I32(1, (int)PhysicalType.Int32);
        writer.I32(3, (int)Repetition.Required);
        writer.String(4, "x");
        writer.EndStruct();
        writer.I64(3, 7);
        writer.BeginList(4, ThriftCompactReader.Struct, 1);
        writer.BeginStructValue();
        writer.BeginList(1, ThriftCompactReader.Struct, 1);
        writer.BeginStructValue();
        writer.I64(2, 4);
        writer.BeginStruct(3);
        writer.I32(1, (int)PhysicalType.Int32);
        encodings(writer);
        writer.BeginList(3, ThriftCompactReader.Binary, 1);
        writer.StringValue("x");
        writer.I32(4, 0);
        writer.I64(5, 7);
        writer.I64(6, 28);
        writer.I64(7, 28);
        writer.I64(9, 4);
        writer.EndStruct();
        writer.I64(4, 100);
        writer.I32(5, 20);
        writer.EndStruct();
        writer.I64(2, 28);
        writer.I64(3, 7);
        writer.EndStruct();
        writer.EndStruct();
        return Assert.Single(Assert.Single(FooterParser.Parse(output.Span).RowGroups).Columns);
    }
}
