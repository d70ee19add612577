namespace Alimentar.Benchmarks;

/// <summary>The files every suite reads, written once per size with the generated writer (Snappy, 1M-row row groups).</summary>
public static class BenchmarkFiles
{
    private static readonly string[] Labels = ["airport", "downtown", "suburb", "harbour", "stadium"];

    public static async Task<string> RidesAsync(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-rides-{rows}.parquet");
        if (!File.Exists(path))
        {
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            IEnumerable<Ride> rides = Enumerable.Range(0, rows).Select(i => new Ride(
                i, i % 100_000, i * 0.001f, i % 10 == 0 ? null : i * 0.5, i % 4 != 0, start.AddSeconds(i), Labels[i % Labels.Length], i % 3 == 0 ? "late" : null));
            await ParquetDatasetWriter<Ride>.WriteFileAsync(path, rides, rowGroupSize: 1_000_000);
        }

        return path;
    }

    public static async Task<string> FeaturesAsync(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-features-{rows}.parquet");
        if (!File.Exists(path))
        {
            var random = new Random(7);
            IEnumerable<Features> features = Enumerable.Range(0, rows).Select(_ => new Features(
                Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(),
                Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next()));
            await ParquetDatasetWriter<Features>.WriteFileAsync(path, features, rowGroupSize: 1_000_000);

            float Next() => (float)random.NextDouble();
        }

        return path;
    }
}
