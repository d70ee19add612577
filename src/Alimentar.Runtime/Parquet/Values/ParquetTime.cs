namespace Alimentar.Parquet.Values;

/// <summary>
/// How TIMESTAMP, INT96 and TIME values become .NET ticks: one function per shape, used by the page decoders and
/// by statistics alike, so a bound always converts exactly as the values it bounds do (a filter that read
/// bounds one way and values another could prune a row group holding a match).
/// </summary>
internal static class ParquetTime
{
    private const long UnixEpochJulianDay = 2_440_588;

    /// <summary>The ticks since the Unix epoch of a TIMESTAMP value, nanoseconds rounded down (so instants before 1970 keep their order); false outside <see cref="DateTime"/>.</summary>
    public static bool TryTimestampTicks(long value, TimeUnit unit, out long ticks) => unit switch
    {
        TimeUnit.Millis => TryScaledTicks(value, TimeSpan.TicksPerMillisecond, 0, out ticks),
        TimeUnit.Micros => TryScaledTicks(value, 10, 0, out ticks),
        _ => InDateTimeRange(FloorDivide(value, 100) + DateTime.UnixEpoch.Ticks, out ticks),
    };

    /// <summary>
    /// <see cref="TryTimestampTicks"/> over a page's values at once, as <see cref="DateTime"/>s of
    /// <paramref name="kind"/>: the unit is chosen once, not per value, and a value is checked against the counts
    /// that land inside <see cref="DateTime"/> rather than multiplied first. Returns the index of the first value
    /// outside <see cref="DateTime"/>, or -1; what it accepts and the ticks it gives are <see cref="TryTimestampTicks"/>'s.
    /// </summary>
    public static int ToDateTimes(ReadOnlySpan<long> values, TimeUnit unit, DateTimeKind kind, Span<DateTime> target)
    {
        target = target[..values.Length];
        if (unit == TimeUnit.Nanos)
        {
            // Every INT64 count of nanoseconds is within 292 years of 1970, so inside DateTime.
            for (int i = 0; i < values.Length; i++)
            {
                target[i] = new DateTime(FloorDivide(values[i], 100) + DateTime.UnixEpoch.Ticks, kind);
            }

            return -1;
        }

        long unitTicks = unit == TimeUnit.Millis ? TimeSpan.TicksPerMillisecond : 10;
        long fewest = -DateTime.UnixEpoch.Ticks / unitTicks; // The epoch's ticks are whole milliseconds.
        long most = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / unitTicks;
        for (int i = 0; i < values.Length; i++)
        {
            long value = values[i];
            if (value < fewest || value > most)
            {
                return i;
            }

            target[i] = new DateTime((value * unitTicks) + DateTime.UnixEpoch.Ticks, kind);
        }

        return -1;
    }

    /// <summary>The ticks of an INT96 timestamp (nanoseconds of the day, then the Julian day), nanoseconds rounded down; false outside <see cref="DateTime"/>.</summary>
    public static bool TryInt96Ticks(long nanosOfDay, int julianDay, out long ticks) =>
        TryScaledTicks((long)julianDay - UnixEpochJulianDay, TimeSpan.TicksPerDay, FloorDivide(nanosOfDay, 100), out ticks);

    /// <summary>
    /// The time of day a TIME value stands for, always in [00:00, 24:00). TIME is a time of day, yet
    /// parquet-mr 1.14 wrote some below zero; such values (and any of a day or more) wrap into the day, as DuckDB
    /// reads them, so <see cref="TimeOnly"/> members never fail on them and every reader agrees.
    /// </summary>
    public static TimeSpan TimeOfDay(long value, TimeUnit unit)
    {
        long ticks = unit switch
        {
            TimeUnit.Millis => value % (TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond) * TimeSpan.TicksPerMillisecond,
            TimeUnit.Micros => value % (TimeSpan.TicksPerDay / 10) * 10,
            _ => FloorDivide(value, 100) % TimeSpan.TicksPerDay,
        };
        return TimeSpan.FromTicks(ticks < 0 ? ticks + TimeSpan.TicksPerDay : ticks);
    }

    /// <summary>
    /// A TIME value as the span it stores, not wrapped into the day: a <see cref="TimeSpan"/> member is a duration, and
    /// .NET writers (ours, ParquetSharp, Parquet.Net) store durations of a day or more, or below zero, as TIME. Nanoseconds
    /// are rounded down, as timestamps' are, so spans keep the order of the values (and of the bounds) they come from.
    /// False when the span is beyond <see cref="TimeSpan"/>.
    /// </summary>
    public static bool TryDuration(long value, TimeUnit unit, out TimeSpan span) =>
        TrySpan(value, unit switch { TimeUnit.Millis => TimeSpan.TicksPerMillisecond, TimeUnit.Micros => 10, _ => 0 }, out span);

    /// <summary>
    /// A count of units of <paramref name="unitTicks"/> ticks each (0 for nanoseconds, rounded down) as a span; false when
    /// the span is beyond <see cref="TimeSpan"/>. Parquet's times and Arrow's times and durations, which have seconds too.
    /// </summary>
    public static bool TrySpan(long count, long unitTicks, out TimeSpan span)
    {
        if (unitTicks == 0)
        {
            span = TimeSpan.FromTicks(FloorDivide(count, 100));
            return true;
        }

        bool fits = count >= long.MinValue / unitTicks && count <= long.MaxValue / unitTicks;
        span = fits ? TimeSpan.FromTicks(count * unitTicks) : default;
        return fits;
    }

    /// <summary>A TIMESTAMP value of any year as ISO 8601 text (<c>52951-08-29 07:00:00</c>), for showing instants no <see cref="DateTime"/> holds.</summary>
    public static string TimestampText(long value, TimeUnit unit)
    {
        long perDay = unit switch { TimeUnit.Millis => 86_400_000L, TimeUnit.Micros => 86_400_000_000L, _ => 86_400_000_000_000L };
        long days = FloorDivide(value, perDay);
        long ofDay = value - (days * perDay);
        long ticksOfDay = unit switch { TimeUnit.Millis => ofDay * TimeSpan.TicksPerMillisecond, TimeUnit.Micros => ofDay * 10, _ => ofDay / 100 };
        return DateText(days, ticksOfDay);
    }

    /// <summary>An INT96 timestamp of any year (or of a day's nanoseconds beyond the day, as damaged files hold) as ISO 8601 text.</summary>
    public static string Int96Text(long nanosOfDay, int julianDay)
    {
        long ticks = FloorDivide(nanosOfDay, 100);
        long extraDays = FloorDivide(ticks, TimeSpan.TicksPerDay);
        return DateText(julianDay - UnixEpochJulianDay + extraDays, ticks - (extraDays * TimeSpan.TicksPerDay));
    }

    /// <summary>
    /// The date <paramref name="daysSinceEpoch"/> after 1970-01-01 and a time of day, as ISO 8601 text, whatever the
    /// year: the Gregorian calendar repeats every 400 years, so the date is found whole cycles nearer and the cycles
    /// added back to its year (astronomical years: 0 is 1 BC).
    /// </summary>
    private static string DateText(long daysSinceEpoch, long ticksOfDay)
    {
        const long DaysPer400Years = 146_097;
        long dayNumber = daysSinceEpoch + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        long cycles = FloorDivide(dayNumber, DaysPer400Years);
        DateOnly date = DateOnly.FromDayNumber((int)(dayNumber - (cycles * DaysPer400Years)));
        string time = new TimeOnly(ticksOfDay).ToString("HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        long year = date.Year + (cycles * 400);
        return $"{(year < 0 ? "-" : string.Empty)}{Math.Abs(year):0000}-{date.Month:00}-{date.Day:00} {time}";
    }

    /// <summary>
    /// A <see cref="DateTime"/> as the microseconds since the Unix epoch a UTC-adjusted TIMESTAMP stores, for every writer
    /// alike (Parquet pages, Arrow arrays): a local time is converted to UTC, an unspecified one is taken as UTC (so it
    /// reads back at the clock time it was written with, on any machine), and ticks below a microsecond are rounded
    /// down (so instants before 1970 keep their order).
    /// </summary>
    public static long UnixMicroseconds(DateTime value) =>
        Microseconds((value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks - DateTime.UnixEpoch.Ticks);

    /// <summary>
    /// A <see cref="DateTime"/> as the microseconds since the Unix epoch a local (wall-clock) TIMESTAMP stores: the clock
    /// time the value shows, whatever its kind, ticks below a microsecond rounded down.
    /// </summary>
    public static long WallClockMicroseconds(DateTime value) => Microseconds(value.Ticks - DateTime.UnixEpoch.Ticks);

    /// <summary>A <see cref="DateTimeOffset"/>'s instant as microseconds since the Unix epoch, rounded down.</summary>
    public static long UnixMicroseconds(DateTimeOffset value) => Microseconds(value.UtcTicks - DateTime.UnixEpoch.Ticks);

    /// <summary>Ticks (100 ns) as whole microseconds, rounded down, as TIME and durations store a span or a time of day.</summary>
    public static long Microseconds(long ticks) => FloorDivide(ticks, 10);

    public static long FloorDivide(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>
    /// <c>count * unitTicks + extraTicks</c> after the Unix epoch (where <paramref name="extraTicks"/> is at most a
    /// hundredth of a 64-bit value, as nanoseconds in ticks are), in plain 64-bit arithmetic: a count whose ticks lie
    /// beyond 4e18 either way lands outside <see cref="DateTime"/> whatever the extra, and is refused before it is
    /// multiplied, so nothing overflows. 128-bit arithmetic would do as well, but the ahead-of-time compiler leaves out
    /// every method that passes an <see cref="Int128"/>, so the timestamp decoders ran unoptimised in a first pass.
    /// </summary>
    private static bool TryScaledTicks(long count, long unitTicks, long extraTicks, out long ticks)
    {
        const long Beyond = 4_000_000_000_000_000_000;
        if (count > Beyond / unitTicks || count < -Beyond / unitTicks)
        {
            ticks = 0;
            return false;
        }

        return InDateTimeRange((count * unitTicks) + extraTicks + DateTime.UnixEpoch.Ticks, out ticks);
    }

    private static bool InDateTimeRange(long ticks, out long result)
    {
        bool fits = ticks >= 0 && ticks <= DateTime.MaxValue.Ticks;
        result = fits ? ticks : 0;
        return fits;
    }
}
