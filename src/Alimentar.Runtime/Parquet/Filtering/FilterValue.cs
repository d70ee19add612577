using System.Globalization;

namespace Alimentar.Parquet.Filtering;

/// <summary>How a filter compares a column's values: the C# type the comparison happens in, reduced to five kinds.</summary>
internal enum FilterDomain
{
    /// <summary>Integers, bool, enums by number, and ticks or days of the date and time types.</summary>
    Integer,

    /// <summary>float, double and Half, as double (float to double is exact).</summary>
    Floating,

    Decimal,

    /// <summary>Strings, and enums stored by name; ordinal.</summary>
    Text,

    Guid,
}

/// <summary>
/// One value in a filter's comparison domain. Comparing two gives what C#'s operators give for the
/// member's type: ticks for dates and times, ordinal for strings, and no order at all for NaN (so every
/// comparison with it is false but <c>!=</c>). Equality is <see cref="object.Equals(object)"/>'s, as
/// <c>Contains</c> uses it: NaN equals NaN there.
/// </summary>
internal readonly struct FilterValue : IEquatable<FilterValue>
{
    private readonly Int128 _integer;
    private readonly double _floating;
    private readonly decimal _decimal;
    private readonly Guid _guid;

    private FilterValue(FilterDomain domain, Int128 integer = default, double floating = 0, decimal @decimal = 0, string? text = null, Guid guid = default)
    {
        Domain = domain;
        _integer = integer;
        _floating = floating;
        _decimal = @decimal;
        Text = text;
        _guid = guid;
    }

    public FilterDomain Domain { get; }

    public string? Text { get; }

    /// <summary>
    /// Whether a text value's stored bytes are its UTF-8 encoding. A string holding U+FFFD may have been read from bytes
    /// that are not UTF-8 (a STRING value a writer did not validate: every invalid sequence reads as U+FFFD), so its
    /// stored bytes are unknown, and no bound or Bloom filter may judge it.
    /// </summary>
    public static bool StoredAsUtf8(string text) => !text.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>The value of an <see cref="FilterDomain.Integer"/> value.</summary>
    public Int128 IntegerValue => _integer;

    /// <summary>The value of the <see cref="FilterDomain.Guid"/> domain.</summary>
    public Guid GuidValue => _guid;

    /// <summary>The value of a <see cref="FilterDomain.Floating"/> value.</summary>
    public double FloatingValue => _floating;

    public static FilterValue Integer(Int128 value) => new(FilterDomain.Integer, integer: value);

    public static FilterValue Floating(double value) => new(FilterDomain.Floating, floating: value);

    public static FilterValue Decimal(decimal value) => new(FilterDomain.Decimal, @decimal: value);

    public static FilterValue String(string value) => new(FilterDomain.Text, text: value);

    public static FilterValue FromGuid(Guid value) => new(FilterDomain.Guid, guid: value);

    public bool IsNaN => Domain == FilterDomain.Floating && double.IsNaN(_floating);

    /// <summary>The sign of this minus <paramref name="other"/>; null when either is NaN, which has no order.</summary>
    public int? CompareTo(FilterValue other)
    {
        if (other.Domain != Domain)
        {
            throw new InvalidOperationException($"A {Domain} value cannot be compared with a {other.Domain} value.");
        }

        return Domain switch
        {
            FilterDomain.Integer => _integer.CompareTo(other._integer),
            FilterDomain.Floating => double.IsNaN(_floating) || double.IsNaN(other._floating) ? null
                : _floating < other._floating ? -1 : _floating > other._floating ? 1 : 0,
            FilterDomain.Decimal => _decimal.CompareTo(other._decimal),
            FilterDomain.Text => Math.Sign(string.CompareOrdinal(Text, other.Text)),
            _ => _guid.CompareTo(other._guid),
        };
    }

    public bool Equals(FilterValue other) => other.Domain == Domain && Domain switch
    {
        FilterDomain.Integer => _integer == other._integer,
        FilterDomain.Floating => _floating.Equals(other._floating),
        FilterDomain.Decimal => _decimal == other._decimal,
        FilterDomain.Text => string.Equals(Text, other.Text, StringComparison.Ordinal),
        _ => _guid == other._guid,
    };

    public override bool Equals(object? obj) => obj is FilterValue other && Equals(other);

    public override int GetHashCode() => Domain switch
    {
        FilterDomain.Integer => _integer.GetHashCode(),
        FilterDomain.Floating => _floating.GetHashCode(),
        FilterDomain.Decimal => _decimal.GetHashCode(),
        FilterDomain.Text => StringComparer.Ordinal.GetHashCode(Text!),
        _ => _guid.GetHashCode(),
    };

    public override string ToString() => Domain switch
    {
        FilterDomain.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        FilterDomain.Floating => _floating.ToString("R", CultureInfo.InvariantCulture),
        FilterDomain.Decimal => _decimal.ToString(CultureInfo.InvariantCulture),
        FilterDomain.Text => $"\"{Text}\"",
        _ => _guid.ToString(),
    };

    /// <summary>
    /// A value of any type a row member or a statistic may hold, in <paramref name="domain"/>; null when it
    /// cannot be (the caller then neither prunes nor matches by it). <paramref name="single"/> rounds to float
    /// first, as C# does when it compares an integer with a float.
    /// </summary>
    public static FilterValue? From(object? value, FilterDomain domain, bool single = false)
    {
        if (value is null)
        {
            return null;
        }

        switch (domain)
        {
            case FilterDomain.Integer:
                return AsInteger(value) is { } integer ? Integer(integer) : null;
            case FilterDomain.Floating:
                if (single && AsInteger(value) is { } whole)
                {
                    // An integer rounds to float once, as the member's values do; through double it could round twice.
                    return Floating(whole >= long.MinValue && whole <= long.MaxValue ? (float)(long)whole : (float)(ulong)whole);
                }

                double? floating = value switch
                {
                    double d => d,
                    float f => f,
                    Half h => (double)h,
                    decimal => null,
                    _ => AsInteger(value) is { } i ? (double)i : null,
                };
                return floating is double x ? Floating(single ? (float)x : x) : null;
            case FilterDomain.Decimal:
                return value switch
                {
                    decimal m => Decimal(m),
                    _ => AsInteger(value) is { } i && i >= (Int128)decimal.MinValue && i <= (Int128)decimal.MaxValue ? Decimal((decimal)i) : null,
                };
            case FilterDomain.Text:
                return value is string s ? String(s) : null;
            default:
                return value is Guid g ? FromGuid(g) : null;
        }
    }

    private static Int128? AsInteger(object value) => value switch
    {
        sbyte v => v,
        byte v => v,
        short v => v,
        ushort v => v,
        int v => v,
        uint v => v,
        long v => v,
        ulong v => v,
        char v => v,
        bool v => v ? 1 : 0,
        Int128 v => v,
        DateTime v => v.Ticks,
        DateTimeOffset v => v.UtcTicks,
        DateOnly v => v.DayNumber,
        TimeOnly v => v.Ticks,
        TimeSpan v => v.Ticks,
        Enum v => v.GetTypeCode() == TypeCode.UInt64 ? Convert.ToUInt64(v, CultureInfo.InvariantCulture) : Convert.ToInt64(v, CultureInfo.InvariantCulture),
        _ => null,
    };
}
