using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// BYTE_STREAM_SPLIT: the values' first bytes, then their second bytes, and so on, so a codec sees the slowly
/// varying sign and exponent bytes of floats side by side. Written from the page's PLAIN values of fixed width.
/// </summary>
internal static class ByteStreamSplitEncoder
{
    public static void Encode(ReadOnlySpan<byte> plain, int width, ByteBuffer output)
    {
        int count = plain.Length / width;
        Span<byte> target = output.GetSpan(plain.Length)[..plain.Length];
        for (int i = 0; i < count; i++)
        {
            for (int b = 0; b < width; b++)
            {
                target[(b * count) + i] = plain[(i * width) + b];
            }
        }

        output.Advance(plain.Length);
    }
}
