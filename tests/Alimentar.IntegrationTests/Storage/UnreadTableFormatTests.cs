namespace Alimentar.IntegrationTests;

/// <summary>
/// A folder or prefix that is an Apache Iceberg or Hudi table is refused as a dataset, naming what gave it away, rather
/// than read file by file: those tables keep files their later versions replaced, so every file's rows would repeat or
/// resurrect the table's. A plain dataset that merely has a folder named <c>metadata</c> still reads.
/// </summary>
public sealed class UnreadTableFormatTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task An_Iceberg_table_its_data_folder_and_its_partitions_are_refused_in_a_folder_and_in_a_store()
    {
        string table = Path.Combine(_root.Path, "events");
        await WriteAsync(Path.Combine(table, "data", "day=1", "00000-0-a.parquet"));
        await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(Path.Combine(table, "metadata")).FullName, "00002-5e1c.metadata.json"), "{}");

        foreach (string folder in new[] { table, Path.Combine(table, "data"), Path.Combine(table, "data", "day=1") })
        {
            UnsupportedParquetFeatureException error = Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetSource<DeltaValue>.FromDirectory(folder));
            Assert.Contains("Apache Iceberg table", error.Message, StringComparison.Ordinal);
            Assert.Contains("00002-5e1c.metadata.json", error.Message, StringComparison.Ordinal);
            Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetFileInfo.DatasetFiles(folder));
        }

        var store = new LocalObjectStore(_root.Path);
        foreach (string prefix in new[] { "events/", "events/data/", "events/data/day=1/" })
        {
            UnsupportedParquetFeatureException error = Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetSource<DeltaValue>.FromStore(store, prefix));
            Assert.Contains("Apache Iceberg table", error.Message, StringComparison.Ordinal);
            Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetFileInfo.DatasetObjects(store, prefix));
        }
    }

    [Fact]
    public async Task A_Hudi_table_is_refused_naming_its_timeline()
    {
        string table = Path.Combine(_root.Path, "trips");
        await WriteAsync(Path.Combine(table, "2024", "part-0_1-2-3_20240101.parquet"));
        await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(Path.Combine(table, ".hoodie")).FullName, "hoodie.properties"), "hoodie.table.name=trips");

        UnsupportedParquetFeatureException local = Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetSource<DeltaValue>.FromDirectory(table));
        Assert.Contains("Apache Hudi table", local.Message, StringComparison.Ordinal);
        Assert.Contains(".hoodie", local.Message, StringComparison.Ordinal);

        UnsupportedParquetFeatureException stored = Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetSource<DeltaValue>.FromStore(new LocalObjectStore(_root.Path), "trips/"));
        Assert.Contains("Apache Hudi table", stored.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_dataset_with_a_folder_named_metadata_or_data_still_reads()
    {
        string dataset = Path.Combine(_root.Path, "plain");
        await WriteAsync(Path.Combine(dataset, "data", "part-0.parquet"));
        await WriteAsync(Path.Combine(dataset, "metadata", "part-1.parquet"));

        Assert.Equal(6, ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromDirectory(dataset)).Count);
        Assert.Equal(3, ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromDirectory(Path.Combine(dataset, "data"))).Count);
        Assert.Equal(6, ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromStore(new LocalObjectStore(_root.Path), "plain/")).Count);
    }

    private static async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await ParquetDatasetWriter<DeltaValue>.WriteFileAsync(path, [new DeltaValue(1), new DeltaValue(2), new DeltaValue(null)]);
    }
}
