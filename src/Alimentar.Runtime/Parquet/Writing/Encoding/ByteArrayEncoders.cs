using System.Buffers.Binary;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// The two delta encodings of byte arrays, written from a page's values in PLAIN form (4-byte length, bytes):
/// DELTA_LENGTH_BYTE_ARRAY (the lengths delta-packed, then all the bytes) and DELTA_BYTE_ARRAY (per value, the
/// prefix it shares with the one before and the rest), which pays on sorted strings such as paths and URLs.
/// </summary>
internal static class ByteArrayEncoders
{
    public static void DeltaLength(ReadOnlySpan<byte> plain, ByteBuffer output)
    {
        var lengths = new GrowableArray<int>();
        try
        {
            ForEach(plain, value => lengths.Add(value.Length));
            DeltaBinaryPackedEncoder.Encode(lengths.Span, output);
            ForEach(plain, value => output.Write(value));
        }
        finally
        {
            lengths.Dispose();
        }
    }

    public static void Delta(ReadOnlySpan<byte> plain, ByteBuffer output)
    {
        var prefixes = new GrowableArray<int>();
        var suffixes = new ByteBuffer(plain.Length);
        try
        {
            ReadOnlySpan<byte> previous = default;
            int at = 0;
            while (at < plain.Length)
            {
                int length = BinaryPrimitives.ReadInt32LittleEndian(plain[at..]);
                ReadOnlySpan<byte> value = plain.Slice(at + 4, length);
                int shared = value.CommonPrefixLength(previous);
                prefixes.Add(shared);
                suffixes.WriteInt32(length - shared);
                suffixes.Write(value[shared..]);
                previous = value;
                at += 4 + length;
            }

            DeltaBinaryPackedEncoder.Encode(prefixes.Span, output);
            DeltaLength(suffixes.Span, output);
        }
        finally
        {
            prefixes.Dispose();
            suffixes.Dispose();
        }
    }

    private delegate void ValueAction(ReadOnlySpan<byte> value);

    private static void ForEach(ReadOnlySpan<byte> plain, ValueAction action)
    {
        int at = 0;
        while (at < plain.Length)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(plain[at..]);
            action(plain.Slice(at + 4, length));
            at += 4 + length;
        }
    }
}
