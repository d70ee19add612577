using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Reading.Encodings;

/// <summary>
/// Decodes DELTA_BINARY_PACKED integers (INT32 and INT64 pages, and the lengths inside the DELTA byte-array
/// encodings), keeping its place between calls. Arithmetic wraps as the format specifies; every header,
/// bit width and block is checked against the bytes left.
/// </summary>
internal sealed class DeltaBinaryPackedDecoder
{
    private const int MaxMiniblocks = 1 << 16;

    private ReadOnlyMemory<byte> _data;
    private int _position;
    private long _valuesLeft;
    private long _last;
    private bool _firstPending;

    private int _miniblocksPerBlock;
    private int _valuesPerMiniblock;
    private byte[] _bitWidths = [];
    private long _minDelta;
    private int _miniblock;
    private int _miniblockStart;
    private int _miniblockUsed;
    private bool _inBlock;
    private readonly long[] _deltas = new long[256];

    /// <summary>The values the stream holds in all, from its header.</summary>
    public long TotalValues { get; private set; }

    /// <summary>Starts decoding a stream that begins at the start of <paramref name="data"/>.</summary>
    public void Reset(ReadOnlyMemory<byte> data)
    {
        _data = data;
        _position = 0;
        ReadOnlySpan<byte> span = data.Span;
        ulong blockSize = ReadVarint(span);
        ulong miniblocks = ReadVarint(span);
        ulong total = ReadVarint(span);
        _last = ReadZigZag(span);
        if (blockSize == 0 || blockSize % 128 != 0 || miniblocks == 0 || miniblocks > MaxMiniblocks || blockSize % miniblocks != 0
            || blockSize / miniblocks % 32 != 0 || total > int.MaxValue)
        {
            throw new InvalidDataException($"a DELTA_BINARY_PACKED header of {blockSize} values per block in {miniblocks} miniblocks, {total} values");
        }

        _miniblocksPerBlock = (int)miniblocks;
        _valuesPerMiniblock = (int)(blockSize / miniblocks);
        if (_bitWidths.Length < _miniblocksPerBlock)
        {
            _bitWidths = new byte[_miniblocksPerBlock];
        }

        TotalValues = (long)total;
        _valuesLeft = (long)total;
        _firstPending = total > 0;
        _inBlock = false;
    }

    /// <summary>The values not yet read.</summary>
    public long ValuesLeft => _valuesLeft;

    /// <summary>Fills <paramref name="destination"/> with the next values.</summary>
    public void Read(Span<long> destination) => Read<long>(destination);

    /// <summary>
    /// Fills <paramref name="destination"/> with the next values of an INT32 stream: adding in 32 bits wraps exactly as
    /// adding in 64 and keeping the low half does, so the values go straight into the column without a wider copy.
    /// </summary>
    public void Read(Span<int> destination) => Read<int>(destination);

    /// <param name="destination">Of <see cref="long"/> or <see cref="int"/>.</param>
    private void Read<T>(Span<T> destination)
    {
        if (destination.Length > _valuesLeft)
        {
            throw new InvalidDataException($"a DELTA_BINARY_PACKED stream holds {_valuesLeft} more values, not the {destination.Length} its page claims");
        }

        ReadOnlySpan<byte> data = _data.Span;
        int i = 0;
        if (_firstPending && destination.Length > 0)
        {
            Store(ref MemoryMarshal.GetReference(destination), i++, _last);
            _firstPending = false;
            _valuesLeft--;
        }

        while (i < destination.Length)
        {
            if (!_inBlock || _miniblockUsed == _valuesPerMiniblock)
            {
                NextMiniblock(data);
            }

            int take = Math.Min(destination.Length - i, _valuesPerMiniblock - _miniblockUsed);
            int width = _bitWidths[_miniblock];
            int miniblockBytes = _valuesPerMiniblock / 8 * width;
            ReadOnlySpan<byte> rest = data[_miniblockStart..];
            _last = Accumulate(rest, Math.Min(miniblockBytes, rest.Length), _miniblockUsed, width, _minDelta, _last, destination.Slice(i, take), _deltas);
            _miniblockUsed += take;
            _valuesLeft -= take;
            i += take;
        }
    }

    /// <summary>
    /// Adds the <paramref name="target"/>.Length deltas packed from value <paramref name="first"/> of a miniblock on to
    /// <paramref name="last"/>, storing each running value, and returns the last. One pass: each delta is taken
    /// from an eight-byte load and added as it is unpacked, never stored on its own. A load may reach past the
    /// miniblock's <paramref name="miniblockBytes"/> into the rest of the page (<paramref name="rest"/>), whose bits
    /// the mask drops; only the page's last few bytes, where eight cannot be loaded, and widths over 56 bits go
    /// through <see cref="BitUnpacker"/> a chunk at a time.
    /// </summary>
    private static long Accumulate<T>(ReadOnlySpan<byte> rest, int miniblockBytes, long first, int width, long minDelta, long last, Span<T> target, long[] scratch)
    {
        if ((first + target.Length) * width > (long)miniblockBytes * 8)
        {
            throw new InvalidDataException($"bit-packed values end after {miniblockBytes} bytes, before the {first + target.Length} values they claim");
        }

        ref T output = ref MemoryMarshal.GetReference(target);
        int k = 0;
        if (width == 0)
        {
            // Every delta is the block's least: sequential ids and evenly spaced timestamps.
            for (; k < target.Length; k++)
            {
                last = unchecked(last + minDelta);
                Store(ref output, k, last);
            }

            return last;
        }

        if (width <= 56)
        {
            ulong mask = (1UL << width) - 1;
            long bit = first * width;
            long lastLoad = ((long)rest.Length - 8) * 8; // the last bit at which eight bytes can still be read
            ref byte bytes = ref MemoryMarshal.GetReference(rest);
            for (; k < target.Length && bit <= lastLoad; k++, bit += width)
            {
                ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, (nint)(bit >> 3)));
                if (!BitConverter.IsLittleEndian)
                {
                    word = BinaryPrimitives.ReverseEndianness(word);
                }

                // The delta and the least are added first, so the running value waits on one addition, not two.
                long step = unchecked((long)((word >> (int)(bit & 7)) & mask) + minDelta);
                last = unchecked(last + step);
                Store(ref output, k, last);
            }
        }

        while (k < target.Length)
        {
            Span<long> deltas = scratch.AsSpan(0, Math.Min(scratch.Length, target.Length - k));
            BitUnpacker.Unpack(rest[..miniblockBytes], first + k, width, deltas);
            foreach (long delta in deltas)
            {
                last = unchecked(last + minDelta + delta);
                Store(ref output, k++, last);
            }
        }

        return last;
    }

    /// <summary>Stores <paramref name="value"/> at <paramref name="index"/>, cut to 32 bits for an INT32 stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T start, int index, long value)
    {
        if (typeof(T) == typeof(long))
        {
            Unsafe.Add(ref Unsafe.As<T, long>(ref start), index) = value;
        }
        else
        {
            Unsafe.Add(ref Unsafe.As<T, int>(ref start), index) = unchecked((int)value);
        }
    }

    /// <summary>Reads every value left and returns the offset just past the stream's last byte.</summary>
    public int ReadToEnd(Span<long> destination)
    {
        Read(destination);
        if (_valuesLeft != 0)
        {
            throw new InvalidOperationException("ReadToEnd needs room for every value left.");
        }

        // The stream ends after the last miniblock that holds values; unused miniblocks are not written.
        if (_inBlock)
        {
            int miniblockBytes = _valuesPerMiniblock / 8 * _bitWidths[_miniblock];
            _position = Math.Max(_position, _miniblockStart + miniblockBytes);
            _position = Math.Min(_position, _data.Length);
        }

        return _position;
    }

    /// <summary>
    /// Walks a freshly reset stream's blocks without unpacking them and returns the offset just past its last
    /// byte, where what follows it starts; the stream must be <see cref="Reset"/> again before reading it.
    /// Costs nothing per value, so a header claiming millions of values costs only the bytes present.
    /// </summary>
    public int SkipToEnd()
    {
        ReadOnlySpan<byte> data = _data.Span;
        long left = _valuesLeft - (_firstPending ? 1 : 0);
        long position = _position;
        while (left > 0)
        {
            _position = (int)position;
            ReadZigZag(data);
            position = _position;
            if (position + _miniblocksPerBlock > data.Length)
            {
                throw new InvalidDataException("a DELTA_BINARY_PACKED block whose bit widths are cut off");
            }

            ReadOnlySpan<byte> widths = data.Slice((int)position, _miniblocksPerBlock);
            position += _miniblocksPerBlock;
            for (int m = 0; m < widths.Length && left > 0; m++)
            {
                if (widths[m] > 64 || position > data.Length)
                {
                    throw new InvalidDataException(widths[m] > 64 ? $"a DELTA_BINARY_PACKED miniblock {widths[m]} bits wide" : "a DELTA_BINARY_PACKED miniblock past the end of its page");
                }

                position += (long)_valuesPerMiniblock / 8 * widths[m];
                left -= _valuesPerMiniblock;
            }
        }

        // The last miniblock may stop short of its full width at the end of the page, as ReadToEnd allows.
        _position = (int)Math.Min(position, data.Length);
        _valuesLeft = 0;
        return _position;
    }

    private void NextMiniblock(ReadOnlySpan<byte> data)
    {
        if (_inBlock)
        {
            _position = _miniblockStart + _valuesPerMiniblock / 8 * _bitWidths[_miniblock];
            _miniblock++;
        }

        if (!_inBlock || _miniblock == _miniblocksPerBlock)
        {
            _minDelta = ReadZigZag(data);
            if (_position + _miniblocksPerBlock > data.Length)
            {
                throw new InvalidDataException("a DELTA_BINARY_PACKED block whose bit widths are cut off");
            }

            data.Slice(_position, _miniblocksPerBlock).CopyTo(_bitWidths);
            _position += _miniblocksPerBlock;
            _miniblock = 0;
            _inBlock = true;
        }

        int width = _bitWidths[_miniblock];
        if (width > 64)
        {
            throw new InvalidDataException($"a DELTA_BINARY_PACKED miniblock {width} bits wide");
        }

        _miniblockStart = _position;
        _miniblockUsed = 0;
        if (_miniblockStart > data.Length)
        {
            throw new InvalidDataException("a DELTA_BINARY_PACKED miniblock past the end of its page");
        }
    }

    private long ReadZigZag(ReadOnlySpan<byte> data)
    {
        ulong raw = ReadVarint(data);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    private ulong ReadVarint(ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= data.Length)
            {
                throw new InvalidDataException("a DELTA_BINARY_PACKED stream that ends inside a header");
            }

            byte b = data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("a DELTA_BINARY_PACKED number longer than ten bytes");
    }
}
