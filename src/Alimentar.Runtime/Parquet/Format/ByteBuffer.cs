using System.Buffers;
using System.Buffers.Binary;

namespace Alimentar.Parquet.Format;

/// <summary>
/// A growable run of bytes on a pooled array: what pages, levels, dictionaries and Thrift structures are encoded
/// into before they go out. <see cref="Dispose"/> returns the array; a buffer is reused by <see cref="Clear"/>.
/// </summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _bytes;
    private bool _disposed;

    /// <param name="capacity">The bytes to rent room for now; 0 rents nothing until the first write.</param>
    public ByteBuffer(int capacity = 256) => _bytes = capacity <= 0 ? [] : ArrayPool<byte>.Shared.Rent(Math.Max(16, capacity));

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _bytes.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Drops what was written after <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    public void WriteByte(byte value)
    {
        if (Length == _bytes.Length)
        {
            Grow(1);
        }

        _bytes[Length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        Length += 4;
    }

    /// <summary>An unsigned LEB128 varint, as Thrift and the RLE hybrid's run headers use.</summary>
    public void WriteVarint(ulong value)
    {
        Span<byte> span = GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        Length += i;
    }

    /// <summary>A signed value as a zigzag varint, as Thrift's integers and delta encodings' headers store it.</summary>
    public void WriteZigZag(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Room for at least <paramref name="size"/> more bytes; pair with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_bytes.Length - Length < size)
        {
            Grow(size);
        }

        return _bytes.AsSpan(Length);
    }

    /// <summary>Room for at least <paramref name="size"/> more bytes, as memory an asynchronous read can fill; pair with <see cref="Advance"/>.</summary>
    public Memory<byte> GetMemory(int size)
    {
        if (_bytes.Length - Length < size)
        {
            Grow(size);
        }

        return _bytes.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Overwrites bytes already written (a length prefix known only later).</summary>
    public Span<byte> Written(int start, int count) => _bytes.AsSpan(start, count);

    /// <summary>Room for at least <paramref name="size"/> more bytes in one array, so that writing them does not grow it step by step.</summary>
    public void EnsureCapacity(int size)
    {
        if (_bytes.Length - Length < size)
        {
            Grow(size);
        }
    }

    /// <summary>
    /// Empties the buffer and returns its array to the pool, leaving it usable: the next write rents one again. For a
    /// buffer used a moment at a time (a page being encoded), so that a writer of a thousand columns does not hold a
    /// page-sized array per column between its pages.
    /// </summary>
    public void Release()
    {
        byte[] bytes = _bytes;
        _bytes = [];
        Length = 0;
        if (bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public void Dispose()
    {
        Release();
        _disposed = true;
    }

    private void Grow(int size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int capacity = (int)Math.Min(Array.MaxLength, Math.Max((long)_bytes.Length * 2, (long)Length + size));
        byte[] grown = ArrayPool<byte>.Shared.Rent(capacity);
        _bytes.AsSpan(0, Length).CopyTo(grown);
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
        }

        _bytes = grown;
    }
}
