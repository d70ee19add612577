using System.Buffers.Binary;
using System.IO.Hashing;

namespace Alimentar.Testing;

/// <summary>
/// Delta Lake deletion vectors as Spark writes them, built by hand from row positions: Roaring's portable format (an
/// array, a bitset or runs for each 65,536 rows), Delta's bitmap array around it, its file framing, and Z85 text.
/// </summary>
internal static class DeletionVectorBytes
{
    private const string Z85Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    /// <summary>The bitmap array: magic number, bitmap count, then each 32-bit key and its portable bitmap.</summary>
    /// <param name="positions">The deleted rows.</param>
    /// <param name="runs">Every container as runs; otherwise as Roaring's writers choose (an array up to 4,096 values, else a bitset).</param>
    public static byte[] Bitmap(IEnumerable<long> positions, bool runs = false)
    {
        var output = new List<byte>();
        Add(output, 1_681_511_377);
        var bitmaps = positions.Distinct().Order().GroupBy(p => (uint)(p >> 32)).ToList();
        AddLong(output, bitmaps.Count);
        foreach (var bitmap in bitmaps)
        {
            Add(output, (int)bitmap.Key);
            WritePortable(output, [.. bitmap.Select(p => (uint)p)], runs);
        }

        return [.. output];
    }

    /// <summary>A vector file holding <paramref name="bitmaps"/> one after another, and the offset of each.</summary>
    public static (byte[] File, int[] Offsets) File(params byte[][] bitmaps)
    {
        var output = new List<byte> { 1 };
        int[] offsets = new int[bitmaps.Length];
        for (int i = 0; i < bitmaps.Length; i++)
        {
            offsets[i] = output.Count;
            byte[] word = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(word, bitmaps[i].Length);
            output.AddRange(word);
            output.AddRange(bitmaps[i]);
            BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(bitmaps[i]));
            output.AddRange(word);
        }

        return ([.. output], offsets);
    }

    /// <summary>Z85 text of <paramref name="bytes"/>, zero-padded to a multiple of four as Delta pads an inline vector.</summary>
    public static string Z85(ReadOnlySpan<byte> bytes)
    {
        byte[] padded = new byte[(bytes.Length + 3) / 4 * 4];
        bytes.CopyTo(padded);
        var text = new System.Text.StringBuilder();
        for (int at = 0; at < padded.Length; at += 4)
        {
            uint value = BinaryPrimitives.ReadUInt32BigEndian(padded.AsSpan(at));
            char[] group = new char[5];
            for (int i = 4; i >= 0; i--)
            {
                group[i] = Z85Alphabet[(int)(value % 85)];
                value /= 85;
            }

            text.Append(group);
        }

        return text.ToString();
    }

    /// <summary>A vector file's id as the log names it: the UUID's 16 bytes, most significant first, in Z85.</summary>
    public static string FileId(Guid id) => Z85(id.ToByteArray(bigEndian: true));

    private static void WritePortable(List<byte> output, uint[] values, bool runs)
    {
        var containers = values.GroupBy(v => (ushort)(v >> 16)).Select(g => (Key: g.Key, Values: g.Select(v => (ushort)v).ToArray())).ToList();
        if (runs)
        {
            // The cookie with runs carries the container count; a bitset says which containers are runs (all, here).
            Add(output, 12_347 | ((containers.Count - 1) << 16));
            output.AddRange(Enumerable.Repeat((byte)0xFF, (containers.Count + 7) / 8));
        }
        else
        {
            Add(output, 12_346);
            Add(output, containers.Count);
        }

        foreach (var (key, set) in containers)
        {
            AddShort(output, key);
            AddShort(output, (ushort)(set.Length - 1));
        }

        if (!runs || containers.Count >= 4)
        {
            // Offsets for random access; the reader takes the containers in turn, so any values do, but these are true.
            int at = output.Count + (containers.Count * 4);
            foreach (var (_, set) in containers)
            {
                Add(output, at);
                at += runs ? 2 + (RunsOf(set).Count * 4) : set.Length <= 4_096 ? set.Length * 2 : 8_192;
            }
        }

        foreach (var (_, set) in containers)
        {
            if (runs)
            {
                var stretches = RunsOf(set);
                AddShort(output, (ushort)stretches.Count);
                foreach (var (start, length) in stretches)
                {
                    AddShort(output, start);
                    AddShort(output, (ushort)(length - 1));
                }
            }
            else if (set.Length <= 4_096)
            {
                foreach (ushort value in set)
                {
                    AddShort(output, value);
                }
            }
            else
            {
                ulong[] bits = new ulong[1_024];
                foreach (ushort value in set)
                {
                    bits[value >> 6] |= 1UL << (value & 63);
                }

                foreach (ulong word in bits)
                {
                    AddLong(output, (long)word);
                }
            }
        }
    }

    private static List<(ushort Start, int Length)> RunsOf(ushort[] sorted)
    {
        var runs = new List<(ushort, int)>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            runs.Add((sorted[i], j - i + 1));
            i = j + 1;
        }

        return runs;
    }

    private static void Add(List<byte> output, int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        output.AddRange(bytes);
    }

    private static void AddShort(List<byte> output, ushort value)
    {
        output.Add((byte)value);
        output.Add((byte)(value >> 8));
    }

    private static void AddLong(List<byte> output, long value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        output.AddRange(bytes);
    }
}
