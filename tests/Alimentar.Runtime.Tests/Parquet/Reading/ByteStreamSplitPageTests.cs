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
