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
    public void A_time_bound_is_the_span_stored_as_TimeSpan_members_read_it()
    {
        var type = new FileColumnType(PhysicalType.Int64, 0, FileValueKind.TimeMicros) { Unit = TimeUnit.Micros };

        Assert.Equal(TimeSpan.FromSeconds(-1), StatisticsDecoder.Decode(Int64(-1_000_000), type));
        Assert.Equal(TimeSpan.FromHours(26), StatisticsDecoder.Decode(Int64(93_600_000_000), type));
        Assert.Null(StatisticsDecoder.Decode(Int64(long.MaxValue), type));
    }

    [Theory]
    [InlineData(0, 922_337_203_685_477L, true)]
    [InlineData(0, 922_337_203_685_478L, false)]
    [InlineData(0, -922_337_203_685_477L, true)]
    [InlineData(0, -922_337_203_685_478L, false)]
    [InlineData(1, 922_337_203_685_477_580L, true)]
    [InlineData(1, 922_337_203_685_477_581L, false)]
    [InlineData(1, long.MinValue, false)]
    [InlineData(2, long.MaxValue, true)]
    [InlineData(2, long.MinValue, true)]
    public void A_stored_time_is_a_span_exactly_where_TimeSpan_holds_it(int unitIndex, long count, bool fits)
    {
        TimeUnit unit = (TimeUnit)unitIndex;
        long unitTicks = unit switch { TimeUnit.Millis => TimeSpan.TicksPerMillisecond, TimeUnit.Micros => 10, _ => 0 };
        Int128 wide = count;
        Int128 exact = unitTicks == 0 ? (wide - (((wide % 100) + 100) % 100)) / 100 : wide * unitTicks;

        Assert.Equal(fits, ParquetTime.TryDuration(count, unit, out TimeSpan span));
        if (fits)
        {
            Assert.Equal(exact, span.Ticks);
        }
    }

    public static TheoryData<long> Counts_at_the_edges()
    {
        var counts = new TheoryData<long> { 0, 1, -1, long.MaxValue, long.MinValue, long.MaxValue / 10, long.MinValue / 10 };
        foreach (long unitTicks in new[] { 1L, 10L, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerDay })
        {
            foreach (long edge in new[] { -DateTime.UnixEpoch.Ticks, DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks, 4_000_000_000_000_000_000, -4_000_000_000_000_000_000 })
            {
                for (long step = -2; step <= 2; step++)
                {
                    counts.Add((edge / unitTicks) + step);
                }
            }
        }

        return counts;
    }

    [Theory]
    [MemberData(nameof(Counts_at_the_edges))]
    public void Timestamps_convert_as_exact_arithmetic_does_up_to_the_ends_of_DateTime(long count)
    {
        foreach ((TimeUnit unit, long unitTicks) in new[] { (TimeUnit.Millis, TimeSpan.TicksPerMillisecond), (TimeUnit.Micros, 10L) })
        {
            Assert.Equal(Exact((Int128)count * unitTicks), (ParquetTime.TryTimestampTicks(count, unit, out long ticks), ticks));
        }

        Assert.Equal(Exact(FloorDivide(count, 100)), (ParquetTime.TryTimestampTicks(count, TimeUnit.Nanos, out long nanosTicks), nanosTicks));
        foreach (long nanosOfDay in new[] { 0L, 99L, -1L, TimeSpan.TicksPerDay * 100, long.MaxValue, long.MinValue })
        {
            if (count is >= int.MinValue and <= int.MaxValue)
            {
                Int128 expected = (((Int128)count - 2_440_588) * TimeSpan.TicksPerDay) + FloorDivide(nanosOfDay, 100);
                Assert.Equal(Exact(expected), (ParquetTime.TryInt96Ticks(nanosOfDay, (int)count, out long int96Ticks), int96Ticks));
            }
        }

        static (bool, long) Exact(Int128 sinceEpoch)
        {
            Int128 ticks = sinceEpoch + DateTime.UnixEpoch.Ticks;
            return ticks >= 0 && ticks <= DateTime.MaxValue.Ticks ? (true, (long)ticks) : (false, 0);
        }

        static Int128 FloorDivide(Int128 value, long divisor) => Int128.IsNegative(value % divisor) ? (value / divisor) - 1 : value / divisor;
    }

    [Theory]
    [MemberData(nameof(Counts_at_the_edges))]
    public void A_page_of_timestamps_converts_as_each_value_does(long count)
    {
        foreach (TimeUnit unit in new[] { TimeUnit.Millis, TimeUnit.Micros, TimeUnit.Nanos })
        {
            bool fits = ParquetTime.TryTimestampTicks(count, unit, out long ticks);
            var page = new DateTime[3];

            int misfit = ParquetTime.ToDateTimes([0, 1, count], unit, DateTimeKind.Utc, page);

            Assert.Equal(fits ? -1 : 2, misfit);
            if (fits)
            {
                Assert.Equal(new DateTime(ticks, DateTimeKind.Utc), page[2]);
                Assert.Equal(DateTimeKind.Utc, page[2].Kind);
            }
        }
    }

    [Theory]
    [InlineData(0L, "micros", "1970-01-01 00:00:00")]
    [InlineData(-1L, "micros", "1969-12-31 23:59:59.999999")]
    [InlineData(1_608_822_900_000_000_000L, "micros", "52951-07-27 10:00:00")]
    [InlineData(1_608_822_900_000_000L, "millis", "52951-07-27 10:00:00")]
    [InlineData(253_402_300_800_000_000L, "micros", "10000-01-01 00:00:00")]
    [InlineData(-62_135_596_800_000_001L, "micros", "0000-12-31 23:59:59.999999")]
    [InlineData(1_700_000_000_123_456_789L, "nanos", "2023-11-14 22:13:20.1234567")]
    public void Timestamps_of_any_year_read_as_ISO_text(long value, string unit, string text)
    {
        Assert.Equal(text, ParquetTime.TimestampText(value, Enum.Parse<TimeUnit>(unit, ignoreCase: true)));
    }

    [Fact]
    public void The_text_of_a_timestamp_DateTime_holds_is_DateTime_s_own()
    {
        var random = new Random(4);
        for (int i = 0; i < 1_000; i++)
        {
            long micros = random.NextInt64(-62_135_596_800_000_000L, 253_402_300_799_999_999L);
            Assert.True(ParquetTime.TryTimestampTicks(micros, TimeUnit.Micros, out long ticks));
            Assert.Equal(new DateTime(ticks).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('.'), ParquetTime.TimestampText(micros, TimeUnit.Micros));
        }
    }

    [Theory]
    [InlineData(0L, 2_440_588, "1970-01-01 00:00:00")]
    [InlineData(-1L, 2_440_588, "1969-12-31 23:59:59.9999999")]
    [InlineData(86_400_000_000_000L, 2_440_588, "1970-01-02 00:00:00")]
    [InlineData(3_600_000_000_000L, 0, "-4713-11-24 01:00:00")]
    [InlineData(0L, int.MaxValue, "5874898-06-03 00:00:00")]
    public void INT96_timestamps_of_any_day_and_nanoseconds_read_as_ISO_text(long nanosOfDay, int julianDay, string text)
    {
        Assert.Equal(text, ParquetTime.Int96Text(nanosOfDay, julianDay));
    }
}
