using System.Buffers.Binary;

namespace Alimentar.Runtime.Tests;

/// <summary>Timestamps and times convert one way for values and for the statistics that bound them.</summary>
public sealed class ParquetTimeTests
{
    private static byte[] Int64(long value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    [Theory]
    [InlineData(-150L, -2L)]
    [InlineData(-100L, -1L)]
    [InlineData(-1L, -1L)]
    [InlineData(0L, 0L)]
    [InlineData(199L, 1L)]
    public void Nanosecond_statistics_round_down_to_the_tick_as_values_do(long nanos, long ticksFromEpoch)
    {
        var type = new FileColumnType(PhysicalType.Int64, 0, FileValueKind.DateTime) { Unit = TimeUnit.Nanos, IsAdjustedToUtc = true };

        object? bound = StatisticsDecoder.Decode(Int64(nanos), type);

        Assert.True(ParquetTime.TryTimestampTicks(nanos, TimeUnit.Nanos, out long ticks));
        Assert.Equal(DateTime.UnixEpoch.Ticks + ticksFromEpoch, ticks);
        Assert.Equal(new DateTime(ticks, DateTimeKind.Utc), bound);
    }

    [Theory]
    [InlineData(-1_000L, "23:59:59")]
    [InlineData(0L, "00:00:00")]
    [InlineData(86_400_000L, "00:00:00")]
    [InlineData(90_000_000L, "01:00:00")]
    [InlineData(-86_400_001L, "23:59:59.999")]
    public void Times_outside_the_day_wrap_into_it(long millis, string expected)
    {
        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ParquetTime.TimeOfDay(millis, TimeUnit.Millis));
        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ParquetTime.TimeOfDay(millis * 1_000, TimeUnit.Micros));
        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ParquetTime.TimeOfDay(millis * 1_000_000, TimeUnit.Nanos));
    }

    [Fact]
    public void A_time_bound_outside_the_day_is_not_used_since_its_values_wrap()
    {
        var type = new FileColumnType(PhysicalType.Int64, 0, FileValueKind.TimeMicros) { Unit = TimeUnit.Micros };

        Assert.Null(StatisticsDecoder.Decode(Int64(-1_000_000), type));
        Assert.Equal(new TimeOnly(1, 0), StatisticsDecoder.Decode(Int64(3_600_000_000), type));
    }
}
