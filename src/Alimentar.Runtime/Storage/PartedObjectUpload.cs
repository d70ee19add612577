using System.Buffers;

namespace Alimentar;

/// <summary>
/// An upload that sends an object in parts of a fixed size (S3 multipart parts, Azure blocks): bytes gather into a
/// pooled part buffer, each full part goes out through <see cref="SendPartAsync"/>, and <see cref="CompleteAsync"/>
/// sends the rest and commits. Disposing without completing calls <see cref="AbortAsync"/>. A base for stores'
/// uploads, the built-in ones included.
/// </summary>
public abstract class PartedObjectUpload : IObjectUpload
{
    private byte[] _part;
    private int _buffered;
    private bool _completed;

    /// <summary>Starts an upload of <paramref name="key"/> in parts of <paramref name="partSize"/> bytes.</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="partSize">Bytes per part (all but the last).</param>
    protected PartedObjectUpload(string key, int partSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partSize);
        Key = key;
        _part = ArrayPool<byte>.Shared.Rent(partSize);
        PartSize = partSize;
    }

    /// <inheritdoc />
    public string Key { get; }

    /// <summary>Bytes per part.</summary>
    protected int PartSize { get; }

    /// <summary>Parts sent so far.</summary>
    protected int PartsSent { get; private set; }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_part.Length == 0, this);
        while (!bytes.IsEmpty)
        {
            int take = Math.Min(bytes.Length, PartSize - _buffered);
            bytes.Span[..take].CopyTo(_part.AsSpan(_buffered));
            _buffered += take;
            bytes = bytes[take..];
            if (_buffered == PartSize)
            {
                await SendBufferedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await CommitAsync(new ReadOnlyMemory<byte>(_part, 0, _buffered), cancellationToken).ConfigureAwait(false);
        _buffered = 0;
        _completed = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        byte[] part = _part;
        _part = [];
        if (part.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(part);
            if (!_completed)
            {
                await AbortAsync().ConfigureAwait(false);
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Sends one full part; parts are numbered from 0 in order.</summary>
    /// <param name="part">The part's bytes, valid only during the call.</param>
    /// <param name="number">The part's number.</param>
    /// <param name="cancellationToken">Stops the send.</param>
    /// <returns>A task that ends when the part is stored.</returns>
    protected abstract ValueTask SendPartAsync(ReadOnlyMemory<byte> part, int number, CancellationToken cancellationToken);

    /// <summary>Sends the last bytes (perhaps none, perhaps the whole object when no part was sent) and makes the object visible.</summary>
    /// <param name="rest">The bytes after the last full part, valid only during the call.</param>
    /// <param name="cancellationToken">Stops the commit.</param>
    /// <returns>A task that ends when the object is visible.</returns>
    protected abstract ValueTask CommitAsync(ReadOnlyMemory<byte> rest, CancellationToken cancellationToken);

    /// <summary>Discards the parts sent; called once when the upload is disposed without completing.</summary>
    /// <returns>A task that ends when the parts are discarded.</returns>
    protected abstract ValueTask AbortAsync();

    private async ValueTask SendBufferedAsync(CancellationToken cancellationToken)
    {
        await SendPartAsync(new ReadOnlyMemory<byte>(_part, 0, _buffered), PartsSent, cancellationToken).ConfigureAwait(false);
        PartsSent++;
        _buffered = 0;
    }
}
