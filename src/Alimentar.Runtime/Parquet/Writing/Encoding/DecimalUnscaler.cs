namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>Turns a <see cref="decimal"/> into the unscaled integer a DECIMAL(precision, scale) column stores.</summary>
internal static class DecimalUnscaler
{
    // 10^0 to 10^28, the powers of ten a decimal holds.
    private static readonly decimal[] Powers = [.. Enumerable.Range(0, 29).Select(n => Enumerable.Repeat(10m, n).Aggregate(1m, (power, ten) => power * ten))];

    /// <summary>The fewest bytes whose two's complement holds every value of <paramref name="precision"/> digits.</summary>
    public static int BytesFor(int precision)
    {
        Int128 largest = Pow10(precision) - 1;
        int bytes = 1;
        while (bytes < 16 && largest >= (Int128.One << ((8 * bytes) - 1)))
        {
            bytes++;
        }

        return bytes;
    }

    /// <summary>
    /// The value times 10^<paramref name="scale"/>, rounded half to even when the value has more fractional digits.
    /// </summary>
    /// <exception cref="OverflowException">The value has more digits before the point than the precision allows.</exception>
    public static Int128 Unscale(decimal value, int precision, int scale)
    {
        if (value.Scale > scale)
        {
            value = decimal.Round(value, scale, MidpointRounding.ToEven);
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        Int128 mantissa = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        int valueScale = (bits[3] >> 16) & 0xFF;
        Int128 limit = Pow10(precision);
        bool fits = mantissa < limit;
        for (int s = valueScale; s < scale && fits; s++)
        {
            // Checked before multiplying: 10^38 times 10 would wrap around Int128.
            fits = mantissa < limit / 10;
            mantissa *= 10;
        }

        if (!fits)
        {
            throw new OverflowException($"{value} has more than the {precision - scale} digits before the point that DECIMAL({precision},{scale}) holds.");
        }

        return bits[3] < 0 ? -mantissa : mantissa;
    }

    /// <summary>
    /// Why <see cref="Unscale"/> would refuse <paramref name="value"/>, or null when it takes it. Nearly every value is
    /// told apart by one comparison: rounding to the scale moves a value by less than one, so one at least one below
    /// 10^(precision − scale) fits.
    /// </summary>
    public static string? Misfit(decimal value, int precision, int scale)
    {
        int integerDigits = precision - scale;
        if (integerDigits > 28 || Math.Abs(value) < Powers[integerDigits] - 1)
        {
            return null;
        }

        try
        {
            Unscale(value, precision, scale);
            return null;
        }
        catch (OverflowException error)
        {
            return error.Message;
        }
    }

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
