using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Alimentar;

/// <summary>
/// An Azure Blob container as an <see cref="IWritableObjectStore"/>. Reads are ranged downloads with an explicit
/// <c>bytes=a-b</c> range (Azure refuses suffix ranges) conditional on the blob's ETag; listing pages through the
/// container; writes stage 8 MiB blocks of a block blob and commit the block list only when the blob is whole. Credentials come from the <see cref="BlobContainerClient"/> (a connection string, a SAS, or
/// <c>DefaultAzureCredential</c>'s environment and profile chain).
/// </summary>
/// <example>
/// <code>
/// var blobs = new AzureBlobObjectStore(new BlobContainerClient(connectionString, "datasets"));
/// var one = new ParquetSource&lt;Trip&gt;(blobs, "trips/part-0.parquet");
/// </code>
/// </example>
public sealed class AzureBlobObjectStore : IWritableObjectStore
{
    private readonly BlobContainerClient _container;

    /// <summary>A store over <paramref name="container"/>.</summary>
    /// <param name="container">The container client. Its own retries add to the reader's.</param>
    public AzureBlobObjectStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    /// <inheritdoc />
    public string Name => $"az://{_container.Name}";

    /// <inheritdoc />
    public async ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            Response<BlobProperties> properties = await _container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(key, properties.Value.ContentLength, properties.Value.ETag.ToString("H")) { LastModified = properties.Value.LastModified };
        }
        catch (RequestFailedException error)
        {
            throw Translate(error, key);
        }
    }

    /// <inheritdoc />
    public async ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (destination.IsEmpty)
        {
            return;
        }

        var options = new BlobDownloadOptions
        {
            Range = new HttpRange(offset, destination.Length),
            Conditions = target.ETag is { } tag ? new BlobRequestConditions { IfMatch = new ETag(tag) } : null,
        };
        try
        {
            Response<BlobDownloadStreamingResult> response = await _container.GetBlobClient(target.Key).DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
            await using Stream content = response.Value.Content;
            await content.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error)
        {
            throw Translate(error, target.Key);
        }
        catch (EndOfStreamException error)
        {
            throw new ObjectStoreException($"the response for '{target.Key}' ended before the range did", null, isTransient: true, error);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        IAsyncEnumerator<BlobItem> items = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException error)
                {
                    throw Translate(error, prefix);
                }

                BlobItem item = items.Current;
                yield return new ObjectInfo(item.Name, item.Properties.ContentLength ?? 0, item.Properties.ETag?.ToString("H")) { LastModified = item.Properties.LastModified };
            }
        }
        finally
        {
            await items.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return ValueTask.FromResult<IObjectUpload>(new AzureBlockUpload(_container.GetBlockBlobClient(key), key));
    }

    internal static ObjectStoreException Translate(RequestFailedException error, string key)
    {
        int status = error.Status;
        string what = status == 412
            ? $"'{key}' was replaced while it was read (its ETag no longer matches)"
            : $"Azure answered {status} ({error.ErrorCode ?? error.Message}) for '{key}'";
        return new ObjectStoreException(what, status == 0 ? null : status, status == 0 || ObjectStoreException.IsTransientStatus(status), error);
    }
}
