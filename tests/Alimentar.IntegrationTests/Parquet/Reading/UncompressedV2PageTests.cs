using ParquetSharp;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record PayloadRow(double Payload);

/// <summary>
/// Data page v2 whose values are stored uncompressed (<c>is_compressed = false</c>) in a compressed chunk,
/// as arrow-rs writes every page that compression would not shrink. Such values are read from the chunk's
/// byte window, which a compressed chunk hands back to the pool as each page starts: returned buffers are
/// poisoned in tests, so values read from the returned window come out as garbage here.
/// </summary>
public sealed class UncompressedV2PageTests
{
    private const int Rows = 400_000;

    private static double[] Values()
    {
        var random = new Random(816);
        return Enumerable.Range(0, Rows).Select(_ => random.NextDouble() * 1e6).ToArray();
    }

    /// <summary>Pages of 2 MiB written v2 and uncompressed, then the chunk's codec set to SNAPPY in the footer.</summary>
    private static void Write(string path)
    {
        using WriterProperties properties = new WriterPropertiesBuilder()
            .Compression(Compression.Uncompressed)
            .DataPageVersion(ParquetDataPageVersion.V2)
            .DisableDictionary()
            .DataPagesize(2 << 20)
            .Build();
        using (var writer = new ParquetFileWriter(path, [new Column<double>("Payload")], properties))
        {
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            using LogicalColumnWriter<double> column = rowGroup.NextColumn().LogicalWriter<double>();
            column.WriteBatch(Values());
        }

        // ColumnMetaData: path_in_schema ends with "Payload", then field 4 (codec, i32): UNCOMPRESSED (0) becomes SNAPPY (1).
        FooterPatch.Replace(path, [.. "Payload"u8, 0x15, 0x00], [.. "Payload"u8, 0x15, 0x02]);
    }

    [Fact]
    public void Uncompressed_v2_pages_over_a_mebibyte_in_a_snappy_chunk_read_their_own_values_from_a_file()
    {
        using var file = new TempFile();
        Write(file.Path);

        List<PayloadRow> rows = ParquetFiles.ReadAll(new ParquetSource<PayloadRow>(file.Path).BatchSize(10_000));

        Assert.Equal(Values(), rows.Select(r => r.Payload));
    }

    [Fact]
    public void Uncompressed_v2_pages_over_a_mebibyte_in_a_snappy_chunk_read_their_own_values_through_an_object_store()
    {
        using var folder = new TempDirectory();
        Write(Path.Combine(folder.Path, "pages.parquet"));

        List<PayloadRow> rows = ParquetFiles.ReadAll(new ParquetSource<PayloadRow>(new LocalObjectStore(folder.Path), "pages.parquet").BatchSize(10_000));

        Assert.Equal(Values(), rows.Select(r => r.Payload));
    }
}
