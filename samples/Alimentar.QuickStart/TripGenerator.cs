namespace Alimentar.QuickStart;

/// <summary>Deterministic sample trips, produced lazily so writing never holds them all.</summary>
public static class TripGenerator
{
    private static readonly string[] Labels = ["airport", "downtown", "suburb", "harbour", "stadium"];

    public static IEnumerable<Trip> Generate(long count)
    {
        var random = new Random(42);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (long i = 0; i < count; i++)
        {
            yield return new Trip(
                Id: i,
                UserId: random.Next(1, 100_000),
                Score: (float)random.NextDouble(),
                Value: i % 10 == 0 ? null : random.NextDouble() * 100,
                Paid: random.Next(4) != 0,
                Timestamp: start.AddSeconds(i),
                Label: Labels[i % Labels.Length],
                Comment: i % 3 == 0 ? "late night" : null);
        }
    }
}
