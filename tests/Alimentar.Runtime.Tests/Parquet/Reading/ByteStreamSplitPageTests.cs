namespace Alimentar.Runtime.Tests;

/// <summary>
/// BYTE_STREAM_SPLIT pages holding more values than their levels use (Parquet.Net's raw writer writes every value it is
/// given): each stream is the page's length over the value width, as Arrow C++ and DuckDB read it.
/// </summary>
public sealed class ByteStreamSplitPageTests
{
    [Theory]
    [InlineData("DOUBLE", 8)]
    [InlineData("FLOAT", 4)]
    [InlineData("FIXED_LEN_BYTE_ARRAY(3)", 3)]
    public void Streams_longer_than_the_page_s_values_give_the_values_at_their_front(string type, int width)
    {
        const int values = 37;
        const int slots = 50;
        var random = new Random(width);
        byte[] expected = new byte[values * width];
        random.NextBytes(expected);
        byte[] page = new byte[slots * width];
        random.NextBytes(page); // What lies past the values in each stream is not read.
        for (int v = 0; v < values; v++)
        {
            for (int k = 0; k < width; k++)
            {
                page[(k * slots) + v] = expected[(v * width) + k];
            }
        }

        using var reader = type switch
        {
            "DOUBLE" => new PageValueReader(PhysicalType.Double, 0),
            "FLOAT" => new PageValueReader(PhysicalType.Float, 0),
            _ => new PageValueReader(PhysicalType.FixedLenByteArray, width),
        };
        reader.Reset(page, ParquetEncoding.ByteStreamSplit, values, dictionary: null);
        byte[] decoded = new byte[values * width];
        reader.ReadFixed(decoded.AsSpan(0, 5 * width), 5);
        reader.ReadFixed(decoded.AsSpan(5 * width), values - 5);

        Assert.Equal(expected, decoded);
    }

    [Fact]
    public void Fixed_length_byte_arrays_from_longer_streams_convert_value_by_value()
    {
        // The path a FIXED_LEN_BYTE_ARRAY takes into byte[], string or decimal members: one value gathered at a time.
        const int values = 9;
        const int slots = 14;
        const int width = 5;
        byte[][] expected = [.. Enumerable.Range(0, values).Select(v => Enumerable.Range(0, width).Select(k => (byte)((v * 16) + k)).ToArray())];
        byte[] page = new byte[slots * width];
        Array.Fill(page, (byte)0xEE);
        for (int v = 0; v < values; v++)
        {
            for (int k = 0; k < width; k++)
            {
                page[(k * slots) + v] = expected[v][k];
            }
        }

        using var reader = new PageValueReader(PhysicalType.FixedLenByteArray, width);
        reader.Reset(page, ParquetEncoding.ByteStreamSplit, values, dictionary: null);
        var decoded = new byte[]?[values];
        var converter = new BinaryConverter();
        reader.ReadByteArrays(decoded.AsSpan(0, 4), ref converter);
        reader.ReadByteArrays(decoded.AsSpan(4), ref converter);

        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData(8 * 37 - 8, "streams shorter than the values")]
    [InlineData(8 * 40 + 3, "a length that is not a whole number of values")]
    public void A_page_that_cannot_hold_its_values_in_whole_streams_is_invalid(int length, string why)
    {
        using var reader = new PageValueReader(PhysicalType.Double, 0);

        var error = Assert.Throws<InvalidDataException>(() => reader.Reset(new byte[length], ParquetEncoding.ByteStreamSplit, 37, dictionary: null));
        Assert.True(error.Message.Contains("BYTE_STREAM_SPLIT", StringComparison.Ordinal), why);
    }
}
