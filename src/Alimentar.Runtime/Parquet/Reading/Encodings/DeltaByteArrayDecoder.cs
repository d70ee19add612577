namespace Alimentar.ParquetBinding.Reading;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY (every value's length, DELTA_BINARY_PACKED, then the values back to back) and
/// DELTA_BYTE_ARRAY (each value's prefix shared with the one before, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY). The lengths are decoded once per page; values come out one at a time, each
/// checked against the bytes left and, for a fixed-length column, against its length.
/// </summary>
internal sealed class DeltaByteArrayDecoder : IDisposable
{
    private readonly DeltaBinaryPackedDecoder _delta = new();
    private int[] _lengths = [];
    private int[] _prefixes = [];
    private long[] _scratch = [];
    private byte[] _value = [];
    private bool _prefixed;
    private int _fixedLength;
    private int _position;
    private int _next;
    private int _previousLength;

    /// <summary>Pooled bytes held, for memory accounting.</summary>
    public long SizeInBytes => _lengths.Length * 4L + _prefixes.Length * 4L + _scratch.Length * 8L + _value.Length;

    /// <param name="data">The page's values section.</param>
    /// <param name="count">The values it holds.</param>
    /// <param name="prefixed">True for DELTA_BYTE_ARRAY, false for DELTA_LENGTH_BYTE_ARRAY.</param>
    /// <param name="fixedLength">For a FIXED_LEN_BYTE_ARRAY column, the length every value must have; 0 otherwise.</param>
    public void Reset(ReadOnlyMemory<byte> data, int count, bool prefixed, int fixedLength)
    {
        _prefixed = prefixed;
        _fixedLength = fixedLength;
        _next = 0;
        _previousLength = 0;
        int start = prefixed ? ReadLengths(data, 0, ref _prefixes, count, checkTotal: false) : 0;
        _position = ReadLengths(data, start, ref _lengths, count, checkTotal: true);
    }

    /// <summary>The next value; valid until the next call.</summary>
    public ReadOnlySpan<byte> Next(ReadOnlySpan<byte> data)
    {
        int index = _next++;
        int suffix = _lengths[index];
        if (!_prefixed)
        {
            ReadOnlySpan<byte> value = data.Slice(_position, suffix);
            _position += suffix;
            return value;
        }

        int prefix = _prefixes[index];
        if (prefix > _previousLength)
        {
            throw new InvalidDataException($"a DELTA_BYTE_ARRAY prefix of {prefix} bytes after a value of {_previousLength}");
        }

        int length = prefix + suffix;
        if (_fixedLength > 0 && length != _fixedLength)
        {
            throw new InvalidDataException($"a DELTA_BYTE_ARRAY value of {length} bytes in a FIXED_LEN_BYTE_ARRAY({_fixedLength}) column");
        }

        if (_value.Length < length)
        {
            byte[] grown = ColumnArrays<byte>.Pool.Rent(length);
            _value.AsSpan(0, _previousLength).CopyTo(grown);
            Return(ref _value);
            _value = grown;
        }

        data.Slice(_position, suffix).CopyTo(_value.AsSpan(prefix));
        _position += suffix;
        _previousLength = length;
        return _value.AsSpan(0, length);
    }

    public void Dispose()
    {
        Return(ref _lengths);
        Return(ref _prefixes);
        Return(ref _scratch);
        Return(ref _value);
    }

    /// <summary>Decodes one whole DELTA_BINARY_PACKED run of lengths and checks each; returns where the run ends.</summary>
    private int ReadLengths(ReadOnlyMemory<byte> data, int start, ref int[] target, int count, bool checkTotal)
    {
        _delta.Reset(data[start..]);
        if (_delta.TotalValues != count)
        {
            throw new InvalidDataException($"a DELTA byte-array page with {_delta.TotalValues} lengths for {count} values");
        }

        if (_scratch.Length < count)
        {
            Return(ref _scratch);
            _scratch = ColumnArrays<long>.Pool.Rent(count);
        }

        Span<long> lengths = _scratch.AsSpan(0, count);
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

        // Suffixes (and plain lengths) must fit the bytes after them; prefixes are checked as values are rebuilt.
        if (checkTotal && total > data.Length - end)
        {
            throw new InvalidDataException($"DELTA byte-array values of {total} bytes with {data.Length - end} left in the page");
        }

        return end;
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
