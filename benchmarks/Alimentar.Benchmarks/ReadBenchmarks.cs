using System.Buffers;
using BenchmarkDotNet.Attributes;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Alimentar.Benchmarks;

/// <summary>
/// Reads one Snappy file of the QuickStart row with Alimentar (rows and typed columns), Parquet.Net's
/// ParquetSerializer (per row group, so it streams too), and a hand-written ReadRawAsync loop (the floor).
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private static readonly string[] Labels = ["airport", "downtown", "suburb", "harbour", "stadium"];
    private string _path = string.Empty;

    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task WriteFileAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-{Rows}.parquet");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        IEnumerable<Ride> rides = Enumerable.Range(0, Rows).Select(i => new Ride(
            i, i % 100_000, i * 0.001f, i % 10 == 0 ? null : i * 0.5, i % 4 != 0, start.AddSeconds(i), Labels[i % Labels.Length], i % 3 == 0 ? "late" : null));
        await ParquetDatasetWriter<Ride>.WriteFileAsync(_path, rides, rowGroupSize: 250_000);
    }

    [Benchmark(Baseline = true, Description = "Alimentar rows")]
    public long AlimentarRows()
    {
        using var streaming = new StreamingDataset<Ride>(new ParquetSource<Ride>(_path), bufferSize: 2);
        long sum = 0;
        foreach (Ride ride in streaming.Rows())
        {
            sum += ride.UserId;
        }

        return sum;
    }

    [Benchmark(Description = "Alimentar typed columns")]
    public double AlimentarColumns()
    {
        using var streaming = new StreamingDataset<Ride>(new ParquetSource<Ride>(_path), bufferSize: 2);
        double sum = 0;
        foreach (Batch<Ride> batch in streaming)
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

    [Benchmark(Description = "ParquetSerializer per row group")]
    public async Task<long> ParquetSerializerRows()
    {
        long sum = 0;
        int rowGroups;
        await using (ParquetReader reader = await ParquetReader.CreateAsync(_path))
        {
            rowGroups = reader.RowGroupCount;
        }

        for (int g = 0; g < rowGroups; g++)
        {
            foreach (RidePoco ride in (await ParquetSerializer.DeserializeAsync<RidePoco>(_path, rowGroupIndex: g)).Data)
            {
                sum += ride.UserId;
            }
        }

        return sum;
    }

    [Benchmark(Description = "Hand-written ReadRawAsync (all columns)")]
    public async Task<long> HandWrittenRaw()
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(_path);
        DataField[] fields = reader.Schema.GetDataFields();
        long sum = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            int rows = (int)rowGroup.RowCount;
            sum += await ReadAsync<long>(rowGroup, fields[0], rows);
            sum += await ReadAsync<int>(rowGroup, fields[1], rows);
            sum += await ReadAsync<float>(rowGroup, fields[2], rows);
            sum += await ReadAsync<double>(rowGroup, fields[3], rows);
            sum += await ReadAsync<bool>(rowGroup, fields[4], rows);
            sum += await ReadAsync<DateTime>(rowGroup, fields[5], rows);
            sum += await ReadAsync<ReadOnlyMemory<char>>(rowGroup, fields[6], rows);
            sum += await ReadAsync<ReadOnlyMemory<char>>(rowGroup, fields[7], rows);
        }

        return sum;
    }

    private static async Task<int> ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int rows)
        where T : struct
    {
        T[] values = ArrayPool<T>.Shared.Rent(rows);
        int[] levels = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            await rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, rows), field.MaxDefinitionLevel > 0 ? levels.AsMemory(0, rows) : default(Memory<int>?), null);
            return rows;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            ArrayPool<int>.Shared.Return(levels);
        }
    }
}
