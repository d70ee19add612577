using System.Globalization;
using System.Numerics;
using System.Text;
using Alimentar.Variants;

namespace Alimentar.Abstractions.Tests;

public sealed class VariantJsonTests
{
    [Theory]
    [InlineData("0", 0, 1, "0")]
    [InlineData("150", 2, 5, "1.50")]
    [InlineData("-150", 2, 5, "-1.50")]
    [InlineData("5", 3, 5, "0.005")]
    [InlineData("-5", 3, 5, "-0.005")]
    [InlineData("0", 4, 5, "0.0000")]
    [InlineData("2147483647", 0, 9, "2147483647")]
    [InlineData("-2147483648", 9, 9, "-2.147483648")]
    [InlineData("123456789012345678", 18, 18, "0.123456789012345678")]
    [InlineData("-9223372036854775808", 10, 18, "-922337203.6854775808")]
    [InlineData("99999999999999999999999999999999999999", 38, 38, "0.99999999999999999999999999999999999999")]
    [InlineData("-170141183460469231731687303715884105728", 38, 38, "-1.70141183460469231731687303715884105728")]
    [InlineData("1", 38, 38, "0.00000000000000000000000000000000000001")]
    public void A_decimal_keeps_its_digits_and_scale_as_text_and_as_JSON(string unscaled, int scale, int precision, string expected)
    {
        var writer = new VariantWriter();
        writer.Decimal(BigInteger.Parse(unscaled, CultureInfo.InvariantCulture), scale, precision);
        var value = new VariantValue(writer.Written);

        Span<byte> text = stackalloc byte[VariantJson.MostDecimalBytes];
        Assert.Equal(expected, Encoding.UTF8.GetString(text[..VariantJson.DecimalUtf8(value, text)]));
        Assert.Equal(expected, VariantJson.DecimalText(value));
    }

    [Fact]
    public void A_decimal_is_written_as_JSON_without_a_string()
    {
        // Its text was built from a BigInteger's digits, padded, cut and joined: four strings a value.
        var variant = new VariantWriter();
        variant.Decimal(-123456789, 4, 9);
        var value = new VariantValue(variant.Written);
        var output = new System.Buffers.ArrayBufferWriter<byte>(256);
        using var json = new System.Text.Json.Utf8JsonWriter(output);
        VariantJson.Write(json, value, default);
        json.Flush();
        output.ResetWrittenCount();
        json.Reset(output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            json.Reset(output);
            output.ResetWrittenCount();
            VariantJson.Write(json, value, default);
            json.Flush();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("-12345.6789", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void A_damaged_decimal_s_scale_past_the_format_s_38_is_still_written_as_its_digits_say()
    {
        // The format's scale stops at 38, but a byte holds up to 255: a damaged value is read whole, as before.
        byte[] encoded = [VariantFormat.PrimitiveHeader(VariantFormat.Decimal16Type), 255, .. new byte[16]];
        encoded[2] = 7;
        var value = new VariantValue(encoded);

        string text = VariantJson.DecimalText(value);

        Assert.Equal("0." + new string('0', 254) + "7", text);
    }
}
