using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Alimentar;

/// <summary>
/// A Parquet INTERVAL: a count of months, of days and of milliseconds, kept apart as the format keeps them, since a
/// month has no fixed number of days. DuckDB writes its INTERVAL columns so, and the Rust <c>parquet</c> crate its
/// Arrow intervals; a member of this type reads and writes them.
/// </summary>
/// <param name="Months">The months.</param>
/// <param name="Days">The days.</param>
/// <param name="Milliseconds">The milliseconds.</param>
/// <remarks>
/// The format's counts are unsigned, so an interval cannot be negative (DuckDB refuses to write one). The layout is
/// the stored one (three little-endian 32-bit integers), so a page of intervals is copied, not parsed.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct ParquetInterval(uint Months, uint Days, uint Milliseconds)
{
    /// <summary>The interval as a <see cref="TimeSpan"/>, a day counted as 24 hours.</summary>
    /// <returns>The span of the days and milliseconds.</returns>
    /// <exception cref="InvalidOperationException">The interval counts months, whose length no span can say.</exception>
    public TimeSpan ToTimeSpan() => Months == 0
        ? TimeSpan.FromDays(Days) + TimeSpan.FromMilliseconds(Milliseconds)
        : throw new InvalidOperationException($"The interval {this} counts months, which have no fixed length, so no TimeSpan holds it.");

    /// <summary>A span as an interval of whole days (of 24 hours) and milliseconds; ticks below a millisecond are dropped.</summary>
    /// <param name="span">The span, zero or more.</param>
    /// <returns>The interval, with no months.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The span is negative, which no interval holds.</exception>
    public static ParquetInterval FromTimeSpan(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        return new ParquetInterval(0, (uint)span.Days, (uint)((span.Ticks % TimeSpan.TicksPerDay) / TimeSpan.TicksPerMillisecond));
    }

    /// <summary>The interval as an ISO 8601 duration, e.g. <c>P1M2DT3.5S</c>; <c>P0D</c> when empty.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (this == default)
        {
            return "P0D";
        }

        var text = new StringBuilder("P");
        if (Months != 0) text.Append(CultureInfo.InvariantCulture, $"{Months}M");
        if (Days != 0) text.Append(CultureInfo.InvariantCulture, $"{Days}D");
        if (Milliseconds != 0) text.Append(CultureInfo.InvariantCulture, $"T{Milliseconds / 1000m:0.###}S");
        return text.ToString();
    }
}
