using System.Runtime.CompilerServices;
using Alimentar.ParquetBinding;
using global::Parquet;

namespace Alimentar;

/// <summary>
/// Streams a Parquet file as typed batches, one row group at a time: the seed's <c>ParquetSource</c>.
/// Each pass opens the file once, binds its schema to <typeparamref name="T"/>'s columns (exact name,
/// then case-insensitive, then snake_case to PascalCase; <see cref="ParquetColumnAttribute"/> overrides),
/// and reads only the bound columns.
/// </summary>
/// <remarks>
/// Parquet.Net decodes a whole column chunk at a time, so the row group is the unit of I/O and of memory:
/// a pass holds the row group being sliced into batches of <see cref="BatchSize(int)"/> rows (views, not
/// copies) and the one decoded ahead on another thread (<see cref="DecodeAhead(int)"/>). Peak memory is
/// about row-group size times the row groups in flight, whatever the file's size.
/// </remarks>
/// <example>
/// <code>
/// var source = new ParquetSource&lt;Trip&gt;("trips.parquet").BatchSize(1024);
/// using var streaming = new StreamingDataset&lt;Trip&gt;(source, bufferSize: 16);
/// </code>
/// </example>
/// <typeparam name="T">The row type.</typeparam>
public sealed class ParquetSource<T> : IBatchSource<T>
    where T : IStreamingRow<T>
{
    private readonly Func<CancellationToken, ValueTask<Stream>> _open;
    private readonly bool _sharesOneStream;
    private int _streamInUse;

    /// <summary>Streams the file at <paramref name="path"/>; every pass opens it anew, so passes may run at once.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <exception cref="SourceUnavailableException">The path is missing or is a directory.</exception>
    public ParquetSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new SourceUnavailableException($"Cannot read '{path}': it is a directory, not a Parquet file.") { FilePath = path };
        }

        if (!File.Exists(path))
        {
            throw new SourceUnavailableException($"Cannot read '{path}': the file does not exist.") { FilePath = path };
        }

        Name = path;
        _open = _ => ValueTask.FromResult(OpenFile(path));
    }

    /// <summary>Streams a seekable stream. Passes over one stream cannot overlap; the stream stays open.</summary>
    /// <param name="stream">A readable, seekable stream holding a Parquet file.</param>
    /// <param name="name">What error messages and batch positions call the stream.</param>
    /// <exception cref="ArgumentException">The stream cannot read or seek.</exception>
    public ParquetSource(Stream stream, string name = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("A Parquet stream must be readable and seekable.", nameof(stream));
        }

        Name = name;
        _sharesOneStream = true;
        _open = _ => ValueTask.FromResult(stream);
    }

    /// <summary>Streams whatever <paramref name="openStream"/> opens; it is called once per pass and the stream disposed after.</summary>
    /// <param name="openStream">Opens a readable, seekable stream holding a Parquet file.</param>
    /// <param name="name">What error messages and batch positions call the stream.</param>
    public ParquetSource(Func<CancellationToken, ValueTask<Stream>> openStream, string name)
    {
        ArgumentNullException.ThrowIfNull(openStream);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _open = openStream;
    }

    private ParquetSource(ParquetSource<T> other)
    {
        Name = other.Name;
        _open = other._open;
        _sharesOneStream = other._sharesOneStream;
        RowsPerBatch = other.RowsPerBatch;
        Pool = other.Pool;
        RowGroupsDecodedAhead = other.RowGroupsDecodedAhead;
    }

    /// <summary>
    /// Every Parquet file in a directory (and its subdirectories, as Spark and Hive partition them), read one
    /// after another in ordinal path order, so every pass visits them alike.
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <param name="searchPattern">Which files to read.</param>
    /// <returns>A source over the files, each configured by <paramref name="configure"/> when given.</returns>
    /// <param name="configure">Applied to each file's source, e.g. <c>s =&gt; s.BatchSize(1024)</c>.</param>
    /// <exception cref="SourceUnavailableException">The directory is missing or holds no matching file.</exception>
    public static IBatchSource<T> FromDirectory(string directory, string searchPattern = "*.parquet", Func<ParquetSource<T>, ParquetSource<T>>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new SourceUnavailableException($"Cannot read '{directory}': the directory does not exist.") { FilePath = directory };
        }

        string[] files = Directory.GetFiles(directory, searchPattern, SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            throw new SourceUnavailableException($"Cannot read '{directory}': it holds no file matching '{searchPattern}'.") { FilePath = directory };
        }

        return new ChainedSource<T>(files.Select(file => configure is null ? new ParquetSource<T>(file) : configure(new ParquetSource<T>(file))));
    }

    /// <summary>The path, or the name given to the stream.</summary>
    public string Name { get; }

    /// <summary>Rows per batch; 0 means one batch per row group.</summary>
    public int RowsPerBatch { get; private init; }

    /// <summary>
    /// Row groups decoded ahead, on other threads, of the one being handed out (default 1; 0 for a stream
    /// source). Each adds one decoded row group to memory and lets another core decode.
    /// </summary>
    public int RowGroupsDecodedAhead { get; private init; } = 1;

    /// <summary>Where column buffers are rented from.</summary>
    public ColumnBufferPool Pool { get; private init; } = ColumnBufferPool.Shared;

    /// <summary>A copy of this source that slices each row group into batches of at most <paramref name="rows"/> rows.</summary>
    /// <param name="rows">Rows per batch; slicing does not copy.</param>
    /// <returns>The new source.</returns>
    public ParquetSource<T> BatchSize(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        return new ParquetSource<T>(this) { RowsPerBatch = rows };
    }

    /// <summary>A copy of this source that decodes <paramref name="rowGroups"/> row groups ahead on other threads.</summary>
    /// <param name="rowGroups">0 to decode only on the producer's thread; each more holds one more decoded row group.</param>
    /// <returns>The new source.</returns>
    public ParquetSource<T> DecodeAhead(int rowGroups)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroups);
        return new ParquetSource<T>(this) { RowGroupsDecodedAhead = rowGroups };
    }

    /// <summary>A copy of this source that rents column buffers from <paramref name="pool"/>.</summary>
    /// <param name="pool">The pool; count its outstanding buffers to find leaks.</param>
    /// <returns>The new source.</returns>
    public ParquetSource<T> WithBufferPool(ColumnBufferPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new ParquetSource<T>(this) { Pool = pool };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_sharesOneStream && Interlocked.Exchange(ref _streamInUse, 1) != 0)
        {
            throw new InvalidOperationException($"'{Name}' is already being read: passes over one stream cannot overlap. Give the source a path or a stream factory to read it more than once at a time.");
        }

        try
        {
            // One stream cannot be read from two threads, so only re-openable sources decode ahead.
            int ahead = _sharesOneStream ? 0 : RowGroupsDecodedAhead;
            var stringPools = new StringPool?[T.Schema.Columns.Count];
            await using RowGroupDecoder<T> decoder = await RowGroupDecoder<T>.OpenAsync(
                ct => ParquetFileReader<T>.OpenAsync(_open, leaveOpen: _sharesOneStream, Name, Pool, stringPools, ct), ahead, cancellationToken).ConfigureAwait(false);
            while (await decoder.NextAsync().ConfigureAwait(false) is (true, int rowGroup, var lease))
            {
                if (lease is null)
                {
                    decoder.StartNext();
                    continue;
                }

                try
                {
                    int rows = lease.Store.Count;
                    int step = RowsPerBatch > 0 ? RowsPerBatch : rows;
                    for (int offset = 0; offset < rows; offset += step)
                    {
                        yield return Batch<T>.Slice(lease, offset, Math.Min(step, rows - offset), new BatchPosition(Name, rowGroup, offset));
                    }
                }
                finally
                {
                    lease.Release();
                }

                decoder.StartNext();
            }
        }
        finally
        {
            if (_sharesOneStream)
            {
                Volatile.Write(ref _streamInUse, 0);
            }
        }
    }

    private static Stream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new SourceUnavailableException($"Cannot read '{path}': {error.Message}", error) { FilePath = path };
        }
    }
}
