namespace Alimentar.Parquet.Writing;

/// <summary>
/// A column chunk's finished pages, held in pooled segments until the row group goes out. A chunk of list columns
/// reaches the row group's byte limit (128 MiB): one growing array copied itself at every doubling and asked for fresh
/// memory each time, where segments are appended to and come back from the pool for the next chunk. Segments start
/// small and double up to 1 MiB: a writer holds every column's chunk at once, and a first segment of 1 MiB made a
/// 1,000-column table's row group hold a gigabyte whatever its size.
/// </summary>
internal sealed class PageChain : IDisposable
{
    private const int FirstSegmentBytes = 16 << 10;
    private const int MaxSegmentBytes = 1 << 20;

    private readonly List<byte[]> _segments = [];
    private int _lastLength;

    /// <summary>The bytes held.</summary>
    public long Length { get; private set; }

    /// <summary>The bytes held, in order, one memory per segment (every one but the last is full).</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Segments
    {
        get
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                yield return _segments[i].AsMemory(0, i == _segments.Count - 1 ? _lastLength : _segments[i].Length);
            }
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_segments.Count == 0 || _lastLength == _segments[^1].Length)
            {
                int size = _segments.Count == 0 ? FirstSegmentBytes : Math.Min(2 * _segments[^1].Length, MaxSegmentBytes);
                _segments.Add(ColumnArrays<byte>.Pool.Rent(size));
                _lastLength = 0;
            }

            int take = Math.Min(bytes.Length, _segments[^1].Length - _lastLength);
            bytes[..take].CopyTo(_segments[^1].AsSpan(_lastLength));
            _lastLength += take;
            Length += take;
            bytes = bytes[take..];
        }
    }

    /// <summary>Lets the bytes go, returning the segments to the pool.</summary>
    public void Clear()
    {
        foreach (byte[] segment in _segments)
        {
            ColumnArrays<byte>.Pool.Return(segment);
        }

        _segments.Clear();
        _lastLength = 0;
        Length = 0;
    }

    public void Dispose() => Clear();
}
