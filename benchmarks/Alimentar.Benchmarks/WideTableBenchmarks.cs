using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// A wide numeric table, every column read: 100 DOUBLE columns of 1M rows as Arrow C++ writes them (Snappy,
/// dictionaries falling back to PLAIN), read by Alimentar's typed columns at default settings and its typed rows (a
/// record of 100 doubles each), by ParquetSharp's column readers (Arrow C++), 64k values per read with all columns in
/// step, by DuckDB.NET's streaming reader and by Parquet.Net's raw column reader (a whole column chunk per read, its
/// way); and the floor, every page read and decompressed with nothing decoded.
/// </summary>
[MemoryDiagnoser]
public class WideTableBenchmarks
{
    private const int Rows = 1_000_000;
    private const int Columns = 100;
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = File(Rows);

    [Benchmark(Baseline = true, Description = "Alimentar typed columns (100 doubles, default batch)")]
    public double AlimentarColumns()
    {
        using var streaming = new StreamingDataset<WideRow>(new ParquetSource<WideRow>(_path), bufferSize: 2);
        double sum = 0;
        foreach (Batch<WideRow> batch in streaming)
        {
            using (batch)
            {
                sum += WideRowColumns.SumAll(batch);
            }
        }

        return sum;
    }

    /// <summary>A record of 100 doubles per row, every member read: the row-by-row counterpart of DuckDB.NET's reader below.</summary>
    [Benchmark(Description = "Alimentar typed rows (100 doubles, a record per row)")]
    public double AlimentarRows()
    {
        using var streaming = new StreamingDataset<WideRow>(new ParquetSource<WideRow>(_path), bufferSize: 2);
        double sum = 0;
        foreach (WideRow row in streaming.Rows())
        {
            sum += WideRowValues.SumAll(row);
        }

        return sum;
    }

    [Benchmark(Description = "Floor: read and decompress every page, decode nothing")]
    public long Floor() => PageFloor.ReadAndDecompress(_path);

    [Benchmark(Description = "ParquetSharp LogicalColumnReaders (100 doubles)")]
    public double ParquetSharpColumns() => WideTableFiles.SumWithParquetSharp(_path, Columns, valuesPerRead: 65_536);

    [Benchmark(Description = "DuckDB.NET streaming reader (100 doubles)")]
    public double DuckDbStreaming() => Readers.DuckDbQuery($"SELECT * FROM read_parquet('{_path}')", reader =>
    {
        double sum = 0;
        while (reader.Read())
        {
            for (int c = 0; c < Columns; c++)
            {
                sum += reader.GetDouble(c);
            }
        }

        return sum;
    });

    [Benchmark(Description = "Parquet.Net ReadRawAsync (100 doubles, a column chunk per read)")]
    public async Task<double> ParquetNetColumns()
    {
        await using global::Parquet.ParquetReader reader = await global::Parquet.ParquetReader.CreateAsync(_path);
        global::Parquet.Schema.DataField[] fields = reader.Schema.GetDataFields();
        double sum = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using global::Parquet.ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            int rows = (int)rowGroup.RowCount;
            double[] values = System.Buffers.ArrayPool<double>.Shared.Rent(rows);
            foreach (global::Parquet.Schema.DataField field in fields)
            {
                await rowGroup.ReadRawAsync<double>(field, values.AsMemory(0, rows), null, null);
                foreach (double value in values.AsSpan(0, rows))
                {
                    sum += value;
                }
            }

            System.Buffers.ArrayPool<double>.Shared.Return(values);
        }

        return sum;
    }

    /// <summary>The table as Arrow C++ writes it: values with three decimals, as measurements are, one row group.</summary>
    public static string File(int rows) => WideTableFiles.Write(Columns, rows, c => $"C{c:D2}");
}
