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

/// <summary>A local file, written under a hidden temporary name beside it and renamed over it when complete.</summary>
internal sealed class LocalFileTarget : WriteTarget
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;

    public LocalFileTarget(string path)
    {
        _path = Path.GetFullPath(path);
        _temporary = Path.Combine(Path.GetDirectoryName(_path)!, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous);
    }

    public override Stream Stream => _stream;

    public override async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporary, _path, overwrite: true);
    }

    public override async ValueTask AbortAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            File.Delete(_temporary);
        }
        catch (IOException)
        {
            // Best effort: the name is hidden and unique, and the original error matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
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
