using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Alimentar.Parquet.Reading.Encodings;

/// <summary>
/// Spreads the present values of an OPTIONAL column out to their rows by the definition levels. The levels
/// are compared 16 at a time with one 128-bit vector compare (SSE2 on x64, AdvSimd on Arm, so both take the
/// same tested path): a block with no null copies its values straight through and a block of nulls is
/// cleared, so the usual columns (few nulls, or nulls in runs) take no branch per row; a mixed block places
/// its values by walking the set bits of the compare's mask.
/// </summary>
internal static class LevelScatter
{
    private const int Block = 16;
    private const uint AllPresent = (1u << Block) - 1;

    /// <summary>
    /// Writes <paramref name="destination"/>: row <c>i</c> takes the next of <paramref name="values"/> when
    /// <paramref name="definitions"/>[i] is <paramref name="maxLevel"/>, and null otherwise.
    /// </summary>
    /// <exception cref="InvalidDataException">The levels call for more values than <paramref name="values"/> holds.</exception>
    public static void Spread<T>(ReadOnlySpan<byte> definitions, byte maxLevel, ReadOnlySpan<T> values, Span<T?> destination)
        where T : struct
    {
        if (definitions.Length != destination.Length)
        {
            throw new ArgumentException("one definition level per row is needed", nameof(definitions));
        }

        int next = 0;
        int row = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<byte> present = Vector128.Create(maxLevel);
            ref byte levels = ref MemoryMarshal.GetReference(definitions);
            for (; row + Block <= destination.Length; row += Block)
            {
                uint mask = Vector128.Equals(Vector128.LoadUnsafe(ref levels, (nuint)row), present).ExtractMostSignificantBits();
                int count = BitOperations.PopCount(mask);
                if (count > values.Length - next)
                {
                    throw TooFewValues(values.Length);
                }

                Span<T?> block = destination.Slice(row, Block);
                if (mask == AllPresent)
                {
                    ReadOnlySpan<T> run = values.Slice(next, Block);
                    for (int i = 0; i < Block; i++)
                    {
                        block[i] = run[i];
                    }
                }
                else
                {
                    block.Clear();
                    for (int i = next; mask != 0; mask &= mask - 1, i++)
                    {
                        block[BitOperations.TrailingZeroCount(mask)] = values[i];
                    }
                }

                next += count;
            }
        }

        for (; row < destination.Length; row++)
        {
            if (definitions[row] == maxLevel)
            {
                destination[row] = next < values.Length ? values[next++] : throw TooFewValues(values.Length);
            }
            else
            {
                destination[row] = null;
            }
        }
    }

    private static InvalidDataException TooFewValues(int values) =>
        new($"the definition levels call for more than the {values} values the page holds");
}
