using System.Buffers;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Alimentar.Benchmarks;

/// <summary>
/// Reads one Snappy file of the QuickStart row (5M rows, 1M-row row groups) every way .NET can: Alimentar
/// rows and typed columns, Parquet.Net's ParquetSerializer (per row group, so it streams too), a
/// hand-written ReadRawAsync loop (the floor for Parquet.Net), ParquetSharp's row reader and DuckDB.NET.
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private string _path = string.Empty;

    [Params(5_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task WriteFileAsync() => _path = await BenchmarkFiles.RidesAsync(Rows);

    [Benchmark(Baseline = true, Description = "Alimentar typed rows")]
    public long AlimentarRows()
    {
        using var streaming = new StreamingDataset<Ride>(new ParquetSource<Ride>(_path).BatchSize(64 * 1024), bufferSize: 4);
        long sum = 0;
        foreach (Ride ride in streaming.Rows())
        {
            sum += ride.UserId;
        }

        return sum;
    }

    [Benchmark(Description = "Alimentar typed columns (value columns)")]
    public double AlimentarColumns()
    {
        using var streaming = new StreamingDataset<RideNumbers>(new ParquetSource<RideNumbers>(_path), bufferSize: 2);
        double sum = 0;
        foreach (Batch<RideNumbers> batch in streaming)
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

    [Benchmark(Description = "Parquet.Net ReadRawAsync loop (value columns)")]
    public async Task<double> HandWrittenRaw()
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(_path);
        DataField[] fields = reader.Schema.GetDataFields();
        double sum = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            int rows = (int)rowGroup.RowCount;
            await ReadAsync<long>(rowGroup, fields[0], rows);
            await ReadAsync<int>(rowGroup, fields[1], rows);
            float[] scores = ArrayPool<float>.Shared.Rent(rows);
            await rowGroup.ReadRawAsync<float>(fields[2], scores.AsMemory(0, rows), null, null);
            foreach (float score in scores.AsSpan(0, rows))
            {
                sum += score;
            }

            ArrayPool<float>.Shared.Return(scores);
            await ReadAsync<double>(rowGroup, fields[3], rows);
            await ReadAsync<bool>(rowGroup, fields[4], rows);
            await ReadAsync<DateTime>(rowGroup, fields[5], rows);
        }

        return sum;
    }

    [Benchmark(Description = "Parquet.Net ParquetSerializer per row group")]
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

    [Benchmark(Description = "ParquetSharp row reader")]
    public long ParquetSharpRows()
    {
        using var reader = ParquetSharp.RowOriented.ParquetFile.CreateRowReader<RideStruct>(_path);
        long sum = 0;
        for (int g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            foreach (RideStruct row in reader.ReadRows(g))
            {
                sum += row.UserId;
            }
        }

        return sum;
    }

    [Benchmark(Description = "DuckDB.NET reader")]
    public long DuckDbRows()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet('{_path}')";
        using var reader = command.ExecuteReader();
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.GetInt32(1);
        }

        return sum;
    }

    private static async Task ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int rows)
        where T : struct
    {
        T[] values = ArrayPool<T>.Shared.Rent(rows);
        int[] levels = ArrayPool<int>.Shared.Rent(rows);
        await rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, rows), field.MaxDefinitionLevel > 0 ? levels.AsMemory(0, rows) : default(Memory<int>?), null);
        ArrayPool<T>.Shared.Return(values);
        ArrayPool<int>.Shared.Return(levels);
    }
}
