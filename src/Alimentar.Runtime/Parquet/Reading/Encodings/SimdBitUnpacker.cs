using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Alimentar.Parquet.Reading.Encodings;

/// <summary>
/// Unpacks bit-packed values of up to 25 bits into 32-bit integers eight at a time with AVX2: dictionary
/// indices, whose widths of 9 to 20 bits the scalar path can only take one load per value. A group of eight
/// values spans <c>bitWidth</c> bytes; the first four come from a 16-byte load at the group's start and the
/// last four from one at its middle byte, a byte shuffle puts each value's four bytes in its lane, and a
/// per-lane shift and a mask finish it. No load reaches past the packed bytes.
/// </summary>
internal static class SimdBitUnpacker
{
    private const int MaxBitWidth = 25;

    private static readonly Vector256<byte>[] Shuffles = new Vector256<byte>[MaxBitWidth + 1];
    private static readonly Vector256<uint>[] Shifts = new Vector256<uint>[MaxBitWidth + 1];

    static SimdBitUnpacker()
    {
        Span<byte> shuffle = stackalloc byte[32];
        Span<uint> shifts = stackalloc uint[8];
        for (int width = 1; width <= MaxBitWidth; width++)
        {
            int middle = SecondHalfOffset(width);
            for (int k = 0; k < 8; k++)
            {
                int bit = k * width;
                int first = (bit >> 3) - (k < 4 ? 0 : middle);
                for (int b = 0; b < 4; b++)
                {
                    shuffle[(k * 4) + b] = (byte)(first + b);
                }

                shifts[k] = (uint)(bit & 7);
            }

            Shuffles[width] = Vector256.Create((ReadOnlySpan<byte>)shuffle);
            Shifts[width] = Vector256.Create((ReadOnlySpan<uint>)shifts);
        }
    }

    /// <summary>Whether this machine and width take the vector path.</summary>
    public static bool Supports(int bitWidth) => Avx2.IsSupported && bitWidth is > 0 and <= MaxBitWidth;

    /// <summary>
    /// Unpacks whole groups of eight values, the first starting at byte <paramref name="groupStart"/> of
    /// <paramref name="packed"/>, into the front of <paramref name="destination"/>; returns how many values it
    /// wrote (a multiple of eight), stopping where fewer than eight are wanted or a load would pass the end.
    /// </summary>
    public static int UnpackGroups(ReadOnlySpan<byte> packed, long groupStart, int bitWidth, Span<int> destination)
    {
        if (!Supports(bitWidth))
        {
            return 0;
        }

        Vector256<byte> shuffle = Shuffles[bitWidth];
        Vector256<uint> shifts = Shifts[bitWidth];
        Vector256<uint> mask = Vector256.Create((1u << bitWidth) - 1);
        int middle = SecondHalfOffset(bitWidth);
        ref byte source = ref MemoryMarshal.GetReference(packed);
        ref int target = ref MemoryMarshal.GetReference(destination);

        // The last group may start no later than where its second 16-byte load still ends inside the bytes.
        long lastStart = (long)packed.Length - 16 - middle;
        int written = 0;
        for (long start = groupStart; written + 8 <= destination.Length && start <= lastStart; start += bitWidth, written += 8)
        {
            Vector128<byte> low = Vector128.LoadUnsafe(ref source, (nuint)start);
            Vector128<byte> high = Vector128.LoadUnsafe(ref source, (nuint)(start + middle));
            Vector256<byte> lanes = Avx2.Shuffle(Avx2.InsertVector128(low.ToVector256Unsafe(), high, 1), shuffle);
            Vector256<uint> values = Avx2.ShiftRightLogicalVariable(lanes.AsUInt32(), shifts) & mask;
            values.AsInt32().StoreUnsafe(ref Unsafe.Add(ref target, written));
        }

        return written;
    }

    /// <summary>The byte the fifth value of a group starts in, where the second load begins.</summary>
    private static int SecondHalfOffset(int bitWidth) => (4 * bitWidth) >> 3;
}
