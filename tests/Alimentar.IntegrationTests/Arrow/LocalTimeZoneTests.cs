using Alimentar.Testing;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record ClockReading(long Id, DateTime When, DateTime[] Times, TimeSpan Span, Moment At);

public sealed record Moment(DateTime Instant, TimeOnly Clock);

/// <summary>
/// Times written on a machine outside UTC: a row reads back alike from a Parquet file and from an Arrow stream, with
/// a local time converted to UTC, an unspecified one taken as UTC (its clock time kept), and ticks below a microsecond
/// rounded down, at the top of a row, in a list and in a record.
/// </summary>
[Collection(LocalTimeZoneCollection.Name)]
public sealed class LocalTimeZoneTests
{
    [LocalTimeZoneFact]
    public async Task Local_and_unspecified_times_read_back_alike_from_Parquet_and_Arrow_outside_UTC()
    {
        using var zone = LocalTimeZone.Use(Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "time-zones", "GMT+8"));
        Assert.Equal(TimeSpan.FromHours(-8), TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow));

        var noon = new DateTime(2024, 7, 1, 12, 0, 0);
        DateTime unspecified = DateTime.SpecifyKind(noon, DateTimeKind.Unspecified);
        DateTime local = DateTime.SpecifyKind(noon, DateTimeKind.Local);
        DateTime beforeEpoch = new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(5);
        ClockReading[] rows =
        [
            new(1, unspecified, [unspecified, local], TimeSpan.FromHours(1), new Moment(unspecified, new TimeOnly(12, 0))),
            new(2, local, [local], TimeSpan.Zero, new Moment(local, new TimeOnly(0, 0))),
            new(3, beforeEpoch, [beforeEpoch], TimeSpan.FromTicks(-15), new Moment(beforeEpoch, new TimeOnly(15))),
        ];

        DateTime utcNoon = DateTime.SpecifyKind(noon, DateTimeKind.Utc);
        DateTime eightPm = utcNoon.AddHours(8);
        DateTime beforeEpochFloored = beforeEpoch.AddTicks(-5);
        ClockReading[] expected =
        [
            new(1, utcNoon, [utcNoon, eightPm], TimeSpan.FromHours(1), new Moment(utcNoon, new TimeOnly(12, 0))),
            new(2, eightPm, [eightPm], TimeSpan.Zero, new Moment(eightPm, new TimeOnly(0, 0))),
            new(3, beforeEpochFloored, [beforeEpochFloored], TimeSpan.FromTicks(-20), new Moment(beforeEpochFloored, new TimeOnly(10))),
        ];

        foreach ((string from, List<ClockReading> read) in await ParquetFiles.WrittenToParquetAndArrowAsync(rows))
        {
            Assert.Equal(expected.Length, read.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Show(expected[i]) == Show(read[i]), $"{from}, row {i}: expected {Show(expected[i])}, read {Show(read[i])}");
            }
        }
    }

    /// <summary>Every time of a row as ticks and kind, which record equality would leave out of the array.</summary>
    private static string Show(ClockReading row) =>
        $"{row.Id}: {Ticks(row.When)} [{string.Join(", ", row.Times.Select(Ticks))}] {row.Span.Ticks} {Ticks(row.At.Instant)} {row.At.Clock.Ticks}";

    private static string Ticks(DateTime time) => $"{time.Ticks} {time.Kind}";
}

/// <summary>Tests that change the process's local time zone, which no other test may see meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalTimeZoneCollection
{
    public const string Name = "Local time zone";
}
