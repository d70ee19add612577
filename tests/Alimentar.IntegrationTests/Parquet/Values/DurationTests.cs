using ParquetSharp;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record Lap(long Id, TimeSpan Took, TimeSpan? Pause);

[StreamingDataset]
public partial record LapWithoutPause(long Id, TimeSpan Took);

[StreamingDataset]
public partial record LapMicros(long Id, long Took);

[StreamingDataset]
public partial record LapClock(long Id, TimeOnly Took);

/// <summary>
/// <see cref="TimeSpan"/> members are durations: a TIME column read into one gives the span it stores, a day or more
/// and below zero included, as .NET writers store durations there (ours, ParquetSharp, Parquet.Net) and as they read
/// them back. Only <see cref="TimeOnly"/> members, which cannot hold such values, take them wrapped into the day.
/// </summary>
public sealed class DurationTests
{
    private static readonly TimeSpan[] Spans =
    [
        TimeSpan.FromHours(26), TimeSpan.FromMinutes(-5), TimeSpan.FromDays(-3), TimeSpan.FromDays(400),
        TimeSpan.FromMilliseconds(1.5), TimeSpan.Zero, TimeSpan.FromHours(23.5), TimeSpan.FromTicks(-10),
    ];

    [Fact]
    public async Task Spans_beyond_a_day_and_below_zero_read_back_as_written()
    {
        using var file = new TempFile();
        Lap[] laps = Spans.Select((span, i) => new Lap(i, span, i % 3 == 0 ? null : -span)).ToArray();
        await ParquetDatasetWriter<Lap>.WriteFileAsync(file.Path, laps);

        Assert.Equal(laps, ParquetFiles.ReadAll(new ParquetSource<Lap>(file.Path)));
    }

    [Theory]
    [InlineData(ParquetSharp.TimeUnit.Millis)]
    [InlineData(ParquetSharp.TimeUnit.Micros)]
    public void A_time_column_from_ParquetSharp_reads_the_spans_ParquetSharp_wrote_and_TimeOnly_wraps_them(ParquetSharp.TimeUnit unit)
    {
        using var file = new TempFile();
        WriteWithParquetSharp(file.Path, unit, Spans);

        TimeSpan[] theirs = ReadWithParquetSharp(file.Path);
        Assert.Contains(theirs, span => span >= TimeSpan.FromDays(1));
        Assert.Contains(theirs, span => span < TimeSpan.Zero);

        Assert.Equal(theirs, ParquetFiles.ReadAll(new ParquetSource<Lap>(file.Path)).Select(r => r.Took));
        Assert.Equal(theirs.Select(TimeOfDay), ParquetFiles.ReadAll(new ParquetSource<LapClock>(file.Path)).Select(r => r.Took));
    }

    [Fact]
    public void Nanoseconds_are_rounded_down_to_ticks_so_spans_keep_their_order()
    {
        using var file = new TempFile();
        long[] nanos = [-150, -100, -1, 0, 99, 100, 86_400_000_000_001, -259_200_000_000_000];
        using (var writer = new ParquetFileWriter(file.Path, [new Column<long>("Id"), new Column<TimeSpanNanos>("Took", LogicalType.Time(isAdjustedToUtc: false, ParquetSharp.TimeUnit.Nanos))]))
        {
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            using (LogicalColumnWriter<long> ids = rowGroup.NextColumn().LogicalWriter<long>())
            {
                ids.WriteBatch(Enumerable.Range(0, nanos.Length).Select(i => (long)i).ToArray());
            }

            using LogicalColumnWriter<TimeSpanNanos> took = rowGroup.NextColumn().LogicalWriter<TimeSpanNanos>();
            took.WriteBatch(nanos.Select(n => new TimeSpanNanos(n)).ToArray());
        }

        Assert.Equal(
            [TimeSpan.FromTicks(-2), TimeSpan.FromTicks(-1), TimeSpan.FromTicks(-1), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromDays(1), TimeSpan.FromDays(-3)],
            ParquetFiles.ReadAll(new ParquetSource<LapWithoutPause>(file.Path)).Select(r => r.Took));
    }

    [Fact]
    public void A_stored_time_beyond_TimeSpan_fails_naming_its_row_where_TimeOnly_and_long_members_read_it()
    {
        using var file = new TempFile();
        long[] micros = [0, 90_000_000_000, long.MaxValue, 1];
        using (var writer = new ParquetFileWriter(file.Path, [new Column<long>("Id"), new Column<TimeSpan>("Took", LogicalType.Time(isAdjustedToUtc: false, ParquetSharp.TimeUnit.Micros))]))
        {
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            using (LogicalColumnWriter<long> ids = rowGroup.NextColumn().LogicalWriter<long>())
            {
                ids.WriteBatch([0, 1, 2, 3]);
            }

            // The physical writer stores any INT64, as a damaged or hostile file may.
            using var took = (ColumnWriter<long>)rowGroup.NextColumn();
            took.WriteBatch(micros);
        }

        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<LapWithoutPause>(file.Path)));
        Assert.Equal("Took", error.ColumnName);
        Assert.Equal(2, error.Row);

        Assert.Equal(4, ParquetFiles.ReadAll(new ParquetSource<LapClock>(file.Path)).Count);
        Assert.Equal(micros, ParquetFiles.ReadAll(new ParquetSource<LapMicros>(file.Path)).Select(r => r.Took));
    }

    [Fact]
    public void Filters_on_spans_keep_LINQs_rows_and_skip_row_groups_by_their_bounds()
    {
        using var file = new TempFile();
        TimeSpan[] longLaps = Enumerable.Range(0, 50).Select(i => TimeSpan.FromHours(25 + (i / 10.0))).ToArray();
        TimeSpan[] shortLaps = Enumerable.Range(0, 50).Select(i => TimeSpan.FromMinutes(-30 + i)).ToArray();
        WriteWithParquetSharp(file.Path, ParquetSharp.TimeUnit.Micros, longLaps, shortLaps);
        TimeSpan[] all = [.. longLaps, .. shortLaps];

        TimeSpan day = TimeSpan.FromDays(1);
        ParquetSource<Lap> overADay = new ParquetSource<Lap>(file.Path).Where(r => r.Took > day);
        Assert.Equal(all.Where(s => s > day), ParquetFiles.ReadAll(overADay).Select(r => r.Took));
        Assert.Equal(longLaps.Length, overADay.Explain().RowsToRead);

        TimeSpan zero = TimeSpan.Zero;
        ParquetSource<Lap> negative = new ParquetSource<Lap>(file.Path).Where(r => r.Took < zero);
        Assert.Equal(all.Where(s => s < zero), ParquetFiles.ReadAll(negative).Select(r => r.Took));
        Assert.Equal(shortLaps.Length, negative.Explain().RowsToRead);

        // The same bounds say nothing about the wrapped times of day a TimeOnly member reads: every row group is read.
        var evening = new TimeOnly(20, 0);
        ParquetSource<LapClock> clock = new ParquetSource<LapClock>(file.Path).Where(r => r.Took > evening);
        Assert.Equal(all.Count(s => TimeOfDay(s) > evening), ParquetFiles.ReadAll(clock).Count);
        Assert.Equal(all.Length, clock.Explain().RowsToRead);
    }

    /// <summary>A span wrapped into the day, as DuckDB reads a TIME outside it.</summary>
    private static TimeOnly TimeOfDay(TimeSpan span) =>
        TimeOnly.FromTimeSpan(TimeSpan.FromTicks(((span.Ticks % TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay));

    private static TimeSpan[] ReadWithParquetSharp(string path)
    {
        using var reader = new ParquetFileReader(path);
        using RowGroupReader rowGroup = reader.RowGroup(0);
        using LogicalColumnReader<TimeSpan> took = rowGroup.Column(1).LogicalReader<TimeSpan>();
        return took.ReadAll((int)rowGroup.MetaData.NumRows);
    }

    /// <summary>One row group per array of spans, in a REQUIRED TIME column (and an OPTIONAL one of nulls), as ParquetSharp writes <see cref="TimeSpan"/>.</summary>
    private static void WriteWithParquetSharp(string path, ParquetSharp.TimeUnit unit, params TimeSpan[][] groups)
    {
        Column[] columns =
        [
            new Column<long>("Id"),
            new Column<TimeSpan>("Took", LogicalType.Time(isAdjustedToUtc: false, unit)),
            new Column<TimeSpan?>("Pause", LogicalType.Time(isAdjustedToUtc: false, unit)),
        ];
        using var writer = new ParquetFileWriter(path, columns);
        long id = 0;
        foreach (TimeSpan[] spans in groups)
        {
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            using (LogicalColumnWriter<long> ids = rowGroup.NextColumn().LogicalWriter<long>())
            {
                ids.WriteBatch(spans.Select(_ => id++).ToArray());
            }

            using (LogicalColumnWriter<TimeSpan> took = rowGroup.NextColumn().LogicalWriter<TimeSpan>())
            {
                took.WriteBatch(spans);
            }

            using LogicalColumnWriter<TimeSpan?> pause = rowGroup.NextColumn().LogicalWriter<TimeSpan?>();
            pause.WriteBatch(new TimeSpan?[spans.Length]);
        }
    }
}
