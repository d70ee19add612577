namespace Alimentar.Storage;

/// <summary>
/// Range reads over a seekable stream. A stream has one position, so reads are serialised through a gate:
/// readers of different columns may share it, one read at a time. A stream that outlives the reader (a
/// source given one stream) passes the gate every reader of that stream shares, so a footer read for
/// planning cannot move the position under a pass that is reading pages.
/// </summary>
internal sealed class StreamRangeReader : IRangeReader
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _gate;
    private readonly bool _ownsStreamAndGate;

    /// <summary>A reader that owns <paramref name="stream"/> and disposes it.</summary>
    public StreamRangeReader(Stream stream)
        : this(stream, new SemaphoreSlim(1, 1), ownsStreamAndGate: true)
    {
    }

    /// <summary>A reader of a stream that stays open, serialised with every other reader given <paramref name="sharedGate"/>.</summary>
    public StreamRangeReader(Stream stream, SemaphoreSlim sharedGate)
        : this(stream, sharedGate, ownsStreamAndGate: false)
    {
    }

    private StreamRangeReader(Stream stream, SemaphoreSlim gate, bool ownsStreamAndGate)
    {
        _stream = stream;
        _gate = gate;
        _ownsStreamAndGate = ownsStreamAndGate;
        Length = stream.Length;
    }

    public long Length { get; }

    public async ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream.Position = offset;
            await _stream.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsStreamAndGate)
        {
            _gate.Dispose();
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
