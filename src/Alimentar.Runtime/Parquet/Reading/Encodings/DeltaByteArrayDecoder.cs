namespace Alimentar.Parquet.Reading.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY (every value's length, DELTA_BINARY_PACKED, then the values back to back) and
/// DELTA_BYTE_ARRAY (each value's prefix shared with the one before, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY). Lengths are decoded a small run at a time as values are taken, never for the
/// whole page at once: a page header may claim millions of values in a few bytes, and what this decoder
/// holds must follow the bytes present, not the claim. Each value is checked against the bytes left and,
/// for a fixed-length column, against its length.
/// </summary>
internal sealed class DeltaByteArrayDecoder : IDisposable
{
    private const int Run = 256;

    private readonly DeltaBinaryPackedDecoder _lengthStream = new();
    private readonly DeltaBinaryPackedDecoder _prefixStream = new();
    // Made when the first DELTA byte-array page is met: every column chunk reader has a decoder, few need one.
    private long[] _lengths = [];
    private long[] _prefixes = [];
    private byte[] _value = [];
    private bool _prefixed;
    private int _fixedLength;
    private int _position;
    private int _count;
    private int _next;
    private int _runStart;
    private int _runLength;
    private int _previousLength;

    /// <summary>Pooled bytes held, for memory accounting.</summary>
    public long SizeInBytes => _value.Length;

    /// <param name="data">The page's values section.</param>
    /// <param name="count">The values it holds.</param>
    /// <param name="prefixed">True for DELTA_BYTE_ARRAY, false for DELTA_LENGTH_BYTE_ARRAY.</param>
    /// <param name="fixedLength">For a FIXED_LEN_BYTE_ARRAY column, the length every value must have; 0 otherwise.</param>
    public void Reset(ReadOnlyMemory<byte> data, int count, bool prefixed, int fixedLength)
    {
        if (_lengths.Length == 0)
        {
            _lengths = new long[Run];
            _prefixes = new long[Run];
        }

        _prefixed = prefixed;
        _fixedLength = fixedLength;
        _count = count;
        _next = 0;
        _runStart = 0;
        _runLength = 0;
        _previousLength = 0;
        int lengthsStart = prefixed ? StartStream(_prefixStream, data, 0, count) : 0;
        _position = StartStream(_lengthStream, data, lengthsStart, count);
    }

    /// <summary>
    /// Converts the next <paramref name="destination"/>.Length values. Values without prefixes are sliced straight
    /// from the page a run of lengths at a time; prefixed ones are put together one by one (<see cref="Next"/>).
    /// </summary>
    public void Read<TValue, TConverter>(ReadOnlySpan<byte> data, Span<TValue> destination, ref TConverter converter)
        where TConverter : struct, IByteArrayConverter<TValue>
    {
        if (_prefixed)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = converter.Convert(Next(data));
            }

            return;
        }

        for (int i = 0; i < destination.Length;)
        {
            if (_next == _runStart + _runLength)
            {
                NextRun(data.Length);
            }

            int index = _next - _runStart;
            int take = Math.Min(destination.Length - i, _runLength - index);
            ReadOnlySpan<long> lengths = _lengths.AsSpan(index, take);
            Span<TValue> values = destination.Slice(i, take);
            for (int k = 0; k < values.Length; k++)
            {
                int length = (int)lengths[k]; // NextRun checked it against the page's size
                if (length > data.Length - _position)
                {
                    throw new InvalidDataException($"a DELTA byte-array value of {length} bytes with {data.Length - _position} left in the page");
                }

                values[k] = converter.Convert(data.Slice(_position, length));
                _position += length;
                _next++;
            }

            i += take;
        }
    }

    /// <summary>The next value; valid until the next call.</summary>
    private ReadOnlySpan<byte> Next(ReadOnlySpan<byte> data)
    {
        if (_next == _runStart + _runLength)
        {
            NextRun(data.Length);
        }

        int index = _next++ - _runStart;
        int suffix = (int)_lengths[index];
        if (suffix > data.Length - _position)
        {
            throw new InvalidDataException($"a DELTA byte-array value of {suffix} bytes with {data.Length - _position} left in the page");
        }

        if (!_prefixed)
        {
            ReadOnlySpan<byte> value = data.Slice(_position, suffix);
            _position += suffix;
            return value;
        }

        int prefix = (int)_prefixes[index];
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
            Return();
            _value = grown;
        }

        data.Slice(_position, suffix).CopyTo(_value.AsSpan(prefix));
        _position += suffix;
        _previousLength = length;
        return _value.AsSpan(0, length);
    }

    public void Dispose() => Return();

    /// <summary>Checks a length stream's count, finds where it ends, and leaves it ready to read from its start.</summary>
    private static int StartStream(DeltaBinaryPackedDecoder stream, ReadOnlyMemory<byte> data, int start, int count)
    {
        stream.Reset(data[start..]);
        if (stream.TotalValues != count)
        {
            throw new InvalidDataException($"a DELTA byte-array page with {stream.TotalValues} lengths for {count} values");
        }

        int end = start + stream.SkipToEnd();
        stream.Reset(data[start..]);
        return end;
    }

    /// <summary>Decodes the next run of lengths (and prefixes), checking each against the page's size.</summary>
    private void NextRun(int pageBytes)
    {
        _runStart = _next;
        _runLength = Math.Min(Run, _count - _next);
        if (_runLength <= 0)
        {
            throw new InvalidDataException($"a DELTA byte-array page read past its {_count} values");
        }

        Check(_lengths.AsSpan(0, _runLength), _lengthStream, pageBytes);
        if (_prefixed)
        {
            Check(_prefixes.AsSpan(0, _runLength), _prefixStream, pageBytes);
        }

        static void Check(Span<long> run, DeltaBinaryPackedDecoder stream, int pageBytes)
        {
            stream.Read(run);
            foreach (long length in run)
            {
                if (length < 0 || length > pageBytes)
                {
                    throw new InvalidDataException($"a DELTA byte-array length of {length} in a page of {pageBytes} bytes");
                }
            }
        }
    }

    private void Return()
    {
        if (_value.Length > 0)
        {
            ColumnArrays<byte>.Pool.Return(_value);
            _value = [];
        }
    }
}
