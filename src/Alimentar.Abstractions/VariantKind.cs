namespace Alimentar;

/// <summary>What a <see cref="ParquetVariant"/> holds.</summary>
public enum VariantKind
{
    /// <summary>A variant null (a value that is null, as opposed to a missing variant).</summary>
    Null,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>An 8-, 16-, 32- or 64-bit signed integer.</summary>
    Integer,

    /// <summary>A 32-bit floating-point number.</summary>
    Float,

    /// <summary>A 64-bit floating-point number.</summary>
    Double,

    /// <summary>An exact decimal of up to 38 digits.</summary>
    Decimal,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>An instant: a timestamp adjusted to UTC, in micro- or nanoseconds.</summary>
    Timestamp,

    /// <summary>A wall-clock timestamp with no time zone, in micro- or nanoseconds.</summary>
    LocalTimestamp,

    /// <summary>A time of day with no time zone, in microseconds.</summary>
    Time,

    /// <summary>UTF-8 text.</summary>
    String,

    /// <summary>Bytes.</summary>
    Binary,

    /// <summary>A UUID.</summary>
    Uuid,

    /// <summary>An object: named fields, each a variant.</summary>
    Object,

    /// <summary>An array of variants.</summary>
    Array,
}
