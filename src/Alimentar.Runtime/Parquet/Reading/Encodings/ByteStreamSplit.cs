using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Alimentar.Parquet.Reading.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT: byte k of every value sits in stream k, each stream a width-th of the page
/// (as long as the page has values, or longer where a writer put more values in the page than its levels use).
/// Decoding gathers each value's bytes back together: sixteen values at a time with SSE2 byte and word
/// interleaves for four- and eight-byte values, one byte at a time otherwise.
/// </summary>
internal static class ByteStreamSplit
{
    /// <param name="page">The page's values section: <paramref name="width"/> streams of <paramref name="streamLength"/> bytes.</param>
    /// <param name="streamLength">Bytes in each stream: the page's length over <paramref name="width"/>.</param>
    /// <param name="width">Bytes per value.</param>
    /// <param name="first">The first value to decode.</param>
    /// <param name="destination">Whole values, <paramref name="width"/> bytes each.</param>
    public static void Decode(ReadOnlySpan<byte> page, int streamLength, int width, int first, Span<byte> destination)
    {
        int count = destination.Length / width;
        int done = 0;
        if (Sse2.IsSupported && width == 4)
        {
            done = DecodeFour(page, streamLength, first, count, destination);
        }
        else if (Sse2.IsSupported && width == 8)
        {
            done = DecodeEight(page, streamLength, first, count, destination);
        }

        for (int stream = 0; stream < width; stream++)
        {
            ReadOnlySpan<byte> source = page.Slice(stream * streamLength + first + done, count - done);
            for (int i = 0; i < source.Length; i++)
            {
                destination[(done + i) * width + stream] = source[i];
            }
        }
    }

    /// <summary>Sixteen four-byte values per step: interleave streams 0/1 and 2/3 bytewise, then the pairs wordwise.</summary>
    private static int DecodeFour(ReadOnlySpan<byte> page, int streamLength, int first, int count, Span<byte> destination)
    {
        int i = 0;
        for (; i + 16 <= count; i += 16)
        {
            Vector128<byte> s0 = Vector128.Create(page.Slice(first + i, 16));
            Vector128<byte> s1 = Vector128.Create(page.Slice(streamLength + first + i, 16));
            Vector128<byte> s2 = Vector128.Create(page.Slice((2 * streamLength) + first + i, 16));
            Vector128<byte> s3 = Vector128.Create(page.Slice((3 * streamLength) + first + i, 16));
            Vector128<ushort> low01 = Sse2.UnpackLow(s0, s1).AsUInt16();
            Vector128<ushort> high01 = Sse2.UnpackHigh(s0, s1).AsUInt16();
            Vector128<ushort> low23 = Sse2.UnpackLow(s2, s3).AsUInt16();
            Vector128<ushort> high23 = Sse2.UnpackHigh(s2, s3).AsUInt16();
            // Stores rather than CopyTo: the ahead-of-time compiler leaves out a method that passes a vector to a call.
            ref byte start = ref MemoryMarshal.GetReference(destination.Slice(i * 4, 64));
            Sse2.UnpackLow(low01, low23).AsByte().StoreUnsafe(ref start);
            Sse2.UnpackHigh(low01, low23).AsByte().StoreUnsafe(ref start, 16);
            Sse2.UnpackLow(high01, high23).AsByte().StoreUnsafe(ref start, 32);
            Sse2.UnpackHigh(high01, high23).AsByte().StoreUnsafe(ref start, 48);
        }

        return i;
    }

    /// <summary>Sixteen eight-byte values per step: three rounds of interleaving, bytes, then words, then double words.</summary>
    private static int DecodeEight(ReadOnlySpan<byte> page, int streamLength, int first, int count, Span<byte> destination)
    {
        Span<Vector128<byte>> streams = stackalloc Vector128<byte>[8];
        int i = 0;
        for (; i + 16 <= count; i += 16)
        {
            for (int k = 0; k < 8; k++)
            {
                streams[k] = Vector128.Create(page.Slice((k * streamLength) + first + i, 16));
            }

            // Bytes of streams k and k+1 side by side, then pairs of pairs, then fours of fours.
            Vector128<ushort> a0 = Sse2.UnpackLow(streams[0], streams[1]).AsUInt16(), a1 = Sse2.UnpackHigh(streams[0], streams[1]).AsUInt16();
            Vector128<ushort> b0 = Sse2.UnpackLow(streams[2], streams[3]).AsUInt16(), b1 = Sse2.UnpackHigh(streams[2], streams[3]).AsUInt16();
            Vector128<ushort> c0 = Sse2.UnpackLow(streams[4], streams[5]).AsUInt16(), c1 = Sse2.UnpackHigh(streams[4], streams[5]).AsUInt16();
            Vector128<ushort> d0 = Sse2.UnpackLow(streams[6], streams[7]).AsUInt16(), d1 = Sse2.UnpackHigh(streams[6], streams[7]).AsUInt16();
            Vector128<uint> ab0 = Sse2.UnpackLow(a0, b0).AsUInt32(), ab1 = Sse2.UnpackHigh(a0, b0).AsUInt32();
            Vector128<uint> ab2 = Sse2.UnpackLow(a1, b1).AsUInt32(), ab3 = Sse2.UnpackHigh(a1, b1).AsUInt32();
            Vector128<uint> cd0 = Sse2.UnpackLow(c0, d0).AsUInt32(), cd1 = Sse2.UnpackHigh(c0, d0).AsUInt32();
            Vector128<uint> cd2 = Sse2.UnpackLow(c1, d1).AsUInt32(), cd3 = Sse2.UnpackHigh(c1, d1).AsUInt32();
            ref byte start = ref MemoryMarshal.GetReference(destination.Slice(i * 8, 128));
            Sse2.UnpackLow(ab0, cd0).AsByte().StoreUnsafe(ref start);
            Sse2.UnpackHigh(ab0, cd0).AsByte().StoreUnsafe(ref start, 16);
            Sse2.UnpackLow(ab1, cd1).AsByte().StoreUnsafe(ref start, 32);
            Sse2.UnpackHigh(ab1, cd1).AsByte().StoreUnsafe(ref start, 48);
            Sse2.UnpackLow(ab2, cd2).AsByte().StoreUnsafe(ref start, 64);
            Sse2.UnpackHigh(ab2, cd2).AsByte().StoreUnsafe(ref start, 80);
            Sse2.UnpackLow(ab3, cd3).AsByte().StoreUnsafe(ref start, 96);
            Sse2.UnpackHigh(ab3, cd3).AsByte().StoreUnsafe(ref start, 112);
        }

        return i;
    }
}
