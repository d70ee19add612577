using ParquetSharp;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record SparseRow(long? Reading, string? Label);

/// <summary>
/// A row group whose column holds only nulls gets, from Arrow C++ with dictionaries on, a dictionary page of no
/// values: its codec's encoding of no bytes, which some decoders refuse (K4os's LZ4 a lone token byte, .NET's Brotli
/// an empty destination). Every codec Arrow C++ writes reads such a file as it was written.
/// </summary>
public sealed class EmptyDictionaryPageTests
{
    public static TheoryData<string> Codecs() => [.. Enum.GetNames<Compression>().Where(c => c is not "Lzo" and not "Bz2" and not "Lz4Frame")];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_row_group_of_nulls_with_an_empty_dictionary_page_reads_under_every_codec(string codec)
    {
        using var file = new TempFile();
        long?[] readings = [null, null, null, 1, 2, 2];
        string?[] labels = [null, null, null, "a", "b", null];
        using (WriterProperties properties = new WriterPropertiesBuilder().Compression(Enum.Parse<Compression>(codec)).Build())
        using (var writer = new ParquetFileWriter(file.Path, [new Column<long?>("Reading"), new Column<string?>("Label", LogicalType.String())], properties))
        {
            for (int first = 0; first < readings.Length; first += 3)
            {
                using RowGroupWriter rowGroup = writer.AppendRowGroup();
                using (LogicalColumnWriter<long?> column = rowGroup.NextColumn().LogicalWriter<long?>())
                {
                    column.WriteBatch(readings, first, 3);
                }

                using LogicalColumnWriter<string?> text = rowGroup.NextColumn().LogicalWriter<string?>();
                text.WriteBatch(labels, first, 3);
            }

            writer.Close();
        }

        List<SparseRow> rows = ParquetFiles.ReadAll(new ParquetSource<SparseRow>(file.Path));

        Assert.Equal(readings, rows.Select(r => r.Reading));
        Assert.Equal(labels, rows.Select(r => r.Label));
    }
}
