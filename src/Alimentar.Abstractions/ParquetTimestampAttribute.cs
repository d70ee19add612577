namespace Alimentar;

/// <summary>
/// Sets how a <see cref="DateTime"/> member is written as a TIMESTAMP. By default a timestamp is adjusted to UTC
/// (an instant: a <see cref="DateTimeKind.Local"/> value is converted, an unspecified one taken as UTC). With
/// <c>isAdjustedToUtc: false</c> it is a local, wall-clock timestamp, as pandas' naive <c>datetime64</c> and Spark's
/// <c>TIMESTAMP_NTZ</c> are: every value is written at the clock time it shows, whatever its kind, and reads back as
/// <see cref="DateTimeKind.Unspecified"/>. Reading takes any timestamp whatever this says.
/// </summary>
/// <remarks>
/// It applies to a <see cref="DateTime"/> member, a nullable one, or a list of them at any depth; a record's fields
/// take their own, a map's values the default. A <see cref="DateTimeOffset"/> is always written adjusted to UTC, so it
/// may carry the attribute only asking for that; on any other member it is compile-time error ALI0016.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class ParquetTimestampAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="isAdjustedToUtc">False for a local (wall-clock) timestamp; true, the default, for an instant in UTC.</param>
    public ParquetTimestampAttribute(bool isAdjustedToUtc = true)
    {
        IsAdjustedToUtc = isAdjustedToUtc;
    }

    /// <summary>Whether the timestamp is an instant adjusted to UTC (true) or a local, wall-clock time (false).</summary>
    public bool IsAdjustedToUtc { get; }
}
