using System.Buffers.Binary;
using System.Numerics;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Decodes a data page's repetition or definition levels into a byte per slot: RLE/bit-packed (with a length
/// prefix in v1 pages, without one in v2), or the deprecated BIT_PACKED; every level is checked against the
/// column's maximum, so later code may index by level without a bounds check.
/// </summary>
internal sealed class LevelDecoder
{
    private readonly RleBitPackedDecoder _rle = new();

    /// <summary>Decodes a v1 page's levels (RLE with a length prefix, or the old BIT_PACKED); returns the bytes they took.</summary>
    public int DecodeV1(ReadOnlyMemory<byte> page, ParquetEncoding encoding, int maxLevel, int slots, ref byte[] target)
    {
        int bitWidth = 32 - BitOperations.LeadingZeroCount((uint)maxLevel);
        if (encoding == ParquetEncoding.BitPacked)
        {
            // Deprecated, and packed most significant bit first.
            long bytes = ((long)slots * bitWidth + 7) / 8;
            if (bytes > page.Length)
            {
                throw new InvalidDataException($"BIT_PACKED levels of {bytes} bytes in a page of {page.Length}");
            }

            Rent(ref target, slots);
            UnpackMostSignificantFirst(page.Span[..(int)bytes], bitWidth, target.AsSpan(0, slots));
            CheckLevels(target.AsSpan(0, slots), maxLevel);
            return (int)bytes;
        }

        if (encoding != ParquetEncoding.Rle)
        {
            throw new NotSupportedException($"levels in the {encoding} encoding are not supported");
        }

        if (page.Length < 4)
        {
            throw new InvalidDataException("RLE levels without their length");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(page.Span);
        if (length < 0 || length > page.Length - 4)
        {
            throw new InvalidDataException($"RLE levels of {length} bytes in a page of {page.Length}");
        }

        Decode(page.Slice(4, length), maxLevel, slots, ref target);
        return 4 + length;
    }

    public void Decode(ReadOnlyMemory<byte> encoded, int maxLevel, int slots, ref byte[] target)
    {
        Rent(ref target, slots);
        _rle.Reset(encoded, 32 - BitOperations.LeadingZeroCount((uint)maxLevel));
        _rle.Read(target.AsSpan(0, slots));
        CheckLevels(target.AsSpan(0, slots), maxLevel);
    }

    private static void CheckLevels(ReadOnlySpan<byte> levels, int maxLevel)
    {
        int bad = levels.IndexOfAnyExceptInRange((byte)0, (byte)maxLevel);
        if (bad >= 0)
        {
            throw new InvalidDataException($"a level of {levels[bad]} where the column's maximum is {maxLevel}");
        }
    }

    private static void UnpackMostSignificantFirst(ReadOnlySpan<byte> packed, int bitWidth, Span<byte> destination)
    {
        long bit = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            int value = 0;
            for (int k = 0; k < bitWidth; k++, bit++)
            {
                value = (value << 1) | ((packed[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }

            destination[i] = (byte)value;
        }
    }

    private static void Rent(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            if (buffer.Length > 0)
            {
                ColumnArrays<byte>.Pool.Return(buffer);
            }

            buffer = ColumnArrays<byte>.Pool.Rent(length);
        }
    }
}
