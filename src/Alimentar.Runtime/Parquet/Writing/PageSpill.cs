using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// A temporary file where a row group's finished pages wait once the row group outgrows
/// <see cref="ParquetWriteOptions.SpillBytes"/>. A file's column chunks must follow one another, so no column can go to
/// the output before the row group ends; spilled pages are copied in at that point, in column order. The file is
/// created at the first spill, reused by the writer's later row groups and deleted when the writer is disposed, even
/// by a failed or cancelled write.
/// </summary>
internal sealed class PageSpill(string directory) : IDisposable
{
    private const int CopyBufferSize = 1 << 20;

    private SafeFileHandle? _file;
    private long _length;

    /// <summary>The path of the spill file, once it exists.</summary>
    public string? Path { get; private set; }

    /// <summary>Bytes spilled since the last <see cref="Reset"/>.</summary>
    public long Length => _length;

    /// <summary>Appends <paramref name="pages"/> and returns where they start in the spill file.</summary>
    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> pages, CancellationToken cancellationToken)
    {
        _file ??= Create();
        long offset = _length;
        await RandomAccess.WriteAsync(_file, pages, offset, cancellationToken).ConfigureAwait(false);
        _length += pages.Length;
        return offset;
    }

    /// <summary>Copies a spilled segment to <paramref name="output"/>.</summary>
    public async ValueTask CopyToAsync(Stream output, SpilledPages segment, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(CopyBufferSize, Math.Max(1, segment.Length)));
        try
        {
            long copied = 0;
            while (copied < segment.Length)
            {
                int want = (int)Math.Min(buffer.Length, segment.Length - copied);
                int read = await RandomAccess.ReadAsync(_file!, buffer.AsMemory(0, want), segment.Offset + copied, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The spill file '{Path}' ended {segment.Length - copied} bytes short of its pages; it was changed while the writer used it.");
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                copied += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Starts over for the next row group: the file keeps its place on disk, its bytes are overwritten.</summary>
    public void Reset() => _length = 0;

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    private SafeFileHandle Create()
    {
        Path = System.IO.Path.Combine(directory, $".alimentar-spill-{Guid.NewGuid():N}.tmp");

        // DeleteOnClose: the file goes with its handle, so neither an error nor a killed writer's disposal leaves it behind.
        return File.OpenHandle(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }
}

/// <summary>A run of a column chunk's pages in the spill file.</summary>
internal readonly record struct SpilledPages(long Offset, long Length);
