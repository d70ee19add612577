namespace Alimentar.ParquetBinding.Reading;

/// <summary>
/// Range reads over a seekable stream. A stream has one position, so reads are serialised: readers of
/// different columns may share it, one read at a time.
/// </summary>
internal sealed class StreamRangeReader(Stream stream, bool leaveOpen) : IRangeReader
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public long Length { get; } = stream.Length;

    public async ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            stream.Position = offset;
            await stream.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _gate.Dispose();
        if (!leaveOpen)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
