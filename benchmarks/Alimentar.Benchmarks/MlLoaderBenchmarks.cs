using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Alimentar.Benchmarks;

/// <summary>
/// One full cursor pass over 5M rows of a 5-column numeric table, every column read, the way an ML.NET trainer reads
/// its input: Alimentar's <c>AsDataView()</c> over the Parquet file; <c>LoadFromEnumerable</c> over the same file's rows
/// (what users write today: reflection, an object per row); <c>LoadFromEnumerable</c> over rows already in memory (its
/// floor); and ML.NET's own loaders, <c>LoadFromTextFile</c> over the same rows as CSV and <c>LoadFromBinary</c> over
/// its .idv format. The files are written once, before timing.
/// </summary>
[MemoryDiagnoser]
public class MlLoaderBenchmarks
{
    private const int Rows = 5_000_000;
    private readonly MLContext _ml = new(seed: 1);
    private string _directory = string.Empty;
    private string _parquet = string.Empty;
    private string _csv = string.Empty;
    private string _binary = string.Empty;
    private HousePoco[] _inMemory = [];

    [GlobalSetup]
    public void WriteFiles()
    {
        _directory = Directory.CreateTempSubdirectory("alimentar-bench-ml-").FullName;
        _parquet = Path.Combine(_directory, "houses.parquet");
        _csv = Path.Combine(_directory, "houses.csv");
        _binary = Path.Combine(_directory, "houses.idv");
        HouseRow[] rows = Enumerable.Range(0, Rows).Select(HouseRow.Make).ToArray();
        ParquetDatasetWriter<HouseRow>.WriteFileAsync(_parquet, rows).GetAwaiter().GetResult();
        using (var csv = new StreamWriter(_csv))
        {
            csv.WriteLine("Price,Size,Rooms,Age,Distance");
            foreach (HouseRow row in rows)
            {
                csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Price},{row.Size},{row.Rooms},{row.Age},{row.Distance}"));
            }
        }

        _inMemory = rows.Select(HousePoco.From).ToArray();
        using (FileStream idv = File.Create(_binary))
        {
            _ml.Data.SaveAsBinary(_ml.Data.LoadFromEnumerable(_inMemory), idv);
        }
    }

    [GlobalCleanup]
    public void Delete() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, Description = "Alimentar AsDataView() over Parquet")]
    public double AsDataView()
    {
        using var streaming = new StreamingDataset<HouseRow>(new ParquetSource<HouseRow>(_parquet), bufferSize: 4);
        return Sum(streaming.AsDataView());
    }

    [Benchmark(Description = "LoadFromEnumerable over the Parquet file's rows")]
    public double LoadFromEnumerableOverFile()
    {
        using var streaming = new StreamingDataset<HouseRow>(new ParquetSource<HouseRow>(_parquet), bufferSize: 4);
        return Sum(_ml.Data.LoadFromEnumerable(streaming.Rows().Select(HousePoco.From)));
    }

    [Benchmark(Description = "LoadFromEnumerable over rows in memory")]
    public double LoadFromEnumerableInMemory() => Sum(_ml.Data.LoadFromEnumerable(_inMemory));

    [Benchmark(Description = "ML.NET LoadFromTextFile (CSV)")]
    public double LoadFromTextFile() => Sum(_ml.Data.LoadFromTextFile<HousePoco>(_csv, separatorChar: ',', hasHeader: true));

    [Benchmark(Description = "ML.NET LoadFromBinary (.idv)")]
    public double LoadFromBinary() => Sum(_ml.Data.LoadFromBinary(_binary));

    /// <summary>Reads every row's five columns through getters, as a trainer's cursor does.</summary>
    private static double Sum(IDataView view)
    {
        DataViewSchema.Column[] columns = new[] { "Price", "Size", "Rooms", "Age", "Distance" }.Select(name => view.Schema[name]).ToArray();
        using DataViewRowCursor cursor = view.GetRowCursor(columns);
        ValueGetter<float>[] getters = columns.Select(c => cursor.GetGetter<float>(c)).ToArray();
        double sum = 0;
        float value = 0;
        while (cursor.MoveNext())
        {
            foreach (ValueGetter<float> getter in getters)
            {
                getter(ref value);
                sum += value;
            }
        }

        return sum;
    }
}

/// <summary>A house's price and four features.</summary>
[StreamingDataset]
public partial record HouseRow(float Price, float Size, float Rooms, float Age, float Distance)
{
    public static HouseRow Make(int i) => new((i % 1_000) * 3.5f, 40 + (i * 37 % 160), 1 + (i % 6), i * 13 % 90, (i % 500) * 0.25f);
}

/// <summary>The same row as ML.NET's reflection-based loaders take it.</summary>
public sealed class HousePoco
{
    [LoadColumn(0)]
    public float Price { get; set; }

    [LoadColumn(1)]
    public float Size { get; set; }

    [LoadColumn(2)]
    public float Rooms { get; set; }

    [LoadColumn(3)]
    public float Age { get; set; }

    [LoadColumn(4)]
    public float Distance { get; set; }

    public static HousePoco From(HouseRow row) => new() { Price = row.Price, Size = row.Size, Rooms = row.Rooms, Age = row.Age, Distance = row.Distance };
}
