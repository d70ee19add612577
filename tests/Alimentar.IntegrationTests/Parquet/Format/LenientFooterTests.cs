using Alimentar.Parquet.Format;
using System.Buffers.Binary;
using ParquetSharp;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record PairRow(long Left, long Right);

/// <summary>Footers that real writers got wrong, read as DuckDB and Arrow C++ read them.</summary>
public sealed class LenientFooterTests
{
    private const int Rows = 5_000;

    private static (long Values, long Uncompressed, long Compressed) Write(string path)
    {
        using (var writer = new ParquetFileWriter(path, [new Column<long>("Left"), new Column<long>("Right")], Compression.Snappy))
        {
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            using (LogicalColumnWriter<long> left = rowGroup.NextColumn().LogicalWriter<long>())
            {
                left.WriteBatch(Enumerable.Range(0, Rows).Select(i => (long)i).ToArray());
            }

            using LogicalColumnWriter<long> right = rowGroup.NextColumn().LogicalWriter<long>();
            right.WriteBatch(Enumerable.Range(0, Rows).Select(i => (long)i * 3).ToArray());
        }

        using var reader = new ParquetFileReader(path);
        using RowGroupReader rowGroupReader = reader.RowGroup(0);
        using ColumnChunkMetaData chunk = rowGroupReader.MetaData.GetColumnChunkMetaData(1);
        return (chunk.NumValues, chunk.TotalUncompressedSize, chunk.TotalCompressedSize);
    }

    // ColumnMetaData after path_in_schema ["Right"]: 4 codec (i32), 5 num_values, 6 total_uncompressed_size, 7 total_compressed_size (i64s).
    private static byte[] RightSizes(long values, long uncompressed, long compressed) =>
        [.. "Right"u8, 0x15, 0x02, 0x16, .. ThriftBytes.Varint(values), 0x16, .. ThriftBytes.Varint(uncompressed), 0x16, .. ThriftBytes.Varint(compressed)];

    private static void AssertRows(string path) =>
        Assert.Equal(
            Enumerable.Range(0, Rows).Select(i => new PairRow(i, i * 3L)),
            ParquetFiles.ReadAll(new ParquetSource<PairRow>(path).BatchSize(1_000)));

    [Fact]
    public void A_chunk_whose_footer_says_it_decompresses_to_nothing_is_read_by_its_page_headers()
    {
        // Older DuckDB versions wrote total_uncompressed_size = 0 for every chunk.
        using var file = new TempFile();
        (long values, long uncompressed, long compressed) = Write(file.Path);
        FooterPatch.Replace(file.Path, RightSizes(values, uncompressed, compressed), RightSizes(values, 0, compressed));

        AssertRows(file.Path);
    }

    [Fact]
    public void A_chunk_miscounting_its_values_reads_the_rows_its_row_group_and_other_chunks_agree_on()
    {
        using var file = new TempFile();
        (long values, long uncompressed, long compressed) = Write(file.Path);
        FooterPatch.Replace(file.Path, RightSizes(values, uncompressed, compressed), RightSizes(values + 17, uncompressed, compressed));

        AssertRows(file.Path);
    }

    [Fact]
    public void A_parquet_mr_1_2_8_chunk_that_leaves_its_dictionary_header_out_of_its_size_is_read_whole()
    {
        // PARQUET-816: such writers counted a chunk's bytes without its dictionary page's header.
        using var file = new TempFile();
        (long values, long uncompressed, long compressed) = Write(file.Path);
        byte[] bytes = File.ReadAllBytes(file.Path);
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        FileMetadata metadata = FooterParser.Parse(bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength));
        long dictionary = metadata.RowGroups[0].Columns[1].DictionaryPageOffset ?? throw new InvalidOperationException("no dictionary page");
        int headerLength = Alimentar.Parquet.Format.PageHeader.Parse(bytes.AsSpan((int)dictionary, 256)).HeaderLength;

        FooterPatch.Replace(file.Path, RightSizes(values, uncompressed, compressed), RightSizes(values, uncompressed, compressed - headerLength));
        byte[] writer = System.Text.Encoding.UTF8.GetBytes(metadata.CreatedBy!), old = System.Text.Encoding.UTF8.GetBytes("parquet-mr version 1.2.8 (build 0)");
        FooterPatch.Replace(file.Path, [(byte)writer.Length, .. writer], [(byte)old.Length, .. old]);

        AssertRows(file.Path);
    }

    [Fact]
    public void A_page_of_nulls_marked_dictionary_encoded_in_a_chunk_without_a_dictionary_reads_as_nulls()
    {
        using var file = new TempFile();
        using (WriterProperties properties = new WriterPropertiesBuilder().DisableDictionary().Compression(Compression.Uncompressed).Build())
        using (var writer = new ParquetFileWriter(file.Path, [new Column<long?>("Maybe")], properties))
        {
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            using LogicalColumnWriter<long?> column = rowGroup.NextColumn().LogicalWriter<long?>();
            column.WriteBatch(new long?[100]);
        }

        // DataPageHeader { 1: num_values = 100, 2: encoding PLAIN (0) becomes RLE_DICTIONARY (8), 3 and 4: RLE levels }.
        byte[] bytes = File.ReadAllBytes(file.Path);
        byte[] plain = [0x15, .. ThriftBytes.Varint(100), 0x15, 0x00, 0x15, 0x06, 0x15, 0x06];
        int at = bytes.AsSpan().IndexOf(plain);
        Assert.True(at > 0);
        bytes[at + plain.Length - 5] = 0x10;
        File.WriteAllBytes(file.Path, bytes);

        Assert.Equal(new long?[100], ParquetFiles.ReadAll(new ParquetSource<MaybeRow>(file.Path)).Select(r => r.Maybe));
    }
}

[StreamingDataset]
public partial record MaybeRow(long? Maybe);
