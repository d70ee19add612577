using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Alimentar.ParquetBinding.Reading;

/// <summary>
/// Decodes the values section of one data page, a batch at a time, in whichever encoding the page uses:
/// PLAIN, dictionary indices, RLE booleans, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
/// DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT. Fixed-width values come out as raw little-endian bytes (a
/// boolean as one byte); byte arrays go through a converter. One instance serves every page of a column
/// chunk, so its decoders and scratch buffers are reused.
/// </summary>
internal sealed class PageValueReader : IDisposable
{
    private readonly PhysicalType _type;
    private readonly int _typeLength;
    private readonly int _width;
    private readonly RleBitPackedDecoder _rle = new();
    private readonly DeltaBinaryPackedDecoder _delta = new();

    private ReadOnlyMemory<byte> _data;
    private ParquetEncoding _encoding;
    private int _valueCount;
    private int _next;
    private int _position;
    private ColumnDictionary? _dictionary;

    // Pooled scratch: dictionary indices, delta values, and for the DELTA byte-array encodings the whole page's lengths.
    private int[] _indices = [];
    private long[] _longs = [];
    private int[] _lengths = [];
    private int[] _prefixes = [];
    private byte[] _value = [];
    private int _previousLength;

    public PageValueReader(PhysicalType type, int typeLength)
    {
        _type = type;
        _typeLength = typeLength;
        _width = type.DecodedWidth(typeLength);
    }

    /// <summary>Bytes of scratch this reader holds, for memory accounting.</summary>
    public long ScratchBytes => _indices.Length * 4L + _longs.Length * 8L + _lengths.Length * 4L + _prefixes.Length * 4L + _value.Length;

    /// <summary>Starts decoding a page's values section of <paramref name="valueCount"/> non-null values.</summary>
    public void Reset(ReadOnlyMemory<byte> data, ParquetEncoding encoding, int valueCount, ColumnDictionary? dictionary)
    {
        _data = data;
        _encoding = encoding;
        _valueCount = valueCount;
        _next = 0;
        _position = 0;
        _dictionary = dictionary;
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                if (dictionary is null)
                {
                    throw new InvalidDataException("a dictionary-encoded page with no dictionary page before it");
                }

                if (valueCount > 0)
                {
                    if (data.Length < 1)
                    {
                        throw new InvalidDataException("a dictionary-encoded page with no bit width");
                    }

                    _rle.Reset(data[1..], data.Span[0]);
                }

                break;
            case ParquetEncoding.Rle when _type == PhysicalType.Boolean:
                if (data.Length < 4)
                {
                    throw new InvalidDataException("an RLE boolean page without its length");
                }

                int length = BinaryPrimitives.ReadInt32LittleEndian(data.Span);
                if (length < 0 || length > data.Length - 4)
                {
                    throw new InvalidDataException($"an RLE boolean page claiming {length} bytes with {data.Length - 4} present");
                }

                _rle.Reset(data.Slice(4, length), 1);
                break;
            case ParquetEncoding.DeltaBinaryPacked when _type is PhysicalType.Int32 or PhysicalType.Int64:
                _delta.Reset(data);
                break;
            case ParquetEncoding.DeltaLengthByteArray when _type == PhysicalType.ByteArray:
                _position = ReadLengths(data, 0, ref _lengths, valueCount);
                break;
            case ParquetEncoding.DeltaByteArray when _type is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                int afterPrefixes = ReadLengths(data, 0, ref _prefixes, valueCount);
                _position = ReadLengths(data, afterPrefixes, ref _lengths, valueCount);
                _previousLength = 0;
                break;
            case ParquetEncoding.ByteStreamSplit when _width > 0 && _type != PhysicalType.Boolean && _type != PhysicalType.Int96:
                if ((long)valueCount * _width != data.Length)
                {
                    throw new InvalidDataException($"a BYTE_STREAM_SPLIT page of {data.Length} bytes for {valueCount} values of {_width} bytes");
                }

                break;
            default:
                throw new NotSupportedException($"the {encoding} encoding is not supported for {_type} values");
        }
    }

    /// <summary>Decodes the next <paramref name="count"/> fixed-width values into <paramref name="destination"/> as raw bytes.</summary>
    public void ReadFixed(Span<byte> destination, int count)
    {
        Take(count);
        destination = destination[..(count * _width)];
        switch (_encoding)
        {
            case ParquetEncoding.Plain when _type == PhysicalType.Boolean:
                BitUnpacker.UnpackBits(_data.Span, _next, destination);
                break;
            case ParquetEncoding.Plain:
                int bytes = count * _width;
                if (_position + bytes > _data.Length)
                {
                    throw new InvalidDataException($"a PLAIN page of {_data.Length} bytes ends before its {_valueCount} values");
                }

                _data.Span.Slice(_position, bytes).CopyTo(destination);
                _position += bytes;
                break;
            case ParquetEncoding.Rle:
                _rle.Read(destination);
                if (destination.IndexOfAnyExcept((byte)0, (byte)1) >= 0)
                {
                    throw new InvalidDataException("an RLE boolean that is neither 0 nor 1");
                }

                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                Span<int> indices = Indices(count);
                _rle.Read(indices);
                _dictionary!.Gather(indices, destination);
                break;
            case ParquetEncoding.DeltaBinaryPacked:
                Span<long> values = Longs(count);
                _delta.Read(values);
                if (_type == PhysicalType.Int32)
                {
                    Span<int> ints = MemoryMarshal.Cast<byte, int>(destination);
                    for (int i = 0; i < count; i++)
                    {
                        ints[i] = unchecked((int)values[i]);
                    }
                }
                else
                {
                    MemoryMarshal.AsBytes(values).CopyTo(destination);
                }

                break;
            case ParquetEncoding.ByteStreamSplit:
                ByteStreamSplit.Decode(_data.Span, _valueCount, _width, _next, destination);
                break;
            default:
                throw new NotSupportedException($"the {_encoding} encoding is not supported for {_type} values");
        }

        _next += count;
    }

    /// <summary>Decodes the next <paramref name="destination"/>.Length byte-array values through <paramref name="converter"/>.</summary>
    public void ReadByteArrays<TValue, TConverter>(Span<TValue> destination, ref TConverter converter)
        where TConverter : struct, IByteArrayConverter<TValue>
    {
        int count = destination.Length;
        Take(count);
        ReadOnlySpan<byte> data = _data.Span;
        switch (_encoding)
        {
            case ParquetEncoding.Plain when _type == PhysicalType.ByteArray:
                for (int i = 0; i < count; i++)
                {
                    if (_position + 4 > data.Length)
                    {
                        throw new InvalidDataException($"a PLAIN page of {data.Length} bytes ends before its {_valueCount} values");
                    }

                    int length = BinaryPrimitives.ReadInt32LittleEndian(data[_position..]);
                    if (length < 0 || length > data.Length - _position - 4)
                    {
                        throw new InvalidDataException($"a PLAIN byte array of {length} bytes with {data.Length - _position - 4} left in its page");
                    }

                    destination[i] = converter.Convert(data.Slice(_position + 4, length));
                    _position += 4 + length;
                }

                break;
            case ParquetEncoding.Plain:
                if (_position + (long)count * _typeLength > data.Length)
                {
                    throw new InvalidDataException($"a PLAIN page of {data.Length} bytes ends before its {_valueCount} values");
                }

                for (int i = 0; i < count; i++)
                {
                    destination[i] = converter.Convert(data.Slice(_position, _typeLength));
                    _position += _typeLength;
                }

                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                Span<int> indices = Indices(count);
                _rle.Read(indices);
                ColumnDictionary dictionary = _dictionary!;
                for (int i = 0; i < count; i++)
                {
                    ColumnDictionary.CheckIndex(indices[i], dictionary.Count);
                    destination[i] = converter.FromDictionary(dictionary, indices[i]);
                }

                break;
            case ParquetEncoding.DeltaLengthByteArray:
                for (int i = 0; i < count; i++)
                {
                    int length = _lengths[_next + i];
                    destination[i] = converter.Convert(data.Slice(_position, length));
                    _position += length;
                }

                break;
            case ParquetEncoding.DeltaByteArray:
                for (int i = 0; i < count; i++)
                {
                    int prefix = _prefixes[_next + i];
                    int suffix = _lengths[_next + i];
                    if (prefix > _previousLength)
                    {
                        throw new InvalidDataException($"a DELTA_BYTE_ARRAY prefix of {prefix} bytes after a value of {_previousLength}");
                    }

                    int length = prefix + suffix;
                    if (_type == PhysicalType.FixedLenByteArray && length != _typeLength)
                    {
                        throw new InvalidDataException($"a DELTA_BYTE_ARRAY value of {length} bytes in a FIXED_LEN_BYTE_ARRAY({_typeLength}) column");
                    }

                    if (_value.Length < length)
                    {
                        GrowValue(length);
                    }

                    data.Slice(_position, suffix).CopyTo(_value.AsSpan(prefix));
                    _position += suffix;
                    _previousLength = length;
                    destination[i] = converter.Convert(_value.AsSpan(0, length));
                }

                break;
            case ParquetEncoding.ByteStreamSplit:
                if (_value.Length < _typeLength)
                {
                    GrowValue(_typeLength);
                }

                for (int i = 0; i < count; i++)
                {
                    ByteStreamSplit.Decode(data, _valueCount, _typeLength, _next + i, _value.AsSpan(0, _typeLength));
                    destination[i] = converter.Convert(_value.AsSpan(0, _typeLength));
                }

                break;
            default:
                throw new NotSupportedException($"the {_encoding} encoding is not supported for {_type} values");
        }

        _next += count;
    }

    public void Dispose()
    {
        Return(ref _indices);
        Return(ref _longs);
        Return(ref _lengths);
        Return(ref _prefixes);
        Return(ref _value);
    }

    private void Take(int count)
    {
        if (count > _valueCount - _next)
        {
            throw new InvalidDataException($"its levels call for {_next + count} values where the page holds {_valueCount}");
        }
    }

    /// <summary>Decodes a whole DELTA_BINARY_PACKED run of lengths (every value's, up front) and checks each one.</summary>
    private int ReadLengths(ReadOnlyMemory<byte> data, int start, ref int[] target, int count)
    {
        _delta.Reset(data[start..]);
        if (_delta.TotalValues != count)
        {
            throw new InvalidDataException($"a DELTA byte-array page with {_delta.TotalValues} lengths for {count} values");
        }

        Span<long> lengths = Longs(count);
        int end = start + _delta.ReadToEnd(lengths);
        if (target.Length < count)
        {
            Return(ref target);
            target = ColumnArrays<int>.Pool.Rent(count);
        }

        long total = 0;
        for (int i = 0; i < count; i++)
        {
            long length = lengths[i];
            if (length < 0 || length > data.Length)
            {
                throw new InvalidDataException($"a DELTA byte-array length of {length} in a page of {data.Length} bytes");
            }

            total += length;
            target[i] = (int)length;
        }

        // Suffix and value lengths must fit the bytes after them; prefix lengths are checked as values are rebuilt.
        if (ReferenceEquals(target, _lengths) && total > data.Length - end)
        {
            throw new InvalidDataException($"DELTA byte-array values of {total} bytes with {data.Length - end} left in the page");
        }

        return end;
    }

    private Span<int> Indices(int count)
    {
        if (_indices.Length < count)
        {
            Return(ref _indices);
            _indices = ColumnArrays<int>.Pool.Rent(count);
        }

        return _indices.AsSpan(0, count);
    }

    private Span<long> Longs(int count)
    {
        if (_longs.Length < count)
        {
            Return(ref _longs);
            _longs = ColumnArrays<long>.Pool.Rent(count);
        }

        return _longs.AsSpan(0, count);
    }

    private void GrowValue(int length)
    {
        byte[] grown = ColumnArrays<byte>.Pool.Rent(length);
        _value.AsSpan().CopyTo(grown);
        Return(ref _value);
        _value = grown;
    }

    private static void Return<T>(ref T[] array)
    {
        if (array.Length > 0)
        {
            ColumnArrays<T>.Pool.Return(array);
            array = [];
        }
    }
}
