namespace Alimentar;

/// <summary>
/// An object store that can also write objects, each through an upload that becomes visible only when completed:
/// what <see cref="ParquetDatasetWriter{T}"/> writes files and datasets to.
/// </summary>
public interface IWritableObjectStore : IObjectStore
{
    /// <summary>Starts writing <paramref name="key"/>; nothing appears under the key until the upload completes.</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The upload; dispose it without completing to discard what was written.</returns>
    ValueTask<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken);
}

/// <summary>One object being written: bytes in order, then <see cref="CompleteAsync"/>, or disposal to discard them.</summary>
public interface IObjectUpload : IAsyncDisposable
{
    /// <summary>The object's key.</summary>
    string Key { get; }

    /// <summary>Appends bytes; the upload may buffer them until it has a part's worth.</summary>
    /// <param name="bytes">The bytes; they stay the caller's after the call.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that ends when the bytes are taken.</returns>
    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>Sends what is buffered and makes the object visible under its key, replacing any object there.</summary>
    /// <param name="cancellationToken">Stops the completion (the upload is then discarded).</param>
    /// <returns>A task that ends when the object is visible.</returns>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
