using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Reading.Encodings;

/// <summary>
/// A column chunk's dictionary page, decoded once: fixed-width values as their raw bytes, byte arrays as
/// offsets into one buffer. Strings are materialised from it lazily and kept from an entry's second use, so the
/// rows that repeat a value share one string and no value is hashed. Buffers are pooled and returned on dispose.
/// </summary>
internal sealed class ColumnDictionary : IDisposable
{
    /// <summary>Marks an entry used once, whose string was not kept; compared by reference, never handed out.</summary>
    private static readonly string UsedOnce = new('\0', 1);

    /// <summary>As <see cref="UsedOnce"/>, for byte arrays.</summary>
    private static readonly byte[] BytesUsedOnce = new byte[1];

    private byte[] _bytes;
    private int[]? _offsets;
    private string?[]? _strings;
    private byte[]?[]? _arrays;

    private ColumnDictionary(int count, int width, byte[] bytes, int[]? offsets)
    {
        Count = count;
        Width = width;
        _bytes = bytes;
        _offsets = offsets;
    }

    public int Count { get; }

    /// <summary>The decoded width of a fixed-width entry; 0 for byte arrays.</summary>
    public int Width { get; }

    /// <summary>The bytes this dictionary holds, for memory accounting.</summary>
    public long SizeInBytes => _bytes.Length + (_offsets?.Length ?? 0) * sizeof(int) + ((_strings?.Length ?? 0) + (_arrays?.Length ?? 0)) * IntPtr.Size;

    /// <summary>Decodes a PLAIN dictionary page of <paramref name="count"/> entries.</summary>
    public static ColumnDictionary Load(ReadOnlySpan<byte> page, int count, PhysicalType type, int typeLength)
    {
        int width = type.DecodedWidth(typeLength);
        if (type == PhysicalType.Boolean)
        {
            throw new InvalidDataException("a dictionary page for a BOOLEAN column");
        }

        if (width > 0)
        {
            long bytes = (long)count * width;
            if (bytes > page.Length)
            {
                throw new InvalidDataException($"a dictionary page of {page.Length} bytes that claims {count} values of {width} bytes");
            }

            byte[] values = ColumnArrays<byte>.Pool.Rent((int)bytes);
            page[..(int)bytes].CopyTo(values);
            return new ColumnDictionary(count, width, values, null);
        }

        // Each BYTE_ARRAY entry takes at least its four-byte length: a larger count cannot be true.
        if (count > page.Length / 4)
        {
            throw new InvalidDataException($"a dictionary page of {page.Length} bytes that claims {count} byte arrays");
        }

        int[] offsets = ColumnArrays<int>.Pool.Rent(count + 1);
        byte[] data = ColumnArrays<byte>.Pool.Rent(Math.Max(0, page.Length - 4 * count));
        int position = 0;
        int written = 0;
        for (int i = 0; i < count; i++)
        {
            int length = ReadLength(page, position);
            position += 4;
            page.Slice(position, length).CopyTo(data.AsSpan(written));
            offsets[i] = written;
            written += length;
            position += length;
        }

        offsets[count] = written;
        return new ColumnDictionary(count, 0, data, offsets);
    }

    /// <summary>The raw bytes of fixed-width entry <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Fixed(int index) => _bytes.AsSpan(index * Width, Width);

    /// <summary>All fixed-width entries as raw bytes, entry after entry.</summary>
    public ReadOnlySpan<byte> FixedValues => _bytes.AsSpan(0, Count * Width);

    /// <summary>The bytes of byte-array entry <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Bytes(int index)
    {
        int[] offsets = _offsets!;
        return _bytes.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);
    }

    /// <summary>The bytes of entry <paramref name="index"/>, fixed-width or not.</summary>
    public ReadOnlySpan<byte> Entry(int index) => Width == 0 ? Bytes(index) : Fixed(index);

    /// <summary>
    /// Entry <paramref name="index"/> as a string. An entry's first use makes a string and only notes the use; its
    /// second keeps the string it makes, which every later use shares.
    /// </summary>
    /// <remarks>
    /// Why not keep every string at once: the cache lives as long as the column chunk, so whatever it holds outlives
    /// its rows and is promoted by each collection that finds it. Arrow C++ (so pyarrow, and most published datasets)
    /// dictionary-encodes a chunk's first megabyte of values before falling back to plain, so a text column's first
    /// few hundred documents came from a dictionary whose entries are each used once: kept, they were copied into
    /// older generations, which then had to be collected too (a text pass in batches of a few documents: 9 gen-1 and
    /// 3 gen-2 collections and 53 ms of pauses, against none and 27 ms unkept). A value that repeats costs one string
    /// more than before.
    /// </remarks>
    public string String(int index, StringPool pool)
    {
        string?[] strings = _strings ??= CreateCache<string>();
        string? kept = strings[index];
        if (kept is not null && !ReferenceEquals(kept, UsedOnce))
        {
            return kept;
        }

        string value = pool.Get(Entry(index));
        strings[index] = kept is null ? UsedOnce : value;
        return value;
    }

    /// <summary>
    /// Entry <paramref name="index"/> as an array that every later use shares, kept from its second use as strings are
    /// (<see cref="String"/>): for values no one may change, such as a variant's metadata, which rows repeat.
    /// </summary>
    public byte[] SharedBytes(int index)
    {
        byte[]?[] arrays = _arrays ??= CreateCache<byte[]>();
        byte[]? kept = arrays[index];
        if (kept is not null && !ReferenceEquals(kept, BytesUsedOnce))
        {
            return kept;
        }

        byte[] value = Entry(index).ToArray();
        arrays[index] = kept is null ? BytesUsedOnce : value;
        return value;
    }

    /// <summary>Gathers the entries <paramref name="indices"/> name into <paramref name="destination"/>, checking each index.</summary>
    public void Gather(ReadOnlySpan<int> indices, Span<byte> destination)
    {
        int count = Count;
        switch (Width)
        {
            case 4:
                Gather(MemoryMarshal.Cast<byte, int>(FixedValues), indices, MemoryMarshal.Cast<byte, int>(destination), count);
                return;
            case 8:
                Gather(MemoryMarshal.Cast<byte, long>(FixedValues), indices, MemoryMarshal.Cast<byte, long>(destination), count);
                return;
            case 16:
                Gather(MemoryMarshal.Cast<byte, SixteenBytes>(FixedValues), indices, MemoryMarshal.Cast<byte, SixteenBytes>(destination), count);
                return;
            default:
                CheckIndices(indices, count);
                for (int i = 0; i < indices.Length; i++)
                {
                    Fixed(indices[i]).CopyTo(destination.Slice(i * Width, Width));
                }

                return;
        }
    }

    public void Dispose()
    {
        if (_bytes.Length > 0)
        {
            ColumnArrays<byte>.Pool.Return(_bytes);
            _bytes = [];
        }

        if (_offsets is not null)
        {
            ColumnArrays<int>.Pool.Return(_offsets);
            _offsets = null;
        }

        if (_strings is not null)
        {
            ColumnArrays<string?>.Pool.Return(_strings, clearArray: true);
            _strings = null;
        }

        if (_arrays is not null)
        {
            ColumnArrays<byte[]?>.Pool.Return(_arrays, clearArray: true);
            _arrays = null;
        }
    }

    /// <summary>
    /// Refuses a page whose indices point past a dictionary of <paramref name="count"/> entries. One vectorised scan
    /// of the batch's indices: checked one by one, in a call the JIT would not inline for its throw, the check took
    /// a sixth of the time of decoding a dictionary-encoded file.
    /// </summary>
    public static void CheckIndices(ReadOnlySpan<int> indices, int count)
    {
        // An empty dictionary has no range to search within: any index at all is outside it.
        int outside = count > 0 ? indices.IndexOfAnyExceptInRange(0, count - 1) : indices.IsEmpty ? -1 : 0;
        if (outside >= 0)
        {
            ThrowOutside(indices[outside], count);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowOutside(int index, int count) =>
        throw new InvalidDataException($"a dictionary index {index} in a dictionary of {count} values");

    private static void Gather<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> indices, Span<T> destination, int count)
    {
        CheckIndices(indices, count);
        for (int i = 0; i < indices.Length; i++)
        {
            destination[i] = values[indices[i]];
        }
    }

    /// <summary>A sixteen-byte entry (a UUID) moved as one value rather than byte by byte.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private readonly struct SixteenBytes;

    /// <summary>A cache of one empty slot per entry, for strings or shared arrays kept from their second use.</summary>
    private T?[] CreateCache<T>()
        where T : class
    {
        T?[] cache = ColumnArrays<T?>.Pool.Rent(Count);
        Array.Clear(cache);
        return cache;
    }

    private static int ReadLength(ReadOnlySpan<byte> page, int position)
    {
        if (position + 4 > page.Length)
        {
            throw new InvalidDataException("a PLAIN byte array whose length is cut off");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(page[position..]);
        if (length < 0 || length > page.Length - position - 4)
        {
            throw new InvalidDataException($"a PLAIN byte array of {length} bytes with {page.Length - position - 4} left in its page");
        }

        return length;
    }
}
