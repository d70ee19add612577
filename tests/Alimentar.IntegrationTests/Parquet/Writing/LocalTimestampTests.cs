using Alimentar.Testing;
using Apache.Arrow;
using Apache.Arrow.Types;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record WallClockReading(
    long Id,
    [ParquetTimestamp(isAdjustedToUtc: false)] DateTime Seen,
    [ParquetTimestamp(isAdjustedToUtc: false)] DateTime?[] Times,
    WallClockShift Shift,
    DateTime Logged);

public sealed record WallClockShift([ParquetTimestamp(isAdjustedToUtc: false)] DateTime Start, DateTime End);

/// <summary>
/// <see cref="ParquetTimestampAttribute"/> with <c>isAdjustedToUtc: false</c> writes a local (wall-clock) TIMESTAMP, as
/// pandas' naive <c>datetime64</c> and Spark's <c>TIMESTAMP_NTZ</c> are: each value at the clock time it shows, whatever
/// its kind, read back as <see cref="DateTimeKind.Unspecified"/>; DuckDB reads it as TIMESTAMP, not TIMESTAMPTZ, and
/// Arrow as a timestamp without a time zone. A member without it is an instant in UTC, as before.
/// </summary>
[Collection(LocalTimeZoneCollection.Name)]
public sealed class LocalTimestampTests
{
    private static readonly DateTime Noon = new(2024, 7, 1, 12, 0, 0);

    [LocalTimeZoneFact]
    public async Task A_local_timestamp_keeps_each_values_clock_time_whatever_its_kind_outside_UTC()
    {
        using var zone = LocalTimeZone.Use(Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "time-zones", "GMT+8"));
        DateTime local = DateTime.SpecifyKind(Noon, DateTimeKind.Local);
        DateTime utc = DateTime.SpecifyKind(Noon, DateTimeKind.Utc);
        DateTime unspecified = DateTime.SpecifyKind(Noon, DateTimeKind.Unspecified).AddTicks(17);
        WallClockReading[] rows =
        [
            new(1, local, [local, null, utc], new WallClockShift(local, local), local),
            new(2, utc, [], new WallClockShift(utc, utc), utc),
            new(3, unspecified, [unspecified], new WallClockShift(unspecified, unspecified), unspecified),
        ];

        DateTime clock = DateTime.SpecifyKind(Noon, DateTimeKind.Unspecified);
        DateTime utcNoon = DateTime.SpecifyKind(Noon, DateTimeKind.Utc);
        WallClockReading[] expected =
        [
            new(1, clock, [clock, null, clock], new WallClockShift(clock, utcNoon.AddHours(8)), utcNoon.AddHours(8)),
            new(2, clock, [], new WallClockShift(clock, utcNoon), utcNoon),
            new(3, clock.AddTicks(10), [clock.AddTicks(10)], new WallClockShift(clock.AddTicks(10), utcNoon.AddTicks(10)), utcNoon.AddTicks(10)),
        ];

        foreach ((string from, List<WallClockReading> read) in await ParquetFiles.WrittenToParquetAndArrowAsync(rows))
        {
            Assert.Equal(expected.Length, read.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Show(expected[i]) == Show(read[i]), $"{from}, row {i}: expected {Show(expected[i])}, read {Show(read[i])}");
            }
        }
    }

    [Fact]
    public async Task DuckDB_reads_a_local_timestamp_as_TIMESTAMP_at_its_clock_time_and_the_rest_as_TIMESTAMPTZ()
    {
        WallClockReading[] rows = [new(1, Noon, [Noon], new WallClockShift(Noon, Noon), Noon)];
        using var file = new TempFile();
        await ParquetDatasetWriter<WallClockReading>.WriteFileAsync(file.Path, rows);

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(Seen), typeof(Times), typeof(Shift), typeof(Logged), CAST(Seen AS VARCHAR), CAST(Shift.Start AS VARCHAR) "
            + $"FROM read_parquet('{file.Path}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("TIMESTAMP", reader.GetString(0));
        Assert.Equal("TIMESTAMP[]", reader.GetString(1));
        Assert.Equal("STRUCT(\"Start\" TIMESTAMP, \"End\" TIMESTAMP WITH TIME ZONE)", reader.GetString(2));
        Assert.Equal("TIMESTAMP WITH TIME ZONE", reader.GetString(3));
        Assert.Equal("2024-07-01 12:00:00", reader.GetString(4));
        Assert.Equal("2024-07-01 12:00:00", reader.GetString(5));
    }

    [Fact]
    public void Arrow_gives_a_local_timestamp_no_time_zone_and_an_instant_UTC()
    {
        Schema schema = BatchArrowExtensions.ArrowSchemaOf<WallClockReading>();
        Assert.Null(((TimestampType)schema.GetFieldByName("Seen").DataType).Timezone);
        Assert.Null(((TimestampType)((ListType)schema.GetFieldByName("Times").DataType).ValueDataType).Timezone);
        var shift = (StructType)schema.GetFieldByName("Shift").DataType;
        Assert.Null(((TimestampType)shift.Fields[0].DataType).Timezone);
        Assert.Equal("UTC", ((TimestampType)shift.Fields[1].DataType).Timezone);
        Assert.Equal("UTC", ((TimestampType)schema.GetFieldByName("Logged").DataType).Timezone);
    }

    /// <summary>Every time of a row as ticks and kind, which record equality would leave out of the array.</summary>
    private static string Show(WallClockReading row) =>
        $"{row.Id}: {Ticks(row.Seen)} [{string.Join(", ", row.Times.Select(t => t is { } time ? Ticks(time) : "null"))}] {Ticks(row.Shift.Start)} {Ticks(row.Shift.End)} {Ticks(row.Logged)}";

    private static string Ticks(DateTime time) => $"{time.Ticks} {time.Kind}";
}
