using Alimentar.Binding;
using Alimentar.Parquet.Format;
using Alimentar.Parquet.Reading;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record KeyRow(Guid Key);

public sealed class FooterChecksTests
{
    [Fact]
    public async Task A_row_group_claiming_more_rows_than_its_columns_hold_is_refused_before_any_buffer_is_rented()
    {
        CorruptParquetFileException error = await CheckTamperedFooterAsync(rowGroup => rowGroup with { RowCount = 2_000_000_000 });

        Assert.Contains("claims 2000000000 rows but column 'Id' holds 10 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_chunk_larger_than_the_file_is_refused()
    {
        CorruptParquetFileException error = await CheckTamperedFooterAsync(rowGroup => rowGroup with
        {
            Columns = rowGroup.Columns.Select((c, i) => i == 1 ? c with { TotalCompressedSize = 1L << 40 } : c).ToArray(),
        });

        Assert.Contains("column 'Sensor' claims 1099511627776 bytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A filter's plan looks a column up among the row group's chunks before the reader checks them: a footer listing
    /// fewer chunks than the schema has leaves (found by coverage-guided fuzzing) once escaped as an
    /// <see cref="ArgumentOutOfRangeException"/> from a filtered read and from its explanation.
    /// </summary>
    [Fact]
    public async Task A_row_group_short_of_a_column_chunk_is_a_corrupt_file_to_filtered_reads_and_their_explanation()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 10).Select(i => new Measurement(i, "s", i)));
        await FooterPatch.RewriteAsync(file.Path, metadata => metadata with
        {
            RowGroups = [metadata.RowGroups[0] with { Columns = metadata.RowGroups[0].Columns.Take(2).ToArray() }],
        });

        ParquetSource<Measurement> Filtered() => new ParquetSource<Measurement>(file.Path).Where(m => m.Reading > 3);
        CorruptParquetFileException[] errors =
        [
            Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(Filtered())),
            await Assert.ThrowsAsync<CorruptParquetFileException>(async () => await Filtered().ExplainAsync()),
            Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<Measurement>(file.Path))),
        ];

        Assert.All(errors, error =>
        {
            Assert.Contains("it has 2 column chunks for 3 columns", error.Message, StringComparison.Ordinal);
            Assert.Equal(file.Path, error.FilePath);
            Assert.Equal(0, error.RowGroup);
        });
    }

    [Fact]
    public void A_footer_whose_list_claims_more_elements_than_bytes_left_is_malformed()
    {
        // Field 1 (delta 1) of type list (9), then a list header saying "size in a varint" of one billion i32s.
        byte[] footer = [0x19, 0xF5, 0x80, 0x94, 0xEB, 0xDC, 0x03, 0x00];

        var error = Assert.Throws<InvalidDataException>(() => FooterParser.Parse(footer));
        Assert.Contains("a list of 1000000000 elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_footer_parses()
    {
        // Field 2 (schema): a list of one struct {4: name "root", 5: num_children 0}; field 3 (num_rows): 0; stop.
        byte[] footer = [0x29, 0x1C, 0x48, 0x04, (byte)'r', (byte)'o', (byte)'o', (byte)'t', 0x15, 0x00, 0x00, 0x16, 0x00, 0x00];

        FileMetadata metadata = FooterParser.Parse(footer);

        Assert.Equal(0, metadata.RowCount);
        Assert.Equal("root", metadata.Schema.Elements[0].Name);
        Assert.Empty(metadata.Schema.Leaves);
    }

    [Fact]
    public void A_schema_group_claiming_more_children_than_elements_is_malformed()
    {
        // The root claims 5 children and none follow.
        byte[] footer = [0x29, 0x1C, 0x48, 0x04, (byte)'r', (byte)'o', (byte)'o', (byte)'t', 0x15, 0x0A, 0x00, 0x00];

        var error = Assert.Throws<InvalidDataException>(() => FooterParser.Parse(footer));
        Assert.Contains("claims 5 children", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_length_column_of_no_length_is_a_corrupt_file_naming_it()
    {
        using var file = new TempFile();
        using (var writer = new ParquetSharp.ParquetFileWriter(file.Path, [new ParquetSharp.Column<Guid>("Key", ParquetSharp.LogicalType.Uuid())]))
        {
            using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
            using ParquetSharp.LogicalColumnWriter<Guid> column = rowGroup.NextColumn().LogicalWriter<Guid>();
            column.WriteBatch([Guid.NewGuid()]);
        }

        // SchemaElement: 1 type = FIXED_LEN_BYTE_ARRAY (7), 2 type_length = 16 becomes 0.
        FooterPatch.Replace(file.Path, [0x15, 0x0E, 0x15, 0x20], [0x15, 0x0E, 0x15, 0x00]);

        var error = Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<KeyRow>(file.Path)));
        Assert.Contains("FIXED_LEN_BYTE_ARRAY column 'Key' has a length of 0", error.Message, StringComparison.Ordinal);
        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Opens a small valid file, tampers with its row group's metadata, and returns what the row-group check throws.</summary>
    private static async Task<CorruptParquetFileException> CheckTamperedFooterAsync(Func<RowGroupMetadata, RowGroupMetadata> tamper)
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 10).Select(i => new Measurement(i, "s", i)));
        await using ParquetFile parquet = await ParquetFile.OpenAsync(file.Path, CancellationToken.None);
        BoundColumn[] columns = ParquetSchemaBinder.Bind(parquet.Schema, Measurement.Columns.Schema, file.Path);
        FileMetadata tampered = parquet.Metadata with { RowGroups = [tamper(parquet.Metadata.RowGroups[0])] };

        return Assert.Throws<CorruptParquetFileException>(() => ParquetFile.CheckRowGroup(tampered, parquet.Pages.Length, file.Path, 0, columns));
    }
}
