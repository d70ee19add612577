using Alimentar.ParquetBinding;
using Parquet;

namespace Alimentar.IntegrationTests;

public sealed class FooterChecksTests
{
    [Fact]
    public async Task A_row_group_claiming_more_rows_than_its_columns_hold_is_refused_before_any_buffer_is_rented()
    {
        CorruptParquetFileException error = await CheckTamperedFooterAsync((rowGroup, _) => rowGroup.RowGroup.NumRows = 2_000_000_000);

        Assert.Contains("claims 2000000000 rows but column 'Id' holds 10 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_chunk_larger_than_the_file_is_refused()
    {
        CorruptParquetFileException error = await CheckTamperedFooterAsync((rowGroup, columns) => rowGroup.GetMetadata(columns[1].Field)!.MetaData!.TotalCompressedSize = 1L << 40);

        Assert.Contains("column 'Sensor' claims 1099511627776 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_footer_whose_list_claims_more_elements_than_bytes_left_is_malformed()
    {
        // Field 1 (delta 1) of type list (9), then a list header saying "size in a varint" of one billion i32s.
        byte[] footer = [0x19, 0xF5, 0x80, 0x94, 0xEB, 0xDC, 0x03, 0x00];

        Assert.Contains("a list of 1000000000 elements", ThriftFooterValidator.Validate(footer), StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_footer_passes()
    {
        // Field 1 i32 = 1, field 2 binary "ab", then stop.
        byte[] footer = [0x15, 0x02, 0x18, 0x02, (byte)'a', (byte)'b', 0x00];

        Assert.Null(ThriftFooterValidator.Validate(footer));
    }

    /// <summary>Opens a small valid file, tampers with its in-memory footer, and returns what the row-group check throws.</summary>
    private static async Task<CorruptParquetFileException> CheckTamperedFooterAsync(Action<ParquetRowGroupReader, BoundColumn[]> tamper)
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 10).Select(i => new Measurement(i, "s", i)));
        await using ParquetFile parquet = await ParquetFile.OpenAsync(file.Path, CancellationToken.None);
        BoundColumn[] columns = ParquetSchemaBinder.Bind(parquet.Schema, Measurement.Columns.Schema, file.Path);
        using ParquetRowGroupReader rowGroup = parquet.Reader.OpenRowGroupReader(0);

        tamper(rowGroup, columns);

        return Assert.Throws<CorruptParquetFileException>(() => parquet.CheckedRowCount(rowGroup, 0, columns));
    }
}
