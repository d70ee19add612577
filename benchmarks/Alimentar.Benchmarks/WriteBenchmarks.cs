using BenchmarkDotNet.Attributes;
using Parquet;
using Parquet.Serialization;

namespace Alimentar.Benchmarks;

/// <summary>
/// Writes 5M rows of the QuickStart row, and 1M rows of the 32-float feature table, every way .NET can: Alimentar's
/// page writer from rows, ParquetSharp (Arrow C++'s writer) from typed column arrays, and Parquet.Net's
/// ParquetSerializer from objects; 1M-row row groups, SNAPPY and ZSTD. The rows are built once, before timing.
/// File sizes per writer: <c>dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- sizes</c>.
/// </summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private Ride[] _rides = [];
    private RidePoco[] _ridePocos = [];
    private RideColumns _rideColumns = null!;
    private Features[] _features = [];
    private string _path = string.Empty;

    [Params(ParquetCompression.Snappy, ParquetCompression.Zstd)]
    public ParquetCompression Codec { get; set; }

    [GlobalSetup]
    public void BuildRows()
    {
        _rides = WriteWorkloads.Rides(5_000_000);
        _ridePocos = _rides.Select(WriteWorkloads.ToPoco).ToArray();
        _rideColumns = new RideColumns(_rides);
        _features = WriteWorkloads.Features(1_000_000);
        _path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-write-{Guid.NewGuid():N}.parquet");
    }

    [GlobalCleanup]
    public void Delete() => File.Delete(_path);

    [Benchmark(Baseline = true, Description = "Alimentar: 5M QuickStart rows")]
    public Task AlimentarRides() => WriteWorkloads.AlimentarAsync(_path, _rides, Codec);

    [Benchmark(Description = "ParquetSharp (Arrow C++): 5M QuickStart rows, from columns")]
    public void ParquetSharpRides() => WriteWorkloads.ParquetSharpRides(_path, _rideColumns, Codec);

    [Benchmark(Description = "Parquet.Net ParquetSerializer: 5M QuickStart rows")]
    public Task ParquetNetRides() => WriteWorkloads.ParquetNetAsync(_path, _ridePocos, Codec);

    [Benchmark(Description = "Alimentar: 1M rows x 32 floats")]
    public Task AlimentarFeatures() => WriteWorkloads.AlimentarAsync(_path, _features, Codec);

    [Benchmark(Description = "ParquetSharp (Arrow C++): 1M rows x 32 floats, from columns")]
    public void ParquetSharpFeatures() => WriteWorkloads.ParquetSharpFeatures(_path, _features, Codec);
}

/// <summary>The rows and writers the write suite times, shared with the <c>sizes</c> runner.</summary>
public static class WriteWorkloads
{
    private static readonly string[] Labels = ["airport", "downtown", "suburb", "harbour", "stadium"];

    public static Ride[] Rides(int rows)
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, rows).Select(i => new Ride(
            i, i % 100_000, i * 0.001f, i % 10 == 0 ? null : i * 0.5, i % 4 != 0, start.AddSeconds(i), Labels[i % Labels.Length], i % 3 == 0 ? "late" : null)).ToArray();
    }

    public static Features[] Features(int rows)
    {
        var random = new Random(7);
        float Next() => (float)random.NextDouble();
        return Enumerable.Range(0, rows).Select(_ => new Features(
            Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(),
            Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next())).ToArray();
    }

    public static RidePoco ToPoco(Ride ride) => new()
    {
        Id = ride.Id, UserId = ride.UserId, Score = ride.Score, Value = ride.Value, Paid = ride.Paid,
        Timestamp = ride.Timestamp, Label = ride.Label, Comment = ride.Comment,
    };

    public static async Task AlimentarAsync<T>(string path, T[] rows, ParquetCompression codec)
        where T : IStreamingRow<T>
    {
        await using ParquetDatasetWriter<T> writer = await ParquetDatasetWriter<T>.CreateAsync(path, new ParquetWriteOptions { RowGroupSize = 1_000_000, Compression = codec });
        await writer.WriteAsync(rows);
    }

    public static void ParquetSharpRides(string path, RideColumns columns, ParquetCompression codec)
    {
        var schema = new ParquetSharp.Column[]
        {
            new ParquetSharp.Column<long>("Id"), new ParquetSharp.Column<int>("UserId"), new ParquetSharp.Column<float>("Score"),
            new ParquetSharp.Column<double?>("Value"), new ParquetSharp.Column<bool>("Paid"),
            new ParquetSharp.Column<DateTime>("Timestamp", ParquetSharp.LogicalType.Timestamp(isAdjustedToUtc: true, ParquetSharp.TimeUnit.Micros)),
            new ParquetSharp.Column<string>("Label", ParquetSharp.LogicalType.String()), new ParquetSharp.Column<string?>("Comment", ParquetSharp.LogicalType.String()),
        };
        using ParquetSharp.WriterProperties properties = Properties(codec);
        using var writer = new ParquetSharp.ParquetFileWriter(path, schema, properties);
        for (int first = 0; first < columns.Ids.Length; first += 1_000_000)
        {
            int count = Math.Min(1_000_000, columns.Ids.Length - first);
            using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
            Column(rowGroup, columns.Ids, first, count);
            Column(rowGroup, columns.UserIds, first, count);
            Column(rowGroup, columns.Scores, first, count);
            Column(rowGroup, columns.Values, first, count);
            Column(rowGroup, columns.Paid, first, count);
            Column(rowGroup, columns.Timestamps, first, count);
            Column(rowGroup, columns.Labels, first, count);
            Column(rowGroup, columns.Comments, first, count);
        }

        writer.Close();
    }

    public static void ParquetSharpFeatures(string path, Features[] rows, ParquetCompression codec)
    {
        var schema = Enumerable.Range(0, 32).Select(c => (ParquetSharp.Column)new ParquetSharp.Column<float>($"F{c:D2}")).ToArray();
        using ParquetSharp.WriterProperties properties = Properties(codec);
        using var writer = new ParquetSharp.ParquetFileWriter(path, schema, properties);
        using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
        var column = new float[rows.Length];
        for (int c = 0; c < 32; c++)
        {
            // The column is gathered from the rows as Alimentar's writer gathers it from its row slices.
            for (int i = 0; i < rows.Length; i++)
            {
                column[i] = Feature(rows[i], c);
            }

            Column(rowGroup, column, 0, rows.Length);
        }

        writer.Close();
    }

    public static async Task ParquetNetAsync(string path, RidePoco[] rows, ParquetCompression codec)
    {
        var options = new ParquetOptions
        {
            RowGroupSize = 1_000_000,
            CompressionMethod = codec == ParquetCompression.Zstd ? CompressionMethod.Zstd : CompressionMethod.Snappy,
            // Its default level (Optimal) takes minutes for 5M rows with ZSTD; Fastest is the comparable setting.
            CompressionLevel = System.IO.Compression.CompressionLevel.Fastest,
        };
        await ParquetSerializer.SerializeAsync(rows, path, options);
    }

    private static ParquetSharp.WriterProperties Properties(ParquetCompression codec) => new ParquetSharp.WriterPropertiesBuilder()
        .Compression(codec == ParquetCompression.Zstd ? ParquetSharp.Compression.Zstd : ParquetSharp.Compression.Snappy)
        .Build();

    private static void Column<T>(ParquetSharp.RowGroupWriter rowGroup, T[] values, int first, int count)
    {
        using ParquetSharp.LogicalColumnWriter<T> writer = rowGroup.NextColumn().LogicalWriter<T>();
        writer.WriteBatch(values, first, count);
    }

    private static float Feature(Features row, int column) => column switch
    {
        0 => row.F00, 1 => row.F01, 2 => row.F02, 3 => row.F03, 4 => row.F04, 5 => row.F05, 6 => row.F06, 7 => row.F07,
        8 => row.F08, 9 => row.F09, 10 => row.F10, 11 => row.F11, 12 => row.F12, 13 => row.F13, 14 => row.F14, 15 => row.F15,
        16 => row.F16, 17 => row.F17, 18 => row.F18, 19 => row.F19, 20 => row.F20, 21 => row.F21, 22 => row.F22, 23 => row.F23,
        24 => row.F24, 25 => row.F25, 26 => row.F26, 27 => row.F27, 28 => row.F28, 29 => row.F29, 30 => row.F30, _ => row.F31,
    };
}

/// <summary>The QuickStart rows as typed column arrays: what ParquetSharp's column writers take.</summary>
public sealed class RideColumns(Ride[] rides)
{
    public long[] Ids { get; } = rides.Select(r => r.Id).ToArray();

    public int[] UserIds { get; } = rides.Select(r => r.UserId).ToArray();

    public float[] Scores { get; } = rides.Select(r => r.Score).ToArray();

    public double?[] Values { get; } = rides.Select(r => r.Value).ToArray();

    public bool[] Paid { get; } = rides.Select(r => r.Paid).ToArray();

    public DateTime[] Timestamps { get; } = rides.Select(r => r.Timestamp).ToArray();

    public string[] Labels { get; } = rides.Select(r => r.Label).ToArray();

    public string?[] Comments { get; } = rides.Select(r => r.Comment).ToArray();
}

/// <summary>Writes each workload once per writer and codec and prints the file sizes: the README's size column.</summary>
public static class WriteSizeRunner
{
    public static int Run()
    {
        Ride[] rides = WriteWorkloads.Rides(5_000_000);
        RidePoco[] pocos = rides.Select(WriteWorkloads.ToPoco).ToArray();
        var columns = new RideColumns(rides);
        Features[] features = WriteWorkloads.Features(1_000_000);
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-sizes-{Guid.NewGuid():N}.parquet");
        Console.WriteLine("| workload | codec | Alimentar | ParquetSharp (Arrow C++) | Parquet.Net |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (ParquetCompression codec in new[] { ParquetCompression.Snappy, ParquetCompression.Zstd })
        {
            WriteWorkloads.AlimentarAsync(path, rides, codec).GetAwaiter().GetResult();
            long ours = new FileInfo(path).Length;
            WriteWorkloads.ParquetSharpRides(path, columns, codec);
            long arrow = new FileInfo(path).Length;
            WriteWorkloads.ParquetNetAsync(path, pocos, codec).GetAwaiter().GetResult();
            long parquetNet = new FileInfo(path).Length;
            Console.WriteLine($"| 5M QuickStart rows | {codec} | {ours:N0} | {arrow:N0} | {parquetNet:N0} |");
            WriteWorkloads.AlimentarAsync(path, features, codec).GetAwaiter().GetResult();
            ours = new FileInfo(path).Length;
            WriteWorkloads.ParquetSharpFeatures(path, features, codec);
            arrow = new FileInfo(path).Length;
            Console.WriteLine($"| 1M rows x 32 floats | {codec} | {ours:N0} | {arrow:N0} | |");
        }

        File.Delete(path);
        return 0;
    }
}
