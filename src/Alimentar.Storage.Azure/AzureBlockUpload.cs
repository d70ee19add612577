using Azure;
using Azure.Storage.Blobs.Specialized;

namespace Alimentar;

/// <summary>
/// One block blob written to Azure: bytes gather into 8 MiB blocks, each staged as it fills, and the block list is
/// committed when the blob is whole; only the commit makes it visible (or replaces the blob there). Disposed without
/// committing, the staged blocks stay uncommitted, invisible, and the service discards them.
/// </summary>
internal sealed class AzureBlockUpload(BlockBlobClient blob, string key) : IObjectUpload
{
    private const int BlockSize = 8 << 20;

    private readonly List<string> _blocks = [];
    private byte[] _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _buffered;

    public string Key => key;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            int take = Math.Min(bytes.Length, BlockSize - _buffered);
            bytes.Span[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            bytes = bytes[take..];
            if (_buffered == BlockSize)
            {
                await StageAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_buffered > 0 || _blocks.Count == 0)
        {
            await StageAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await blob.CommitBlockListAsync(_blocks, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error)
        {
            throw AzureBlobObjectStore.Translate(error, key);
        }
    }

    public ValueTask DisposeAsync()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask StageAsync(CancellationToken cancellationToken)
    {
        // Block ids must all have the same length within a blob: a fixed-width number, base64.
        string id = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"block-{_blocks.Count:D8}"));
        try
        {
            using var block = new MemoryStream(_buffer, 0, _buffered, writable: false);
            await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error)
        {
            throw AzureBlobObjectStore.Translate(error, key);
        }

        _blocks.Add(id);
        _buffered = 0;
    }
}
