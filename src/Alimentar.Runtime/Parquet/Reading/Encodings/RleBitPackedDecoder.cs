using System.Numerics;

namespace Alimentar.Parquet.Reading.Encodings;

/// <summary>
/// Decodes Parquet's RLE/bit-packed hybrid: definition and repetition levels, dictionary indices and v2
/// booleans. It keeps its place between calls, so a page's values can be taken a batch at a time.
/// Every run header is checked against the bytes left: a corrupt stream ends in
/// <see cref="InvalidDataException"/>, never in a read out of bounds or an endless loop.
/// </summary>
internal sealed class RleBitPackedDecoder
{
    private ReadOnlyMemory<byte> _data;
    private int _position;
    private int _bitWidth;
    private int _byteWidth;

    // The run being read: how many of its values are left, and either its repeated value or where its packed values start.
    private long _runLeft;
    private bool _runIsRepeat;
    private ulong _repeatValue;
    private int _packedStart;
    private long _packedNext;

    /// <summary>Starts decoding <paramref name="data"/> at <paramref name="bitWidth"/> bits per value.</summary>
    public void Reset(ReadOnlyMemory<byte> data, int bitWidth)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new InvalidDataException($"a bit width of {bitWidth}");
        }

        _data = data;
        _position = 0;
        _bitWidth = bitWidth;
        _byteWidth = (bitWidth + 7) / 8;
        _runLeft = 0;
    }

    /// <summary>Fills <paramref name="destination"/> with the next values.</summary>
    /// <exception cref="InvalidDataException">The stream ends before the values, or a run is malformed.</exception>
    public void Read<T>(Span<T> destination)
        where T : IBinaryInteger<T>
    {
        ReadOnlySpan<byte> data = _data.Span;
        while (!destination.IsEmpty)
        {
            if (_runLeft == 0)
            {
                NextRun(data);
            }

            int take = (int)Math.Min(_runLeft, destination.Length);
            if (_runIsRepeat)
            {
                destination[..take].Fill(T.CreateTruncating(_repeatValue));
            }
            else
            {
                BitUnpacker.Unpack(data[_packedStart..], _packedNext, _bitWidth, destination[..take]);
                _packedNext += take;
            }

            _runLeft -= take;
            destination = destination[take..];
        }
    }

    /// <summary>Skips <paramref name="count"/> values.</summary>
    public void Skip(long count)
    {
        ReadOnlySpan<byte> data = _data.Span;
        while (count > 0)
        {
            if (_runLeft == 0)
            {
                NextRun(data);
            }

            long take = Math.Min(_runLeft, count);
            if (!_runIsRepeat)
            {
                _packedNext += take;
            }

            _runLeft -= take;
            count -= take;
        }
    }

    private void NextRun(ReadOnlySpan<byte> data)
    {
        ulong header = ReadVarint(data);
        long count = (long)(header >> 1);
        if ((header & 1) == 0)
        {
            if (_position + _byteWidth > data.Length)
            {
                throw new InvalidDataException("an RLE run whose value is cut off");
            }

            ulong value = 0;
            for (int k = 0; k < _byteWidth; k++)
            {
                value |= (ulong)data[_position + k] << (8 * k);
            }

            if (_bitWidth < 32 && value >> _bitWidth != 0)
            {
                throw new InvalidDataException($"an RLE value {value} wider than {_bitWidth} bits");
            }

            _position += _byteWidth;
            _runIsRepeat = true;
            _repeatValue = value;
            _runLeft = count;
            return;
        }

        // An empty run of either kind is tolerated: its header still moves the position, so no loop stalls.
        // A bit-packed run of count groups of eight values; a writer may cut the last run short, so
        // only the values whose bits are all present can be read.
        long available = data.Length - _position;
        long values;
        long bytes;
        if (_bitWidth == 0)
        {
            values = Math.Min(count, int.MaxValue) * 8;
            bytes = 0;
        }
        else if (count > available / _bitWidth)
        {
            values = available * 8 / _bitWidth;
            bytes = available;
            if (values == 0)
            {
                throw new InvalidDataException("a bit-packed run that ends before its first value");
            }
        }
        else
        {
            values = count * 8;
            bytes = count * _bitWidth;
        }

        _runIsRepeat = false;
        _packedStart = _position;
        _packedNext = 0;
        _runLeft = values;
        _position += (int)bytes;
    }

    private ulong ReadVarint(ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= data.Length)
            {
                throw new InvalidDataException($"RLE/bit-packed data ends after {data.Length} bytes, before the values its page claims");
            }

            byte b = data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("an RLE run header longer than ten bytes");
    }
}
