using System.Buffers;
using BenchmarkDotNet.Attributes;
using Parquet;
using Parquet.Schema;

namespace Alimentar.Benchmarks;

/// <summary>A wide numeric file (32 float columns, 5M rows): typed column spans against the Parquet.Net floor.</summary>
[MemoryDiagnoser]
public class WideReadBenchmarks
{
    private string _path = string.Empty;

    [Params(5_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task WriteFileAsync() => _path = await BenchmarkFiles.FeaturesAsync(Rows);

    [Benchmark(Baseline = true, Description = "Alimentar typed columns (32 floats)")]
    public double AlimentarColumns()
    {
        using var streaming = new StreamingDataset<Features>(new ParquetSource<Features>(_path), bufferSize: 2);
        double sum = 0;
        foreach (Batch<Features> batch in streaming)
        {
            using (batch)
            {
                foreach (float value in batch.F00)
                {
                    sum += value;
                }

                foreach (float value in batch.F31)
                {
                    sum += value;
                }
            }
        }

        return sum;
    }

    [Benchmark(Description = "Parquet.Net ReadRawAsync loop (32 floats)")]
    public async Task<double> HandWrittenRaw()
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(_path);
        DataField[] fields = reader.Schema.GetDataFields();
        double sum = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            int rows = (int)rowGroup.RowCount;
            float[][] columns = fields.Select(_ => ArrayPool<float>.Shared.Rent(rows)).ToArray();
            for (int c = 0; c < fields.Length; c++)
            {
                await rowGroup.ReadRawAsync<float>(fields[c], columns[c].AsMemory(0, rows), null, null);
            }

            foreach (float value in columns[0].AsSpan(0, rows))
            {
                sum += value;
            }

            foreach (float value in columns[^1].AsSpan(0, rows))
            {
                sum += value;
            }

            foreach (float[] column in columns)
            {
                ArrayPool<float>.Shared.Return(column);
            }
        }

        return sum;
    }
}
