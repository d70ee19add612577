using Parquet;

namespace Alimentar.IntegrationTests;

public sealed class MidFileFaultTests
{
    [Fact]
    public async Task A_corrupt_row_group_delivers_every_batch_before_it_then_the_error()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 300).Select(i => new Measurement(i, $"sensor-{i}", i)), rowGroupSize: 100);
        long start;
        long length;
        await using (ParquetReader reader = await ParquetReader.CreateAsync(file.Path))
        {
            var chunk = reader.Metadata!.RowGroups[1].Columns[1].MetaData!;
            start = chunk.DataPageOffset;
            length = chunk.TotalCompressedSize;
        }

        byte[] bytes = await File.ReadAllBytesAsync(file.Path);
        bytes.AsSpan((int)start, (int)length).Fill(0xFF);
        await File.WriteAllBytesAsync(file.Path, bytes);

        var ids = new List<long>();
        using var streaming = new StreamingDataset<Measurement>(new ParquetSource<Measurement>(file.Path).BatchSize(30), bufferSize: 4);
        CorruptParquetFileException error = Assert.Throws<CorruptParquetFileException>(() =>
        {
            foreach (Measurement row in streaming.Rows())
            {
                ids.Add(row.Id);
            }
        });

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), ids);
        Assert.Equal(1, error.RowGroup);
        Assert.Equal("Sensor", error.ColumnName);
        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
    }
}
