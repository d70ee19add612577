namespace Alimentar.ParquetBinding.Reading;

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
}
