using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Decodes the values section of one data page, a batch at a time, in whichever encoding the page uses
/// (the encodings with state of their own live under <c>Encodings/</c>):
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

    // The DELTA decoders hold scratch of their own: made for the first page that needs one, since one
    // reader serves every column chunk and most chunks never meet a DELTA page.
    private DeltaBinaryPackedDecoder? _delta;
    private DeltaByteArrayDecoder? _deltaBytes;

    private ReadOnlyMemory<byte> _data;
    private ParquetEncoding _encoding;
    private int _valueCount;
    private int _next;
    private int _position;
    private int _streamLength;
    private ColumnDictionary? _dictionary;

    // Pooled scratch: dictionary indices, delta values, and one value for BYTE_STREAM_SPLIT byte arrays.
    private int[] _indices = [];
    private long[] _longs = [];
    private byte[] _value = [];

    public PageValueReader(PhysicalType type, int typeLength)
    {
        _type = type;
        _typeLength = typeLength;
        _width = type.DecodedWidth(typeLength);
    }

    /// <summary>Bytes of scratch this reader holds, for memory accounting.</summary>
    public long ScratchBytes => _indices.Length * 4L + _longs.Length * 8L + _value.Length + (_deltaBytes?.SizeInBytes ?? 0);

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
                // A page of nulls only needs no dictionary: some writers mark it dictionary-encoded in a chunk that has none.
                if (dictionary is null && valueCount > 0)
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
                (_delta ??= new()).Reset(data);
                break;
            case ParquetEncoding.DeltaLengthByteArray when _type == PhysicalType.ByteArray:
                (_deltaBytes ??= new()).Reset(data, valueCount, prefixed: false, fixedLength: 0);
                break;
            case ParquetEncoding.DeltaByteArray when _type is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                (_deltaBytes ??= new()).Reset(data, valueCount, prefixed: true, fixedLength: _type == PhysicalType.FixedLenByteArray ? _typeLength : 0);
                break;
            case ParquetEncoding.ByteStreamSplit when _width > 0 && _type != PhysicalType.Boolean && _type != PhysicalType.Int96:
                // Each byte's stream is the page's length over the width, as Arrow C++ and DuckDB read it: a page may
                // hold more values than its levels use (Parquet.Net's raw writer writes every value it is given).
                _streamLength = data.Length / _width;
                if (data.Length % _width != 0 || _streamLength < valueCount)
                {
                    throw new InvalidDataException($"a BYTE_STREAM_SPLIT page of {data.Length} bytes for {valueCount} values of {_width} bytes");
                }

                break;
            default:
                throw new NotSupportedException($"the {encoding.Name()} encoding is not supported for {_type.Name()} values{Why(encoding)}");
        }
    }

    /// <summary>
    /// Whether this page's values can be decoded as raw bytes by <see cref="ReadFixed"/>: values of a fixed width in
    /// an encoding that stores them whole (PLAIN, dictionary, BYTE_STREAM_SPLIT), as opposed to one that rebuilds
    /// each from its neighbours (DELTA_BYTE_ARRAY on FIXED_LEN_BYTE_ARRAY).
    /// </summary>
    public bool DecodesFixedWidth =>
        _width > 0 && _encoding is ParquetEncoding.Plain or ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary or ParquetEncoding.ByteStreamSplit;

    /// <summary>Whether this page is DELTA_BINARY_PACKED, whose values are sums of wrapping differences.</summary>
    public bool IsDeltaPacked => _encoding == ParquetEncoding.DeltaBinaryPacked;

    /// <summary>Decodes the next <paramref name="count"/> fixed-width values into <paramref name="destination"/> as raw bytes.</summary>
    public void ReadFixed(Span<byte> destination, int count)
    {
        Take(count);
        if (count == 0)
        {
            return; // A page of nulls may name an encoding it has nothing for (a dictionary that is not there).
        }

        destination = destination[..(count * _width)];
        switch (_encoding)
        {
            case ParquetEncoding.Plain when _type == PhysicalType.Boolean:
                BitUnpacker.UnpackBits(_data.Span, _next, destination);
                break;
            case ParquetEncoding.Plain:
                PlainBytes(count).CopyTo(destination);
                break;
            case ParquetEncoding.Rle:
                _rle.Read(destination);
                if (destination.IndexOfAnyExcept((byte)0, (byte)1) >= 0)
                {
                    throw new InvalidDataException("an RLE boolean that is neither 0 nor 1");
                }

                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                _dictionary!.Gather(ReadIndices(count), destination);
                break;
            case ParquetEncoding.DeltaBinaryPacked when _type == PhysicalType.Int32:
                _delta!.Read(MemoryMarshal.Cast<byte, int>(destination));
                break;
            case ParquetEncoding.DeltaBinaryPacked:
                _delta!.Read(MemoryMarshal.Cast<byte, long>(destination));
                break;
            case ParquetEncoding.ByteStreamSplit:
                ByteStreamSplit.Decode(_data.Span, _streamLength, _width, _next, destination);
                break;
            default:
                throw new NotSupportedException($"the {_encoding.Name()} encoding is not supported for {_type.Name()} values");
        }

        _next += count;
    }

    /// <summary>Why a writer's choice is refused, where the format says so: some writers (parquetjs) RLE-encode integers.</summary>
    private static string Why(ParquetEncoding encoding) =>
        encoding == ParquetEncoding.Rle ? " (the format defines RLE for BOOLEAN values and for levels only)" : string.Empty;

    /// <summary>
    /// The next <paramref name="count"/> values of a PLAIN page of fixed-width numbers as the page holds them, for a
    /// caller that only needs to read them (spreading them among nulls, converting them): no copy into a buffer
    /// first. False, and nothing taken, for any other encoding, or a <typeparamref name="T"/> whose width is not the
    /// column's, where <see cref="ReadFixed"/> decodes.
    /// </summary>
    public bool TryTakePlain<T>(int count, out ReadOnlySpan<T> values)
        where T : struct
    {
        if (_encoding != ParquetEncoding.Plain || _type is not (PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double)
            || Unsafe.SizeOf<T>() != _width)
        {
            values = default;
            return false;
        }

        Take(count);
        values = MemoryMarshal.Cast<byte, T>(PlainBytes(count));
        _next += count;
        return true;
    }

    /// <summary>
    /// The next <paramref name="count"/> values of a dictionary-encoded page as their indices, each checked against the
    /// dictionary, for a caller that puts each value in its row itself (spreading them among nulls as it resolves them);
    /// false, and nothing taken, for any other encoding.
    /// </summary>
    public bool TryTakeDictionaryIndices(int count, out ReadOnlySpan<int> indices, [NotNullWhen(true)] out ColumnDictionary? dictionary)
    {
        if (_encoding is not (ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary) || count == 0)
        {
            indices = default;
            dictionary = null;
            return false;
        }

        Take(count);
        indices = ReadDictionaryIndices(count, out dictionary);
        _next += count;
        return true;
    }

    /// <summary>The next <paramref name="count"/> fixed-width values' bytes on a PLAIN page, checked against the page's end.</summary>
    private ReadOnlySpan<byte> PlainBytes(int count)
    {
        long bytes = (long)count * _width;
        if (_position + bytes > _data.Length)
        {
            throw new InvalidDataException($"a PLAIN page of {_data.Length} bytes ends before its {_valueCount} values");
        }

        ReadOnlySpan<byte> values = _data.Span.Slice(_position, (int)bytes);
        _position += (int)bytes;
        return values;
    }

    /// <summary>
    /// Passes over the next <paramref name="count"/> values: fixed-width and split values by position, dictionary
    /// indices and RLE booleans by run, byte arrays by their lengths (no value is built); only DELTA integers,
    /// whose every value depends on the one before, are unpacked into scratch on the way.
    /// </summary>
    public void Skip(int count)
    {
        if (_type is PhysicalType.ByteArray || (_type is PhysicalType.FixedLenByteArray && _encoding is ParquetEncoding.DeltaByteArray))
        {
            Span<byte> sink = stackalloc byte[256];
            var ignore = new IgnoringConverter();
            for (int left = count; left > 0; left -= sink.Length)
            {
                ReadByteArrays(sink[..Math.Min(left, sink.Length)], ref ignore);
            }

            return;
        }

        Take(count);
        if (count == 0)
        {
            return;
        }

        switch (_encoding)
        {
            case ParquetEncoding.Plain when _type == PhysicalType.Boolean:
            case ParquetEncoding.ByteStreamSplit:
                break; // Both address values by index.
            case ParquetEncoding.Plain:
                PlainBytes(count);
                break;
            case ParquetEncoding.Rle or ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                _rle.Skip(count);
                break;
            case ParquetEncoding.DeltaBinaryPacked:
                for (int left = count; left > 0; left -= 4_096)
                {
                    _delta!.Read(Longs(Math.Min(left, 4_096)));
                }

                break;
            default:
                throw new NotSupportedException($"the {_encoding.Name()} encoding is not supported for {_type.Name()} values");
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
                // Fixed-width values: FIXED_LEN_BYTE_ARRAY's declared length, or INT96's twelve bytes.
                if (_position + (long)count * _width > data.Length)
                {
                    throw new InvalidDataException($"a PLAIN page of {data.Length} bytes ends before its {_valueCount} values");
                }

                for (int i = 0; i < count; i++)
                {
                    destination[i] = converter.Convert(data.Slice(_position, _width));
                    _position += _width;
                }

                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                ReadOnlySpan<int> indices = ReadDictionaryIndices(count, out ColumnDictionary dictionary);
                for (int i = 0; i < count; i++)
                {
                    destination[i] = converter.FromDictionary(dictionary, indices[i]);
                }

                break;
            case ParquetEncoding.DeltaLengthByteArray or ParquetEncoding.DeltaByteArray:
                _deltaBytes!.Read(data, destination, ref converter);
                break;
            case ParquetEncoding.ByteStreamSplit:
                if (_value.Length < _typeLength)
                {
                    Return(ref _value);
                    _value = ColumnArrays<byte>.Pool.Rent(_typeLength);
                }

                for (int i = 0; i < count; i++)
                {
                    ByteStreamSplit.Decode(data, _streamLength, _typeLength, _next + i, _value.AsSpan(0, _typeLength));
                    destination[i] = converter.Convert(_value.AsSpan(0, _typeLength));
                }

                break;
            default:
                throw new NotSupportedException($"the {_encoding.Name()} encoding is not supported for {_type.Name()} values");
        }

        _next += count;
    }

    public void Dispose()
    {
        Return(ref _indices);
        Return(ref _longs);
        Return(ref _value);
        _deltaBytes?.Dispose();
    }

    private void Take(int count)
    {
        if (count > _valueCount - _next)
        {
            throw new InvalidDataException($"its levels call for {_next + count} values where the page holds {_valueCount}");
        }
    }

    /// <summary>The next <paramref name="count"/> dictionary indices, decoded into a reused buffer and not yet checked.</summary>
    private Span<int> ReadIndices(int count)
    {
        if (_indices.Length < count)
        {
            Return(ref _indices);
            _indices = ColumnArrays<int>.Pool.Rent(count);
        }

        Span<int> indices = _indices.AsSpan(0, count);
        _rle.Read(indices);
        return indices;
    }

    /// <summary>The next <paramref name="count"/> dictionary indices, each checked against the page's dictionary.</summary>
    private ReadOnlySpan<int> ReadDictionaryIndices(int count, out ColumnDictionary dictionary)
    {
        Span<int> indices = ReadIndices(count);
        dictionary = _dictionary!;
        ColumnDictionary.CheckIndices(indices, dictionary.Count);
        return indices;
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

    private static void Return<T>(ref T[] array)
    {
        if (array.Length > 0)
        {
            ColumnArrays<T>.Pool.Return(array);
            array = [];
        }
    }

    /// <summary>Walks byte-array values without building any, for <see cref="Skip"/>.</summary>
    private readonly struct IgnoringConverter : IByteArrayConverter<byte>
    {
        public byte Convert(ReadOnlySpan<byte> bytes) => 0;

        public byte FromDictionary(ColumnDictionary dictionary, int index) => 0;
    }
}
