namespace Alimentar.IntegrationTests;

/// <summary>
/// Allocation figures, not timings. Process-wide allocation counts see every thread, so these tests run alone.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class AllocationTests
{
    [Theory]
    [InlineData(100_000)]
    [InlineData(400_000)]
    public async Task Value_columns_allocate_less_than_a_byte_per_row(int rowGroupSize)
    {
        using var file = new TempFile();
        const int rows = 800_000;
        await ParquetDatasetWriter<Numbers>.WriteFileAsync(file.Path, Enumerable.Range(0, rows).Select(i => new Numbers(i, i * 0.5f, i % 3 == 0 ? null : i, i % 2 == 0)), rowGroupSize);

        // Warm up so pools and JIT are settled before counting.
        ReadWithAlimentar(file.Path);

        // The least of five passes: process-wide counts also see other threads (a pool refilling after a
        // gen-2 trim, a finishing task of an earlier test), and none of that is per row.
        long allocated = long.MaxValue;
        double sum = 0;
        for (int pass = 0; pass < 5; pass++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            sum = ReadWithAlimentar(file.Path);
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.True(sum > 0);
        double perRow = allocated / (double)rows;
        Assert.True(perRow < 1, $"streaming {rows:N0} rows allocated {allocated:N0} bytes: {perRow:N2} per row");
    }

    [Fact]
    public async Task Repeated_strings_are_one_instance_per_value()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 10_000).Select(i => new Measurement(i, $"sensor-{i % 4}", i)), rowGroupSize: 2_500);

        List<Measurement> rows = ParquetFiles.ReadAll(new ParquetSource<Measurement>(file.Path));

        Assert.Equal(4, rows.Select(r => r.Sensor).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    private static double ReadWithAlimentar(string path)
    {
        // Columns are read through typed spans; batches are disposed so buffers return to the pool.
        using var streaming = new StreamingDataset<Numbers>(new ParquetSource<Numbers>(path).DecodeAhead(0), bufferSize: 2);
        double sum = 0;
        foreach (Batch<Numbers> batch in streaming)
        {
            using (batch)
            {
                foreach (float score in batch.Score)
                {
                    sum += score;
                }
            }
        }

        return sum;
    }
}
[StreamingDataset]
public partial record Numbers(long Id, float Score, int? Maybe, bool Flag);

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCountersCollection
{
    public const string Name = "Process-wide counters";
}
