using System.Buffers.Binary;
using System.IO.Hashing;

namespace Alimentar.Parquet.Format;

/// <summary>
/// A column chunk's split-block Bloom filter (the only kind Parquet defines): answers "certainly absent"
/// or "maybe present" for a value's PLAIN bytes, hashed with XXH64.
/// </summary>
internal sealed class BloomFilter(byte[] bitset)
{
    private static readonly uint[] Salts = [0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU, 0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U];

    /// <summary>The most bytes a filter may claim: larger is corruption (writers cap filters at 128 MiB).</summary>
    private const int MaxBytes = 128 << 20;

    /// <summary>The bitset's bytes.</summary>
    public int Length => bitset.Length;

    /// <summary>
    /// An empty filter sized for <paramref name="distinctValues"/> values at <paramref name="falsePositiveRate"/>:
    /// the split-block formula's bits, rounded up to a power of two bytes (32 bytes to 128 MiB).
    /// </summary>
    public static BloomFilter ForDistinctValues(long distinctValues, double falsePositiveRate) =>
        new(new byte[BytesFor(distinctValues, falsePositiveRate)]);

    /// <summary>The bytes of a filter for <paramref name="distinctValues"/> values at <paramref name="falsePositiveRate"/>.</summary>
    public static int BytesFor(long distinctValues, double falsePositiveRate)
    {
        double bits = -8 * Math.Max(1, distinctValues) / Math.Log(1 - Math.Pow(falsePositiveRate, 1.0 / 8));
        int bytes = 32;
        while (bytes < MaxBytes && bytes * 8.0 < bits)
        {
            bytes *= 2;
        }

        return bytes;
    }

    /// <summary>A value's hash, as the filter takes it: XXH64 of its PLAIN bytes.</summary>
    public static ulong Hash(ReadOnlySpan<byte> plainValue) => XxHash64.HashToUInt64(plainValue);

    /// <summary>Adds a value given its PLAIN bytes.</summary>
    public void Insert(ReadOnlySpan<byte> plainValue) => InsertHash(Hash(plainValue));

    /// <summary>Adds a value given its <see cref="Hash"/>.</summary>
    public void InsertHash(ulong hash)
    {
        Span<byte> words = bitset.AsSpan(BlockOf(hash) * 32, 32);
        uint key = (uint)hash;
        for (int i = 0; i < 8; i++)
        {
            Span<byte> word = words[(i * 4)..];
            BinaryPrimitives.WriteUInt32LittleEndian(word, BinaryPrimitives.ReadUInt32LittleEndian(word) | (1U << (int)((key * Salts[i]) >> 27)));
        }
    }

    /// <summary>Writes the filter's header (split block, XXH64, uncompressed) and its bitset.</summary>
    public void WriteTo(ByteBuffer output)
    {
        var writer = new ThriftCompactWriter(output);
        writer.BeginStructValue();
        writer.I32(1, bitset.Length);
        foreach (short union in (ReadOnlySpan<short>)[2, 3, 4])
        {
            writer.BeginStruct(union);
            writer.EmptyStruct(1);
            writer.EndStruct();
        }

        writer.EndStruct();
        output.Write(bitset);
    }

    public bool MayContain(ReadOnlySpan<byte> plainValue)
    {
        ulong hash = XxHash64.HashToUInt64(plainValue);
        uint key = (uint)hash;
        ReadOnlySpan<byte> words = bitset.AsSpan(BlockOf(hash) * 32, 32);
        for (int i = 0; i < 8; i++)
        {
            uint mask = 1U << (int)((key * Salts[i]) >> 27);
            if ((BinaryPrimitives.ReadUInt32LittleEndian(words[(i * 4)..]) & mask) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private int BlockOf(ulong hash) => (int)(((hash >> 32) * (ulong)(bitset.Length / 32)) >> 32);

    /// <summary>Parses a filter from its header and bitset; null for an algorithm, hash or compression this reader does not know.</summary>
    /// <returns>The filter, and how many bytes it needs when <paramref name="bytes"/> holds only part of it.</returns>
    public static BloomFilterRead Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new ThriftCompactReader(bytes);
        int size = -1;
        bool known = true;
        while (reader.NextField(out short id, out byte type))
        {
            switch (id)
            {
                case 1:
                    size = reader.ReadI32();
                    break;
                case 2 or 3 or 4 when type == ThriftCompactReader.Struct:
                    // Each is a union whose first member is the only one defined: SPLIT_BLOCK, XXHASH, UNCOMPRESSED.
                    int saved = reader.BeginStruct();
                    while (reader.NextField(out short member, out byte memberType))
                    {
                        known &= member == 1;
                        reader.Skip(memberType);
                    }

                    reader.EndStruct(saved);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        if (size <= 0 || size % 32 != 0 || size > MaxBytes)
        {
            throw new InvalidDataException($"its Bloom filter claims {size} bytes");
        }

        int needed = reader.Position + size;
        if (!known)
        {
            return new BloomFilterRead(null, needed);
        }

        return new BloomFilterRead(bytes.Length < needed ? null : new BloomFilter(bytes.Slice(reader.Position, size).ToArray()), needed);
    }
}

/// <summary>A parsed Bloom filter (null when the bytes held only part of it, or its kind is unknown) and the bytes it takes.</summary>
internal sealed record BloomFilterRead(BloomFilter? Filter, int Needed);
