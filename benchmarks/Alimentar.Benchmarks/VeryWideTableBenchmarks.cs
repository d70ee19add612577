using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// A very wide numeric table, every column read: 1,000 DOUBLE columns of 100,000 rows as Arrow C++ writes them (Snappy,
/// one row group). One batch holds 1,000 column arrays, and the batches in flight several thousand of one size: what
/// the column pool keeps decides whether a pass allocates its batches afresh. Read by Alimentar's typed columns at
/// default settings and by ParquetSharp's column readers (Arrow C++), 16,384 values per read with all columns in step.
/// </summary>
[MemoryDiagnoser]
public class VeryWideTableBenchmarks
{
    private const int Rows = 100_000;
    private const int Columns = 1_000;
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = File();

    [Benchmark(Baseline = true, Description = "Alimentar typed columns (1,000 doubles, default batch and buffer)")]
    public double AlimentarColumns()
    {
        using var streaming = new StreamingDataset<VeryWideRow>(new ParquetSource<VeryWideRow>(_path));
        double sum = 0;
        foreach (Batch<VeryWideRow> batch in streaming)
        {
            using (batch)
            {
                sum += VeryWideRowColumns.SumAll(batch);
            }
        }

        return sum;
    }

    [Benchmark(Description = "ParquetSharp LogicalColumnReaders (1,000 doubles)")]
    public double ParquetSharpColumns()
    {
        using var file = new ParquetSharp.ParquetFileReader(_path);
        var buffer = new double[16_384];
        double sum = 0;
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using ParquetSharp.RowGroupReader rowGroup = file.RowGroup(g);
            long rows = rowGroup.MetaData.NumRows;
            ParquetSharp.LogicalColumnReader<double>[] readers = [.. Enumerable.Range(0, Columns).Select(c => rowGroup.Column(c).LogicalReader<double>())];
            try
            {
                for (long done = 0; done < rows;)
                {
                    int read = 0;
                    foreach (ParquetSharp.LogicalColumnReader<double> reader in readers)
                    {
                        read = reader.ReadBatch(buffer);
                        sum += WideRowColumns.Sum(buffer.AsSpan(0, read));
                    }

                    done += read;
                }
            }
            finally
            {
                foreach (ParquetSharp.LogicalColumnReader<double> reader in readers)
                {
                    reader.Dispose();
                }
            }
        }

        return sum;
    }

    /// <summary>The table as Arrow C++ writes it: values with three decimals, as measurements are, one row group.</summary>
    private static string File()
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-very-wide-{Columns}x{Rows}.parquet");
        if (System.IO.File.Exists(path))
        {
            return path;
        }

        var schema = Enumerable.Range(0, Columns).Select(c => (ParquetSharp.Column)new ParquetSharp.Column<double>($"V{c:D3}")).ToArray();
        using ParquetSharp.WriterProperties properties = new ParquetSharp.WriterPropertiesBuilder().Compression(ParquetSharp.Compression.Snappy).Build();
        string partial = path + ".tmp";
        using (var writer = new ParquetSharp.ParquetFileWriter(partial, schema, properties))
        {
            var random = new Random(1_000);
            var values = new double[Rows];
            using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
            for (int c = 0; c < Columns; c++)
            {
                for (int i = 0; i < Rows; i++)
                {
                    values[i] = Math.Round(random.NextDouble() * 1_000, 3);
                }

                using ParquetSharp.LogicalColumnWriter<double> column = rowGroup.NextColumn().LogicalWriter<double>();
                column.WriteBatch(values);
            }

            writer.Close();
        }

        System.IO.File.Move(partial, path, overwrite: true);
        return path;
    }
}
