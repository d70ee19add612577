namespace Alimentar.Storage;

/// <summary>
/// Reads byte ranges of one file by offset: what the page reader needs from storage. Local files read
/// with positional I/O; a stream is read under a lock; object stores can implement it with range requests.
/// </summary>
internal interface IRangeReader : IAsyncDisposable
{
    /// <summary>The file's length in bytes.</summary>
    long Length { get; }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes starting at <paramref name="offset"/>.</summary>
    /// <exception cref="EndOfStreamException">The file ends first.</exception>
    ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>What one read fetches where the reader has no preference: a local file or stream.</summary>
    const int DefaultReadBytes = 1 << 18;

    /// <summary>How many bytes a column chunk reader asks for at once beyond what its next page needs.</summary>
    int PreferredReadBytes => DefaultReadBytes;

    /// <summary>False when every read is a request with latency (an object store): then reads that are only checks are left out.</summary>
    bool SmallReadsAreCheap => true;

    /// <summary>Says which ranges will be read soon, so a reader with latency can fetch them, merged and in parallel, ahead of the reads.</summary>
    /// <param name="ranges">Offsets and lengths, in any order.</param>
    /// <param name="readAhead">True for ranges read after the current row group (the next one), which a reader may be told to leave alone.</param>
    void Prefetch(IReadOnlyList<(long Offset, long Length)> ranges, bool readAhead)
    {
    }
}
