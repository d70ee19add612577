namespace Alimentar.Parquet.Reading;

/// <summary>
/// The bytes of one column chunk as a page reader walks them: fetched from the file in windows of about
/// <see cref="IRangeReader.PreferredReadBytes"/> (never the whole chunk), grown for a large page and given
/// back to the pool once past it. Reading ahead stops at the chunk's end, and earlier where told: while only
/// a dictionary page is wanted, or where the pages a filter keeps end.
/// </summary>
internal sealed class ChunkByteWindow : IDisposable
{
    /// <summary>How much one read fetches beyond what is asked, and the size a window shrinks back to.</summary>
    public const int ReadAhead = IRangeReader.DefaultReadBytes;

    private readonly IRangeReader _file;
    private readonly long _end;
    private byte[] _window = [];
    private int _offset;
    private int _fill;
    private long _fileCursor;
    private long _readLimit = long.MaxValue;
    private long _rangeLimit = long.MaxValue;

    public ChunkByteWindow(IRangeReader file, long start, long end)
    {
        _file = file;
        _fileCursor = start;
        _end = end;
    }

    /// <summary>The file offset of the next byte not yet taken.</summary>
    public long Position => _fileCursor - Available;

    /// <summary>The chunk's bytes not yet taken, fetched or not.</summary>
    public long Remaining => _end - Position;

    /// <summary>The bytes held, for memory accounting.</summary>
    public int HeldBytes => _window.Length;

    private int Available => _fill - _offset;

    /// <summary>The next <paramref name="count"/> bytes, which <see cref="EnsureAsync"/> must have fetched; not taken.</summary>
    public ReadOnlySpan<byte> Peek(int count) => _window.AsSpan(_offset, count);

    /// <summary>Takes the next <paramref name="count"/> bytes, which <see cref="EnsureAsync"/> must have fetched; valid until the next fetch or <see cref="Shrink"/>.</summary>
    public ReadOnlyMemory<byte> Take(int count)
    {
        ReadOnlyMemory<byte> taken = _window.AsMemory(_offset, count);
        _offset += count;
        return taken;
    }

    /// <summary>Makes sure the window holds the next <paramref name="needed"/> bytes of the chunk, reading ahead within it.</summary>
    public async ValueTask EnsureAsync(int needed, CancellationToken cancellationToken)
    {
        int available = Available;
        if (available >= needed)
        {
            return;
        }

        long chunkLeft = _end - _fileCursor;
        if (needed - available > chunkLeft)
        {
            throw new InvalidDataException($"a page of {needed} bytes runs past the end of its column chunk ({available + chunkLeft} bytes left)");
        }

        long aheadLimit = Math.Max(_readLimit - _fileCursor, needed - available);
        int target = (int)Math.Min(Math.Max(needed, _file.PreferredReadBytes), available + Math.Min(chunkLeft, aheadLimit));

        // Grow for a large page, and shrink back once past it (a dictionary page is often the largest of a chunk).
        if (_window.Length < target || _window.Length > 4 * Math.Max(target, _file.PreferredReadBytes))
        {
            byte[] grown = ColumnArrays<byte>.Pool.Rent(target);
            _window.AsSpan(_offset, available).CopyTo(grown);
            Return();
            _window = grown;
        }
        else
        {
            _window.AsSpan(_offset, available).CopyTo(_window);
        }

        _offset = 0;
        _fill = available;
        int toRead = target - available;
        await _file.ReadAsync(_fileCursor, _window.AsMemory(_fill, toRead), cancellationToken).ConfigureAwait(false);
        _fileCursor += toRead;
        _fill += toRead;
    }

    /// <summary>
    /// Once a large compressed page is decompressed, its window goes back to the pool, keeping only the bytes
    /// read ahead: so the columns of a row group written as one page per chunk hold one compressed page between
    /// them, not one each. What <see cref="Take"/> gave out before is no longer valid.
    /// </summary>
    public void Shrink()
    {
        int available = Available;
        if (_window.Length <= 4 * ReadAhead || available > ReadAhead)
        {
            return;
        }

        byte[] small = ColumnArrays<byte>.Pool.Rent(ReadAhead);
        _window.AsSpan(_offset, available).CopyTo(small);
        Return();
        _window = small;
        _offset = 0;
        _fill = available;
    }

    /// <summary>Moves to <paramref name="offset"/>, dropping what the window holds.</summary>
    public void SeekTo(long offset)
    {
        _fileCursor = offset;
        _offset = 0;
        _fill = 0;
    }

    /// <summary>Reads ahead no further than <paramref name="endOffset"/> until told otherwise; a page that runs past it is still read whole.</summary>
    public void LimitReadAhead(long endOffset)
    {
        _rangeLimit = endOffset;
        _readLimit = endOffset;
    }

    /// <summary>Reads ahead no further than <paramref name="endOffset"/> until <see cref="EndTemporaryLimit"/>: a dictionary read alone.</summary>
    public void LimitReadAheadFor(long endOffset) => _readLimit = endOffset;

    /// <summary>Goes back to the limit <see cref="LimitReadAhead"/> set.</summary>
    public void EndTemporaryLimit() => _readLimit = _rangeLimit;

    public void Dispose() => Return();

    private void Return()
    {
        if (_window.Length > 0)
        {
            ColumnArrays<byte>.Pool.Return(_window);
            _window = [];
        }
    }
}
