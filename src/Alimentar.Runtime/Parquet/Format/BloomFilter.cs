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

    public bool MayContain(ReadOnlySpan<byte> plainValue)
    {
        ulong hash = XxHash64.HashToUInt64(plainValue);
        int blocks = bitset.Length / 32;
        int block = (int)(((hash >> 32) * (ulong)blocks) >> 32);
        uint key = (uint)hash;
        ReadOnlySpan<byte> words = bitset.AsSpan(block * 32, 32);
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
