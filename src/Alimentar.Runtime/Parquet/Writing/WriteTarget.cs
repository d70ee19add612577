namespace Alimentar.Parquet.Writing;

/// <summary>
/// Where a file's bytes go and how it becomes visible: written to <see cref="Stream"/>, then committed (a temporary
/// file renamed, an upload completed) or aborted (discarded), so a reader never sees a file that is not complete.
/// </summary>
internal abstract class WriteTarget
{
    public abstract Stream Stream { get; }

    /// <summary>Makes the complete file visible under its name.</summary>
    public abstract ValueTask CommitAsync(CancellationToken cancellationToken);

    /// <summary>Discards what was written; never throws.</summary>
    public abstract ValueTask AbortAsync();
}

/// <summary>An object upload (a local file, an S3 multipart upload, Azure blocks): completed to commit, disposed to abort.</summary>
internal sealed class UploadTarget(IObjectUpload upload) : WriteTarget
{
    private readonly UploadStream _stream = new(upload);

    public override Stream Stream => _stream;

    public override ValueTask CommitAsync(CancellationToken cancellationToken) => upload.CompleteAsync(cancellationToken);

    public override async ValueTask AbortAsync()
    {
        try
        {
            await upload.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Aborting is best effort: the write's own error is the one to report.
        }
    }

    /// <summary>A write-only stream over the upload, for the file writer.</summary>
    private sealed class UploadStream(IObjectUpload upload) : WriteOnlyStream
    {
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException("The Parquet writer writes asynchronously.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            upload.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            upload.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}

/// <summary>A caller's stream: committing flushes it; either way it is closed unless the caller keeps it.</summary>
internal sealed class StreamTarget(Stream stream, bool leaveOpen) : WriteTarget
{
    public override Stream Stream => stream;

    public override async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }

    public override ValueTask AbortAsync() => CloseAsync();

    private ValueTask CloseAsync() => leaveOpen ? ValueTask.CompletedTask : stream.DisposeAsync();
}
