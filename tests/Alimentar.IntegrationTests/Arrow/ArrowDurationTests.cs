using Apache.Arrow;
using Apache.Arrow.Types;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record Timing(long Id, TimeSpan? Seconds, TimeSpan? Millis, TimeSpan? Micros, TimeSpan? Nanos, TimeSpan? ClockNanos, TimeSpan? ClockSeconds);

[StreamingDataset]
public partial record Lapse(long Id, TimeSpan? Seconds);

[StreamingDataset]
public partial record Stint(long Id, TimeSpan Took, TimeSpan? Pause, TimeSpan[]? Splits);

/// <summary>
/// Arrow durations (pandas' timedelta64 and Polars' Duration, in any unit) read into <see cref="TimeSpan"/> members as the
/// spans they count, as do times of day at every unit; <see cref="TimeSpan"/> members are written as durations, so a
/// span of a day or more, or below zero, is what other Arrow readers see.
/// </summary>
public sealed class ArrowDurationTests
{
    [Fact]
    public void Durations_and_times_of_every_unit_read_as_the_spans_they_count()
    {
        long?[] counts = [0, 90_061, -5, null, 3_000_000];
        using var batch = new RecordBatch.Builder()
            .Append("id", false, new Int64Array.Builder().AppendRange([0, 1, 2, 3, 4]).Build())
            .Append("seconds", true, Counts(DurationType.Second, counts))
            .Append("millis", true, Counts(DurationType.Millisecond, counts))
            .Append("micros", true, Counts(DurationType.Microsecond, counts))
            .Append("nanos", true, Counts(DurationType.Nanosecond, [0, 90_061, -150, null, 3_000_000]))
            .Append("clock_nanos", true, Counts(new Time64Type(Apache.Arrow.Types.TimeUnit.Nanosecond), [0, 86_399_999_999_999, 150, null, 1]))
            .Append("clock_seconds", true, Counts(new Time32Type(Apache.Arrow.Types.TimeUnit.Second), [0, 86_399, 60, null, 1]))
            .Build();

        List<Timing> rows = ParquetFiles.ReadAll(new ArrowSource<Timing>(ArrowStreams.Of(batch), "timings.arrows"));

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(90_061), TimeSpan.FromSeconds(-5), null, TimeSpan.FromSeconds(3_000_000)], rows.Select(r => r.Seconds));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(90_061), TimeSpan.FromMilliseconds(-5), null, TimeSpan.FromMilliseconds(3_000_000)], rows.Select(r => r.Millis));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMicroseconds(90_061), TimeSpan.FromMicroseconds(-5), null, TimeSpan.FromSeconds(3)], rows.Select(r => r.Micros));

        // Nanoseconds are rounded down to ticks, as Parquet's are, so that spans keep their order.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromTicks(900), TimeSpan.FromTicks(-2), null, TimeSpan.FromMilliseconds(3)], rows.Select(r => r.Nanos));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromDays(1) - TimeSpan.FromTicks(1), TimeSpan.FromTicks(1), null, TimeSpan.Zero], rows.Select(r => r.ClockNanos));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(86_399), TimeSpan.FromMinutes(1), null, TimeSpan.FromSeconds(1)], rows.Select(r => r.ClockSeconds));
    }

    [Fact]
    public void A_duration_beyond_TimeSpan_fails_naming_the_record_batch_and_row()
    {
        using var batch = new RecordBatch.Builder()
            .Append("id", false, new Int64Array.Builder().AppendRange([0, 1, 2]).Build())
            .Append("seconds", true, Counts(DurationType.Second, [1, 2, long.MaxValue / 1_000]))
            .Build();

        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ArrowSource<Lapse>(ArrowStreams.Of(batch), "timings.arrows")));

        Assert.Contains("timings.arrows", error.Message, StringComparison.Ordinal);
        Assert.Equal("seconds", error.ColumnName);
        Assert.Equal(2, error.Row);
    }

    [Fact]
    public async Task TimeSpan_members_are_written_as_durations_and_read_back_exactly()
    {
        Stint[] stints =
        [
            new(0, TimeSpan.FromHours(26), null, [TimeSpan.FromDays(-2), TimeSpan.FromMinutes(90)]),
            new(1, TimeSpan.FromMinutes(-5), TimeSpan.FromDays(400), null),
            new(2, TimeSpan.FromMicroseconds(1), TimeSpan.Zero, []),
        ];
        using var streaming = new StreamingDataset<Stint>(new MemorySource<Stint>(stints, batchSize: 2));
        using var ipc = new MemoryStream();
        await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
        ipc.Position = 0;

        using (var reader = new Apache.Arrow.Ipc.ArrowStreamReader(ipc, leaveOpen: true))
        {
            Schema schema = reader.Schema;
            Assert.Equal(DurationType.Microsecond.TypeId, schema.GetFieldByName("Took").DataType.TypeId);
            Assert.Equal(Apache.Arrow.Types.TimeUnit.Microsecond, ((DurationType)schema.GetFieldByName("Pause").DataType).Unit);
        }

        ipc.Position = 0;
        List<Stint> back = ParquetFiles.ReadAll(new ArrowSource<Stint>(ipc, "stints.arrows"));
        Assert.Equal(stints.Select(s => (s.Id, s.Took, s.Pause)), back.Select(s => (s.Id, s.Took, s.Pause)));
        Assert.Equal(stints.Select(s => s.Splits), back.Select(s => s.Splits));
    }

    /// <summary>An array of <paramref name="type"/> over raw counts, null where a count is null.</summary>
    private static IArrowArray Counts(IArrowType type, long?[] counts)
    {
        var validity = new ArrowBuffer.BitmapBuilder();
        bool narrow = type is Time32Type;
        var wide = new ArrowBuffer.Builder<long>();
        var small = new ArrowBuffer.Builder<int>();
        foreach (long? count in counts)
        {
            validity.Append(count.HasValue);
            if (narrow)
            {
                small.Append((int)(count ?? 0));
            }
            else
            {
                wide.Append(count ?? 0);
            }
        }

        ArrowBuffer values = narrow ? small.Build() : wide.Build();
        return ArrowArrayFactory.BuildArray(new ArrayData(type, counts.Length, counts.Count(c => c is null), 0, [validity.Build(), values]));
    }
}
