using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Allocation figures, not timings: what Alimentar adds on top of Parquet.Net's own decoding. Process-wide
/// allocation counts see every thread, so these tests run alone.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class AllocationTests
{
    [Fact]
    public async Task Value_columns_allocate_nothing_per_row_beyond_parquet_net_itself()
    {
        using var file = new TempFile();
        const int rows = 400_000;
        await ParquetDatasetWriter<Numbers>.WriteFileAsync(file.Path, Enumerable.Range(0, rows).Select(i => new Numbers(i, i * 0.5f, i % 3 == 0 ? null : i, i % 2 == 0)), rowGroupSize: 100_000);

        // Warm both paths up so pools and JIT are settled before counting.
        await ReadRawAsync(file.Path);
        ReadWithAlimentar(file.Path);

        // The least of three passes: a pool trimmed by a background gen-2 collection refills once, and that is not per row.
        long raw = long.MaxValue;
        long alimentar = long.MaxValue;
        double sum = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            await ReadRawAsync(file.Path);
            raw = Math.Min(raw, GC.GetTotalAllocatedBytes(precise: true) - before);

            before = GC.GetTotalAllocatedBytes(precise: true);
            sum = ReadWithAlimentar(file.Path);
            alimentar = Math.Min(alimentar, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.True(sum > 0);
        double extraPerRow = (alimentar - raw) / (double)rows;
        Assert.True(extraPerRow < 1, $"Alimentar allocated {alimentar:N0} bytes against Parquet.Net's {raw:N0}: {extraPerRow:N2} extra bytes per row");
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

    /// <summary>The floor: Parquet.Net's ReadRawAsync over the same columns into pooled arrays.</summary>
    private static async Task ReadRawAsync(string path)
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(path);
        DataField[] fields = reader.Schema.GetDataFields();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            int count = (int)rowGroup.RowCount;
            await ReadAsync<long>(rowGroup, fields[0], count);
            await ReadAsync<float>(rowGroup, fields[1], count);
            await ReadAsync<int>(rowGroup, fields[2], count);
            await ReadAsync<bool>(rowGroup, fields[3], count);
        }
    }

    private static async Task ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count)
        where T : struct
    {
        T[] values = ArrayPool<T>.Shared.Rent(count);
        int[] levels = ArrayPool<int>.Shared.Rent(count);
        await rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, count), field.MaxDefinitionLevel > 0 ? levels.AsMemory(0, count) : default(Memory<int>?), null);
        ArrayPool<T>.Shared.Return(values);
        ArrayPool<int>.Shared.Return(levels);
    }
}

[StreamingDataset]
public partial record Numbers(long Id, float Score, int? Maybe, bool Flag);

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCountersCollection
{
    public const string Name = "Process-wide counters";
}
