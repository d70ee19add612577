namespace Alimentar.ParquetBinding.Reading;

/// <summary>
/// BYTE_STREAM_SPLIT: byte k of every value sits in stream k, each stream as long as the page has values.
/// Decoding gathers each value's bytes back together.
/// </summary>
internal static class ByteStreamSplit
{
    /// <param name="page">The page's values section: <paramref name="width"/> streams of <paramref name="valueCount"/> bytes.</param>
    /// <param name="valueCount">Values in the page.</param>
    /// <param name="width">Bytes per value.</param>
    /// <param name="first">The first value to decode.</param>
    /// <param name="destination">Whole values, <paramref name="width"/> bytes each.</param>
    public static void Decode(ReadOnlySpan<byte> page, int valueCount, int width, int first, Span<byte> destination)
    {
        int count = destination.Length / width;
        for (int stream = 0; stream < width; stream++)
        {
            ReadOnlySpan<byte> source = page.Slice(stream * valueCount + first, count);
            for (int i = 0; i < count; i++)
            {
                destination[i * width + stream] = source[i];
            }
        }
    }
}
