using System.Runtime.InteropServices;
using Azure;
using Azure.Storage.Blobs.Specialized;

namespace Alimentar;

/// <summary>
/// One block blob written to Azure: 8 MiB blocks staged as they fill, and the block list committed when the blob is
/// whole; only the commit makes it visible (or replaces the blob there). Disposed without committing, the staged
/// blocks stay uncommitted, invisible, and the service discards them.
/// </summary>
internal sealed class AzureBlockUpload(BlockBlobClient blob, string key) : PartedObjectUpload(key, BlockBytes)
{
    private const int BlockBytes = 8 << 20;

    private readonly List<string> _blocks = [];

    protected override async ValueTask SendPartAsync(ReadOnlyMemory<byte> part, int number, CancellationToken cancellationToken)
    {
        // Block ids must all have the same length within a blob: a fixed-width number, base64.
        string id = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"block-{number:D8}"));
        try
        {
            using var block = MemoryMarshal.TryGetArray(part, out ArraySegment<byte> segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(part.ToArray(), writable: false);
            await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error)
        {
            throw AzureBlobObjectStore.Translate(error, Key);
        }

        _blocks.Add(id);
    }

    protected override async ValueTask CommitAsync(ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
    {
        if (!rest.IsEmpty || _blocks.Count == 0)
        {
            await SendPartAsync(rest, PartsSent, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await blob.CommitBlockListAsync(_blocks, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error)
        {
            throw AzureBlobObjectStore.Translate(error, Key);
        }
    }

    protected override ValueTask AbortAsync() => ValueTask.CompletedTask;
}
