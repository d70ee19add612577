using System.Buffers.Binary;
using System.Numerics;

namespace Alimentar.Storage;

/// <summary>
/// The positions of a file's rows that a Delta Lake deletion vector deletes, kept as the Roaring bitmap stores them
/// (chunks of 65,536 rows, each a sorted array, a bitset or runs), so memory follows the vector's size, not the file's.
/// </summary>
/// <remarks>
/// Read from Delta's portable <c>RoaringBitmapArray</c>: a little-endian magic number (1681511377), the count of 32-bit
/// bitmaps (64 bits), and for each its key (the positions' high 32 bits) followed by a bitmap in Roaring's portable
/// format. Every count, key and length is checked against the bytes there are: the vector comes from the table's files.
/// </remarks>
internal sealed class DeletedRows
{
    /// <summary>Delta's portable serialization; the "native" one (one less) is Spark-internal and not written to tables.</summary>
    public const int PortableMagic = 1_681_511_377;

    private const int NativeMagic = 1_681_511_376;
    private const ushort CookieNoRuns = 12_346;
    private const ushort CookieWithRuns = 12_347;
    private const int MostArrayValues = 4_096;
    private const int BitsetWords = 1_024;

    private readonly Chunk[] _chunks;

    private DeletedRows(Chunk[] chunks, long count)
    {
        _chunks = chunks;
        Count = count;
    }

    /// <summary>How many rows are deleted.</summary>
    public long Count { get; }

    /// <summary>Reads a portable <c>RoaringBitmapArray</c>, magic number first.</summary>
    /// <exception cref="InvalidDataException">The bytes are not one; the message says what is wrong.</exception>
    public static DeletedRows Decode(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        int magic = reader.Int32();
        if (magic != PortableMagic)
        {
            throw new InvalidDataException(magic == NativeMagic
                ? "it is in Spark's native bitmap serialization, which Delta does not write to tables"
                : $"it starts with {magic}, not the magic number of a Roaring bitmap array ({PortableMagic})");
        }

        long bitmaps = reader.Int64();
        if (bitmaps < 0 || bitmaps > reader.Left / 8)
        {
            throw new InvalidDataException($"it claims {bitmaps} bitmaps in {reader.Left} bytes");
        }

        var chunks = new List<Chunk>();
        long count = 0;
        long previousKey = -1;
        for (long bitmap = 0; bitmap < bitmaps; bitmap++)
        {
            uint key = reader.UInt32();
            if (key <= previousKey)
            {
                throw new InvalidDataException($"its bitmap keys are not in ascending order ({key} after {previousKey})");
            }

            if (key > int.MaxValue)
            {
                throw new InvalidDataException($"a bitmap's key {key} places rows beyond the 2^63 a file can hold");
            }

            previousKey = key;
            count += ReadBitmap(ref reader, (long)key << 16, chunks);
        }

        return new DeletedRows([.. chunks], count);
    }

    /// <summary>Sets false the entries of <paramref name="passes"/> whose rows, <paramref name="firstRow"/> onwards, are deleted.</summary>
    public void Clear(long firstRow, Span<bool> passes)
    {
        long end = firstRow + passes.Length;
        for (int at = FirstChunkFrom(firstRow >> 16); at < _chunks.Length && _chunks[at].Key << 16 < end; at++)
        {
            Chunk chunk = _chunks[at];
            long start = chunk.Key << 16;

            // The chunk's positions this batch covers, relative to the chunk.
            int from = (int)Math.Max(0, firstRow - start);
            int to = (int)Math.Min(65_536, end - start);
            int shift = (int)(start - firstRow);
            if (chunk.Values is { } values)
            {
                foreach (ushort value in values)
                {
                    if (value >= from && value < to)
                    {
                        passes[shift + value] = false;
                    }
                }
            }
            else if (chunk.Runs is { } runs)
            {
                for (int run = 0; run < runs.Length; run += 2)
                {
                    int first = Math.Max(from, runs[run]);
                    int last = Math.Min(to - 1, runs[run] + runs[run + 1]);
                    if (first <= last)
                    {
                        passes.Slice(shift + first, last - first + 1).Clear();
                    }
                }
            }
            else
            {
                ulong[] bits = chunk.Bits!;
                for (int word = from >> 6; word <= (to - 1) >> 6; word++)
                {
                    for (ulong set = bits[word]; set != 0; set &= set - 1)
                    {
                        int value = (word << 6) + BitOperations.TrailingZeroCount(set);
                        if (value >= from && value < to)
                        {
                            passes[shift + value] = false;
                        }
                    }
                }
            }
        }
    }

    /// <summary>How many of the <paramref name="count"/> rows from <paramref name="firstRow"/> on are deleted.</summary>
    public long CountIn(long firstRow, long count)
    {
        long end = firstRow + count, deleted = 0;
        for (int at = FirstChunkFrom(firstRow >> 16); at < _chunks.Length && _chunks[at].Key << 16 < end; at++)
        {
            Chunk chunk = _chunks[at];
            long start = chunk.Key << 16;
            int from = (int)Math.Max(0, firstRow - start);
            int to = (int)Math.Min(65_536, end - start);
            if (from == 0 && to == 65_536)
            {
                deleted += chunk.Count;
            }
            else if (chunk.Values is { } values)
            {
                deleted += values.Count(value => value >= from && value < to);
            }
            else if (chunk.Runs is { } runs)
            {
                for (int run = 0; run < runs.Length; run += 2)
                {
                    deleted += Math.Max(0, Math.Min(to - 1, runs[run] + runs[run + 1]) - Math.Max(from, runs[run]) + 1);
                }
            }
            else
            {
                for (int value = from; value < to; value++)
                {
                    deleted += (long)(chunk.Bits![value >> 6] >> (value & 63)) & 1;
                }
            }
        }

        return deleted;
    }

    private int FirstChunkFrom(long key)
    {
        int low = 0, high = _chunks.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_chunks[middle].Key < key)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>One 32-bit bitmap in Roaring's portable format; its containers' keys are prefixed with <paramref name="high"/>.</summary>
    private static long ReadBitmap(ref SpanReader reader, long high, List<Chunk> chunks)
    {
        uint cookie = reader.UInt32();
        int containers;
        ReadOnlySpan<byte> runFlags = [];
        if ((cookie & 0xFFFF) == CookieWithRuns)
        {
            containers = (int)(cookie >> 16) + 1;
            runFlags = reader.Bytes((containers + 7) / 8);
        }
        else if (cookie == CookieNoRuns)
        {
            uint claimed = reader.UInt32();
            if (claimed > 65_536)
            {
                throw new InvalidDataException($"a bitmap claims {claimed} containers, more than 65,536");
            }

            containers = (int)claimed;
        }
        else
        {
            throw new InvalidDataException($"a bitmap starts with {cookie}, not a Roaring cookie");
        }

        ReadOnlySpan<byte> header = reader.Bytes(containers * 4);
        if (cookie == CookieNoRuns || containers >= 4)
        {
            // Offsets of each container, for random access; the containers follow one another, so they are read in turn.
            reader.Bytes(containers * 4);
        }

        long count = 0;
        int previous = -1;
        for (int container = 0; container < containers; container++)
        {
            int key = BinaryPrimitives.ReadUInt16LittleEndian(header[(container * 4)..]);
            int cardinality = BinaryPrimitives.ReadUInt16LittleEndian(header[((container * 4) + 2)..]) + 1;
            if (key <= previous)
            {
                throw new InvalidDataException($"its containers are not in ascending order ({key} after {previous})");
            }

            previous = key;
            bool isRuns = container / 8 < runFlags.Length && (runFlags[container / 8] & (1 << (container % 8))) != 0;
            Chunk chunk = isRuns ? ReadRuns(ref reader, high | (uint)key)
                : cardinality <= MostArrayValues ? ReadArray(ref reader, high | (uint)key, cardinality)
                : new Chunk(high | (uint)key, null, null, reader.Values<ulong>(BitsetWords));
            chunks.Add(chunk);
            count += chunk.Count;
        }

        return count;
    }

    private static Chunk ReadArray(ref SpanReader reader, long key, int cardinality)
    {
        ushort[] values = reader.Values<ushort>(cardinality);
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] <= values[i - 1])
            {
                throw new InvalidDataException($"an array container's values are not in ascending order ({values[i]} after {values[i - 1]})");
            }
        }

        return new Chunk(key, values, null, null);
    }

    private static Chunk ReadRuns(ref SpanReader reader, long key)
    {
        int runs = reader.Values<ushort>(1)[0];
        ushort[] pairs = reader.Values<ushort>(runs * 2);
        int next = 0;
        for (int run = 0; run < pairs.Length; run += 2)
        {
            if (pairs[run] < next || pairs[run] + pairs[run + 1] > ushort.MaxValue)
            {
                throw new InvalidDataException($"a run container's run {pairs[run]}+{pairs[run + 1]} overlaps the one before or passes 65,535");
            }

            next = pairs[run] + pairs[run + 1] + 1;
        }

        return new Chunk(key, null, pairs, null);
    }

    /// <summary>65,536 rows' deletions: the positions (low 16 bits) as sorted values, as (start, length - 1) runs, or as bits.</summary>
    private sealed record Chunk(long Key, ushort[]? Values, ushort[]? Runs, ulong[]? Bits)
    {
        public long Count { get; } = Values?.Length
            ?? Runs?.Chunk(2).Sum(run => run[1] + 1L)
            ?? Bits!.Sum(word => (long)BitOperations.PopCount(word));
    }

    /// <summary>Little-endian reads that fail, naming the shortfall, rather than run past the end.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly int Left => _data.Length - _at;

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count < 0 || count > Left)
            {
                throw new InvalidDataException($"it ends {count - Left} bytes early");
            }

            ReadOnlySpan<byte> bytes = _data.Slice(_at, count);
            _at += count;
            return bytes;
        }

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));

        public TValue[] Values<TValue>(int count)
            where TValue : unmanaged, IBinaryInteger<TValue>
        {
            int size = System.Runtime.CompilerServices.Unsafe.SizeOf<TValue>();
            ReadOnlySpan<byte> bytes = Bytes(count * size);
            TValue[] values = new TValue[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = TValue.ReadLittleEndian(bytes.Slice(i * size, size), isUnsigned: true);
            }

            return values;
        }
    }
}
