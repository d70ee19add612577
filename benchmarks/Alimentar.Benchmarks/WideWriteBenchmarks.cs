using BenchmarkDotNet.Attributes;
using ParquetSharp;

namespace Alimentar.Benchmarks;

/// <summary>
/// A wide table written (100 double columns, Snappy, one row group): a writer holds every column's chunk at once, so
/// what it keeps per column is multiplied by the width. Alimentar writes from the typed rows; ParquetSharp (Arrow
/// C++'s writer) from column arrays made before timing, its best case. Allocation shows what each keeps per column.
/// </summary>
[MemoryDiagnoser]
public class WideWriteBenchmarks
{
    private const int Columns = 100;
    private WideRow[] _rows = [];
    private double[][] _columns = [];
    private string _path = string.Empty;

    [Params(2_000, 100_000)]
    public int Rows { get; set; }

    /// <summary>The rows and columns of <see cref="WideTableBenchmarks"/>'s table (measurements of three decimals), read once.</summary>
    [GlobalSetup]
    public void ReadRows()
    {
        using var streaming = new StreamingDataset<WideRow>(new ParquetSource<WideRow>(WideTableBenchmarks.File(Rows)), bufferSize: 2);
        _rows = [.. streaming.Rows()];
        _columns = new double[Columns][];
        for (int c = 0; c < Columns; c++)
        {
            using var reader = new ParquetFileReader(WideTableBenchmarks.File(Rows));
            using ParquetSharp.RowGroupReader rowGroup = reader.RowGroup(0);
            using LogicalColumnReader<double> column = rowGroup.Column(c).LogicalReader<double>();
            _columns[c] = column.ReadAll(Rows);
        }

        _path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-wide-write-{Guid.NewGuid():N}.parquet");
    }

    [GlobalCleanup]
    public void Delete() => File.Delete(_path);

    [Benchmark(Baseline = true, Description = "Alimentar: from rows")]
    public Task Alimentar() => ParquetDatasetWriter<WideRow>.WriteFileAsync(_path, _rows);

    [Benchmark(Description = "ParquetSharp (Arrow C++): from column arrays made before timing")]
    public void ParquetSharpFromColumns()
    {
        Column[] schema = [.. Enumerable.Range(0, Columns).Select(c => (Column)new Column<double>($"C{c:D2}"))];
        using WriterProperties properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var file = new ParquetFileWriter(_path, schema, properties);
        using (RowGroupWriter rowGroup = file.AppendRowGroup())
        {
            foreach (double[] values in _columns)
            {
                using LogicalColumnWriter<double> writer = rowGroup.NextColumn().LogicalWriter<double>();
                writer.WriteBatch(values);
            }
        }

        file.Close();
    }
}
