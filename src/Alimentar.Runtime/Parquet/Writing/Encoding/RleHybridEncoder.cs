using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// Parquet's RLE/bit-packed hybrid, for levels and dictionary indexes: a value repeated 8 or more times is one
/// run, anything else goes out in bit-packed groups of 8 (the last group padded with zeros; the page's value count
/// tells a reader where the values end).
/// </summary>
internal static class RleHybridEncoder
{
    private const int ShortestRun = 8;

    /// <summary>The bits the largest of <paramref name="maxValue"/> needs (0 for 0).</summary>
    public static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);

    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        int i = 0;
        while (i < values.Length)
        {
            int run = RunAt(values, i);
            if (run >= ShortestRun)
            {
                WriteRun(values[i], run, bitWidth, output);
                i += run;
                continue;
            }

            // Bit-pack groups of 8 until a long run starts at a group's boundary (or the values end).
            int start = i;
            do
            {
                i = Math.Min(i + ShortestRun, values.Length);
            }
            while (i < values.Length && RunAt(values, i) < ShortestRun);

            WritePacked(values[start..i], bitWidth, output);
        }
    }

    private static int RunAt(ReadOnlySpan<int> values, int start)
    {
        int value = values[start];
        int end = start + 1;
        while (end < values.Length && values[end] == value)
        {
            end++;
        }

        return end - start;
    }

    private static void WriteRun(int value, int count, int bitWidth, ByteBuffer output)
    {
        output.WriteVarint((ulong)count << 1);
        int bytes = (bitWidth + 7) / 8;
        for (int b = 0; b < bytes; b++)
        {
            output.WriteByte((byte)(value >> (8 * b)));
        }
    }

    private static void WritePacked(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        int groups = (values.Length + ShortestRun - 1) / ShortestRun;
        output.WriteVarint(((ulong)groups << 1) | 1);

        // The last group is padded with zeros to a whole group of 8.
        ulong[] padded = System.Buffers.ArrayPool<ulong>.Shared.Rent(groups * ShortestRun);
        try
        {
            Span<ulong> group = padded.AsSpan(0, groups * ShortestRun);
            group.Clear();
            for (int v = 0; v < values.Length; v++)
            {
                group[v] = (uint)values[v];
            }

            BitPacker.Pack(group, bitWidth, output);
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(padded);
        }
    }
}
