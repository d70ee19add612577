using BenchmarkDotNet.Attributes;
using ParquetSharp;
using LogicalType = ParquetSharp.LogicalType;

namespace Alimentar.Benchmarks;

/// <summary>
/// One column of each common shape, 5M rows built before timing, written to Parquet (Snappy, about 1M rows a row
/// group): Alimentar's page writer from the typed rows, and ParquetSharp (Arrow C++'s writer) from the column's values
/// twice, once from an array built before timing (its best case, which no application that holds rows has) and once
/// gathering that array from the rows inside the timing, as Alimentar does. Where the other write suites write lists
/// and nested rows, this one shows each value encoder alone, so a shape that lags cannot hide behind the others.
/// </summary>
[MemoryDiagnoser]
public class ColumnShapeWriteBenchmarks
{
    private const int Rows = 5_000_000;
    private const int RowsPerGroup = 1_048_576;
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Categories = ["alpha", "beta", "gamma", "delta", "epsilon"];

    /// <summary>Each shape once: how its rows are made and how each writer writes them, so a new shape is one entry.</summary>
    private static readonly Dictionary<string, Func<ShapeWriters>> Shapes = new()
    {
        ["long"] = () => Writers(i => new LongWrite(i * 3L), r => r.Value, new Column<long>("Value")),
        ["double"] = () => Writers(i => new DoubleWrite(Math.Sin(i) * 1000), r => r.Value, new Column<double>("Value")),
        ["int?"] = () => Writers(i => new NullableIntWrite(i % 10 == 0 ? null : (i * 7919) % 1000), r => r.Value, new Column<int?>("Value")),
        ["bool"] = () => Writers(i => new BoolWrite((uint)(i * 2_654_435_761L) >> 31 == 1), r => r.Value, new Column<bool>("Value")),
        ["timestamp"] = () => Writers(i => new TimestampWrite(Start.AddSeconds(i)), r => r.Value, new Column<DateTime>("Value", LogicalType.Timestamp(true, ParquetSharp.TimeUnit.Micros))),
        ["decimal"] = () => Writers(i => new DecimalWrite((i * 37 % 1_000_000) / 100m), r => r.Value, new Column<decimal>("Value", LogicalType.Decimal(18, 2))),
        ["string-repeated"] = () => Writers(i => new StringWrite(Categories[i % Categories.Length]), r => r.Value, new Column<string>("Value", LogicalType.String())),
        ["string-unique"] = () => Writers(i => new StringWrite($"user-{(uint)(i * 2_654_435_761L):x8}-{i}"), r => r.Value, new Column<string>("Value", LogicalType.String())),
        ["uuid"] = () => Writers(i => new GuidWrite(new Guid(i, (short)(i >> 16), (short)i, (byte)i, 1, 2, 3, 4, 5, 6, 7)), r => r.Value, new Column<Guid>("Value", LogicalType.Uuid())),
    };

    private ShapeWriters _writers = null!;
    private string _path = string.Empty;

    [Params("long", "double", "int?", "bool", "timestamp", "decimal", "string-repeated", "string-unique", "uuid")]
    public string Shape { get; set; } = "long";

    [GlobalSetup]
    public void MakeRows()
    {
        _writers = Shapes[Shape]();
        _path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-shape-write-{Guid.NewGuid():N}.parquet");
    }

    [GlobalCleanup]
    public void Delete() => File.Delete(_path);

    [Benchmark(Baseline = true, Description = "Alimentar: from rows")]
    public Task Alimentar() => _writers.Alimentar(_path);

    [Benchmark(Description = "ParquetSharp (Arrow C++): from an array made before timing")]
    public void ParquetSharpFromArray() => _writers.ParquetSharp(_path, false);

    [Benchmark(Description = "ParquetSharp (Arrow C++): from rows, gathered into an array")]
    public void ParquetSharpFromRows() => _writers.ParquetSharp(_path, true);

    private static ShapeWriters Writers<TRow, TValue>(Func<int, TRow> make, Func<TRow, TValue> value, Column column)
        where TRow : IStreamingRow<TRow>
    {
        TRow[] rows = new TRow[Rows];
        TValue[] values = new TValue[Rows];
        for (int i = 0; i < Rows; i++)
        {
            rows[i] = make(i);
            values[i] = value(rows[i]);
        }

        return new ShapeWriters(
            async path =>
            {
                await using ParquetDatasetWriter<TRow> writer = await ParquetDatasetWriter<TRow>.CreateAsync(path);
                await writer.WriteAsync(rows);
            },
            (path, gather) =>
            {
                TValue[] written = values;
                if (gather)
                {
                    written = new TValue[Rows];
                    for (int i = 0; i < Rows; i++)
                    {
                        written[i] = value(rows[i]);
                    }
                }

                using WriterProperties properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
                using var file = new ParquetFileWriter(path, [column], properties);
                for (int first = 0; first < Rows; first += RowsPerGroup)
                {
                    using RowGroupWriter rowGroup = file.AppendRowGroup();
                    using LogicalColumnWriter<TValue> writer = rowGroup.NextColumn().LogicalWriter<TValue>();
                    writer.WriteBatch(written, first, Math.Min(RowsPerGroup, Rows - first));
                }

                file.Close();
            });
    }

    /// <summary>One shape's writers: Alimentar's from rows, ParquetSharp's from the values (gathered from the rows when asked).</summary>
    private sealed record ShapeWriters(Func<string, Task> Alimentar, Action<string, bool> ParquetSharp);
}
