using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Reading.Encodings;

/// <summary>
/// Reads values packed least-significant bit first at a fixed bit width (up to 64), as Parquet's
/// bit-packed runs and boolean pages store them. The common widths of levels and dictionary indices
/// (up to 8 bits) take an eight-values-per-load path, 32-bit indices of up to 25 bits an AVX2 path
/// (<see cref="SimdBitUnpacker"/>), one-bit levels a lookup table; every read is bounds checked.
/// </summary>
internal static class BitUnpacker
{
    /// <summary>Unpacks <paramref name="destination"/>.Length values (up to 64 bits wide) starting at value <paramref name="firstValue"/> of <paramref name="packed"/>.</summary>
    /// <exception cref="InvalidDataException">The packed bytes end before the last value.</exception>
    public static void Unpack<T>(ReadOnlySpan<byte> packed, long firstValue, int bitWidth, Span<T> destination)
        where T : IBinaryInteger<T>
    {
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }

        long lastBit = (firstValue + destination.Length) * bitWidth;
        if (lastBit > (long)packed.Length * 8)
        {
            throw new InvalidDataException($"bit-packed values end after {packed.Length} bytes, before the {firstValue + destination.Length} values they claim");
        }

        if (bitWidth == 1 && typeof(T) == typeof(byte))
        {
            // Levels of an OPTIONAL column: a table spreads each byte's eight bits over eight bytes.
            UnpackBits(packed, firstValue, MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)), destination.Length));
            return;
        }

        ulong mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        int i = 0;
        if (typeof(T) == typeof(int) && SimdBitUnpacker.Supports(bitWidth))
        {
            // Dictionary indices: whole groups of eight go through AVX2; the values before the first group one at a time.
            for (; i < destination.Length && ((firstValue + i) & 7) != 0; i++)
            {
                destination[i] = T.CreateTruncating(ReadTail(packed, (firstValue + i) * bitWidth) & mask);
            }

            Span<T> rest = destination[i..];
            i += SimdBitUnpacker.UnpackGroups(packed, (firstValue + i) / 8 * bitWidth, bitWidth, MemoryMarshal.CreateSpan(ref Unsafe.As<T, int>(ref MemoryMarshal.GetReference(rest)), rest.Length));
        }
        else if (bitWidth <= 8)
        {
            // A group of eight values starts on a byte boundary and spans bitWidth bytes, so one eight-byte
            // load serves all eight; the values before the first whole group go one at a time.
            for (; i < destination.Length && ((firstValue + i) & 7) != 0; i++)
            {
                destination[i] = T.CreateTruncating(ReadTail(packed, (firstValue + i) * bitWidth) & mask);
            }

            for (; i + 8 <= destination.Length; i += 8)
            {
                long start = (firstValue + i) / 8 * bitWidth;
                if (start + 8 > packed.Length)
                {
                    break;
                }

                ulong word = BinaryPrimitives.ReadUInt64LittleEndian(packed[(int)start..]);
                Span<T> group = destination.Slice(i, 8);
                group[0] = T.CreateTruncating(word & mask);
                group[1] = T.CreateTruncating((word >> bitWidth) & mask);
                group[2] = T.CreateTruncating((word >> (2 * bitWidth)) & mask);
                group[3] = T.CreateTruncating((word >> (3 * bitWidth)) & mask);
                group[4] = T.CreateTruncating((word >> (4 * bitWidth)) & mask);
                group[5] = T.CreateTruncating((word >> (5 * bitWidth)) & mask);
                group[6] = T.CreateTruncating((word >> (6 * bitWidth)) & mask);
                group[7] = T.CreateTruncating((word >> (7 * bitWidth)) & mask);
            }
        }

        long bit = (firstValue + i) * bitWidth;

        // Wherever eight bytes can be read at once, one load serves each value.
        long fastEnd = ((long)packed.Length - 8) * 8;
        for (; i < destination.Length && bit <= fastEnd && bitWidth <= 56; i++, bit += bitWidth)
        {
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(packed[(int)(bit >> 3)..]);
            destination[i] = T.CreateTruncating((word >> (int)(bit & 7)) & mask);
        }

        for (; i < destination.Length; i++, bit += bitWidth)
        {
            destination[i] = T.CreateTruncating(ReadTail(packed, bit) & mask);
        }
    }

    /// <summary>Unpacks single bits (PLAIN booleans) into bytes of 0 or 1.</summary>
    public static void UnpackBits(ReadOnlySpan<byte> packed, long firstValue, Span<byte> destination)
    {
        if (firstValue + destination.Length > (long)packed.Length * 8)
        {
            throw new InvalidDataException($"a boolean page ends after {packed.Length} bytes, before the {firstValue + destination.Length} values it claims");
        }

        long bit = firstValue;
        int i = 0;
        for (; i < destination.Length && (bit & 7) != 0; i++, bit++)
        {
            destination[i] = (byte)((packed[(int)(bit >> 3)] >> (int)(bit & 7)) & 1);
        }

        for (; i + 8 <= destination.Length; i += 8, bit += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], SpreadBits[packed[(int)(bit >> 3)]]);
        }

        for (; i < destination.Length; i++, bit++)
        {
            destination[i] = (byte)((packed[(int)(bit >> 3)] >> (int)(bit & 7)) & 1);
        }
    }

    /// <summary>For each byte value, its eight bits spread over eight bytes (bit k into byte k).</summary>
    private static readonly ulong[] SpreadBits = CreateSpreadBits();

    private static ulong[] CreateSpreadBits()
    {
        var table = new ulong[256];
        for (int b = 0; b < 256; b++)
        {
            for (int k = 0; k < 8; k++)
            {
                table[b] |= (ulong)((b >> k) & 1) << (k * 8);
            }
        }

        return table;
    }

    private static ulong ReadTail(ReadOnlySpan<byte> packed, long bit)
    {
        int start = (int)(bit >> 3);
        ulong word = 0;
        for (int k = 0; k < 8 && start + k < packed.Length; k++)
        {
            word |= (ulong)packed[start + k] << (k * 8);
        }

        int shift = (int)(bit & 7);
        ulong value = word >> shift;

        // A value wider than 56 bits can straddle a ninth byte.
        if (shift != 0 && start + 8 < packed.Length)
        {
            value |= (ulong)packed[start + 8] << (64 - shift);
        }

        return value;
    }
}
