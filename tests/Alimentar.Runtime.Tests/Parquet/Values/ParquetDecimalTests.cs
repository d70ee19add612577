using System.Numerics;

namespace Alimentar.Runtime.Tests;

/// <summary>DECIMAL values of any width: into <see cref="decimal"/> when they fit, exactly as text always.</summary>
public sealed class ParquetDecimalTests
{
    private static byte[] BigEndian(BigInteger value, int length)
    {
        byte[] bytes = new byte[length];
        byte[] raw = value.ToByteArray(isUnsigned: false, isBigEndian: true);
        bytes.AsSpan(0, length - raw.Length).Fill(value.Sign < 0 ? (byte)0xFF : (byte)0);
        raw.CopyTo(bytes, length - raw.Length);
        return bytes;
    }

    [Fact]
    public void A_DECIMAL_77_38_of_32_bytes_holding_one_half_fits_once_its_trailing_zeros_are_dropped()
    {
        byte[] half = BigEndian(5 * BigInteger.Pow(10, 37), 32);

        Assert.True(ParquetDecimal.TryFromBigEndian(half, 38, out decimal value));
        Assert.Equal(0.5m, value);
        Assert.Equal("0.50000000000000000000000000000000000000", ParquetDecimal.ToText(half, 38));
    }

    [Theory]
    [InlineData("-123456789012345678901234567890123456789012345678901234567890", 20)]
    [InlineData("79228162514264337593543950336", 0)]
    [InlineData("1", 29)]
    public void A_value_with_more_digits_than_decimal_holds_does_not_fit_and_reads_exactly_as_text(string unscaled, int scale)
    {
        BigInteger number = BigInteger.Parse(unscaled, System.Globalization.CultureInfo.InvariantCulture);
        byte[] bytes = BigEndian(number, 32);

        Assert.False(ParquetDecimal.TryFromBigEndian(bytes, scale, out _));
        string text = ParquetDecimal.ToText(bytes, scale);
        Assert.Equal(number, BigInteger.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(scale, text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0);
    }

    [Fact]
    public void Values_within_decimal_keep_their_scale()
    {
        Assert.True(ParquetDecimal.TryFromUnscaled(-12_345, 2, out decimal value));
        Assert.Equal("-123.45", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("-0.05", ParquetDecimal.ToText(BigEndian(-5, 4), 2));
    }
}
