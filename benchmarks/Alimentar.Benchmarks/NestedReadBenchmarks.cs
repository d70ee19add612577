using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// Nested data as DuckDB writes it (2M rows, Snappy, 500k-row row groups): a list of structs, a map and a list of
/// lists per row, every value read: Alimentar typed rows against DuckDB.NET's streaming reader and Parquet.Net's
/// ParquetSerializer (one row group at a time, so that it streams too).
/// </summary>
[MemoryDiagnoser]
public class NestedReadBenchmarks
{
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = File();

    [Benchmark(Baseline = true, Description = "Alimentar typed rows (List<Point>, Dictionary, long[][])")]
    public long AlimentarRows()
    {
        using var streaming = new StreamingDataset<Basket>(new ParquetSource<Basket>(_path), bufferSize: 4);
        long sum = 0;
        foreach (Basket row in streaming.Rows())
        {
            sum += row.Id + row.Counts.Count + row.Pairs.Length;
            foreach (Point point in row.Points)
            {
                sum += point.X + point.Label.Length;
            }
        }

        return sum;
    }

    [Benchmark(Description = "DuckDB.NET streaming reader (GetFieldValue)")]
    public long DuckDbStreaming() => Readers.DuckDbQuery($"SELECT Id, Points, Counts, Pairs FROM read_parquet('{_path}')", reader =>
    {
        long sum = 0;
        while (reader.Read())
        {
            List<Dictionary<string, object>> points = reader.GetFieldValue<List<Dictionary<string, object>>>(1);
            sum += reader.GetInt64(0) + reader.GetFieldValue<Dictionary<string, long>>(2).Count + reader.GetFieldValue<List<List<long>>>(3).Count;
            foreach (Dictionary<string, object> point in points)
            {
                sum += (long)point["X"] + ((string)point["Label"]).Length;
            }
        }

        return sum;
    });

    [Benchmark(Description = "Parquet.Net ParquetSerializer per row group")]
    public long ParquetSerializerRows()
    {
        long sum = 0;
        foreach (BasketPoco row in Readers.ParquetSerializerRowGroups<BasketPoco>(_path))
        {
            sum += row.Id.GetValueOrDefault() + row.Counts.Count + row.Pairs.Count;
            foreach (PointPoco point in row.Points)
            {
                sum += point.X.GetValueOrDefault() + point.Label.Length;
            }
        }

        return sum;
    }

    /// <summary>The file, written once per machine: 0–7 points, 1–3 map entries and 0–4 pairs per row.</summary>
    public static string File(int rows = 2_000_000) => BenchmarkFiles.FromDuckDb(
        $"nested-{rows}",
        $$"""
        SELECT i AS Id,
               [{'X': (i * j) % 1000, 'Label': 'p' || ((i + j) % 50)} FOR j IN range(i % 8)] AS Points,
               MAP(['a', 'b', 'c'][1:(i % 3) + 1], [i, i + 1, i + 2][1:(i % 3) + 1]) AS Counts,
               [[j, j + 1] FOR j IN range(i % 5)] AS Pairs
        FROM range({{rows}}) t(i)
        """,
        "COMPRESSION 'snappy', ROW_GROUP_SIZE 500000");
}

/// <summary>A point of <see cref="Basket"/>'s list of structs.</summary>
public sealed record Point(long X, string Label);

/// <summary>The nested benchmark's row: a list of structs, a map and a list of lists.</summary>
[StreamingDataset]
public partial record Basket(long Id, List<Point> Points, Dictionary<string, long> Counts, long[][] Pairs);
