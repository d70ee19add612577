using Microsoft.Win32.SafeHandles;

namespace Alimentar.Storage;

/// <summary>Positional reads of a local file: no shared position, so any number of column readers read it at once.</summary>
internal sealed class FileRangeReader : IRangeReader
{
    private readonly SafeFileHandle _handle;

    private FileRangeReader(SafeFileHandle handle)
    {
        _handle = handle;
        Length = RandomAccess.GetLength(handle);
    }

    public long Length { get; }

    public static FileRangeReader Open(string path) =>
        new(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess));

    // Reads are synchronous: on Linux an asynchronous file read only moves the same blocking read to the
    // thread pool, and the page reader already runs on the producer's own thread.
    public ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Span<byte> target = destination.Span;
        while (!target.IsEmpty)
        {
            int read = RandomAccess.Read(_handle, target, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"the file ends at {offset} bytes, inside a range the metadata points to");
            }

            offset += read;
            target = target[read..];
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
