using System.Globalization;
using System.Numerics;

namespace Alimentar.Parquet.Values;

/// <summary>
/// DECIMAL values as .NET reads them: an unscaled integer (INT32, INT64, or big-endian two's complement bytes)
/// and the column's scale. <see cref="decimal"/> holds 96 bits at a scale of at most 28; a wider declared type
/// (DECIMAL(77, 38), say) still fits when its trailing zeros are dropped, and only a value that truly does not
/// fit is refused. <see cref="ToText(ReadOnlySpan{byte}, int)"/> gives any value exactly, for string members.
/// </summary>
internal static class ParquetDecimal
{
    private const int MaxScale = 28;
    private static readonly UInt128 MaxMagnitude = (UInt128.One << 96) - 1;

    /// <summary>Ten to the powers a <see cref="double"/> holds exactly, so that dividing by one rounds once.</summary>
    private static ReadOnlySpan<double> ExactPowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryFromUnscaled(Int128 unscaled, int scale, out decimal value)
    {
        bool negative = unscaled < 0;
        UInt128 magnitude = negative ? (UInt128)(-unscaled) : (UInt128)unscaled;
        if (scale is >= 0 and <= MaxScale && magnitude <= MaxMagnitude)
        {
            value = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
            return true;
        }

        return TryFromBig(unscaled, scale, out value);
    }

    public static bool TryFromBigEndian(ReadOnlySpan<byte> bytes, int scale, out decimal value)
    {
        if (bytes.Length <= 16)
        {
            return TryFromUnscaled(ToInt128(bytes), scale, out value);
        }

        return TryFromBig(new BigInteger(bytes, isUnsigned: false, isBigEndian: true), scale, out value);
    }

    /// <summary>
    /// The <see cref="double"/> nearest the unscaled value, divided by ten to the scale: what DuckDB's cast gives, exactly
    /// rounded while the unscaled value has at most 15 digits and the scale is at most 22.
    /// </summary>
    public static double ToDouble(long unscaled, int scale) => Scaled(unscaled, scale);

    /// <inheritdoc cref="ToDouble(long, int)"/>
    public static double ToDouble(Int128 unscaled, int scale) => Scaled((double)unscaled, scale);

    /// <summary>The <see cref="double"/> of a big-endian unscaled value of any width; infinite beyond <see cref="double.MaxValue"/>.</summary>
    public static double ToDouble(ReadOnlySpan<byte> bytes, int scale) => bytes.Length <= 16
        ? ToDouble(ToInt128(bytes), scale)
        : Scaled((double)new BigInteger(bytes, isUnsigned: false, isBigEndian: true), scale);

    private static double Scaled(double unscaled, int scale) => scale switch
    {
        0 => unscaled,
        > 0 and <= 22 => unscaled / ExactPowersOfTen[scale],
        > 0 => unscaled / Math.Pow(10, scale),
        _ => unscaled * Math.Pow(10, -scale),
    };

    /// <summary>The exact decimal text of a big-endian unscaled value: every digit of the scale kept, invariant culture.</summary>
    public static string ToText(ReadOnlySpan<byte> bytes, int scale) =>
        ToText(bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: false, isBigEndian: true), scale);

    public static string ToText(BigInteger unscaled, int scale)
    {
        string digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        string sign = unscaled.Sign < 0 ? "-" : string.Empty;
        if (scale <= 0)
        {
            return sign + digits + new string('0', -scale);
        }

        digits = digits.PadLeft(scale + 1, '0');
        return $"{sign}{digits[..^scale]}.{digits[^scale..]}";
    }

    private static Int128 ToInt128(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return Int128.Zero;
        }

        Int128 value = (sbyte)bytes[0] < 0 ? Int128.NegativeOne : Int128.Zero;
        foreach (byte b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>Drops trailing zeros while the scale or the magnitude is beyond <see cref="decimal"/>; false when a non-zero digit would be lost.</summary>
    private static bool TryFromBig(BigInteger unscaled, int scale, out decimal value)
    {
        value = 0m;
        if (scale < 0)
        {
            return false;
        }

        while (scale > MaxScale || BigInteger.Abs(unscaled) > (BigInteger)MaxMagnitude)
        {
            if (scale == 0)
            {
                return false;
            }

            BigInteger quotient = BigInteger.DivRem(unscaled, 10, out BigInteger remainder);
            if (!remainder.IsZero)
            {
                return false;
            }

            unscaled = quotient;
            scale--;
        }

        return TryFromUnscaled((Int128)unscaled, scale, out value);
    }
}
