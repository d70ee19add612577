namespace Alimentar;

/// <summary>
/// Where Parquet files live when they are not on a local disk: objects under keys, each with a known length
/// and ETag, read by byte range. Alimentar ships local files and HTTP(S) in the core
/// (<see cref="LocalObjectStore"/>, <see cref="HttpObjectStore"/>), S3 in <c>Alimentar.Storage.S3</c> and Azure Blob in
/// <c>Alimentar.Storage.Azure</c>. Read objects with <see cref="ParquetSource{T}.FromStore"/> or
/// <c>new ParquetSource&lt;T&gt;(store, key)</c>.
/// </summary>
/// <remarks>
/// Implementations make one request per call and do not retry: the reader retries what they report as
/// transient (<see cref="ObjectStoreException.IsTransient"/>) with backoff and jitter, and counts requests, bytes
/// and retries. They send explicit <c>bytes=a-b</c> ranges only (Azure refuses suffix ranges, and some S3
/// emulators answer them wrongly).
/// </remarks>
public interface IObjectStore
{
    /// <summary>What messages call the store: <c>s3://bucket</c>, <c>az://container</c>, a base URI or a directory.</summary>
    string Name { get; }

    /// <summary>The object's length and ETag.</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>What the store says about the object now.</returns>
    /// <exception cref="ObjectStoreException">The request failed; a missing object is not transient.</exception>
    ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Reads exactly <paramref name="destination"/>.Length bytes of <paramref name="target"/> from <paramref name="offset"/>,
    /// with one range request. When <paramref name="target"/> has an ETag, the read is conditional on it: an object
    /// replaced since fails with a non-transient <see cref="ObjectStoreException"/> (status 412), never mixing two versions.
    /// </summary>
    /// <param name="target">The object, as <see cref="GetInfoAsync"/> or <see cref="ListAsync"/> described it.</param>
    /// <param name="offset">The first byte.</param>
    /// <param name="destination">Where the bytes go; its length is the range's.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes once every byte is in <paramref name="destination"/>.</returns>
    ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, with its length and ETag.</summary>
    /// <param name="prefix">The key prefix, e.g. <c>trips/</c>; empty for every object.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The objects, in any order.</returns>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);
}
