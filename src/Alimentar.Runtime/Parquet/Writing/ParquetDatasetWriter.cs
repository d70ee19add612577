using Alimentar.Parquet.Writing;

namespace Alimentar;

/// <summary>
/// Writes rows of <typeparamref name="T"/> to a Parquet file with Alimentar's own page writer: row groups of
/// <see cref="ParquetWriteOptions.RowGroupSize"/> rows (or <see cref="ParquetWriteOptions.RowGroupBytes"/>), pages of
/// about <see cref="ParquetWriteOptions.PageSize"/>, exact statistics, page indexes and optional Bloom filters. Every
/// member shape the reader binds is written, records, lists and maps at any depth included.
/// </summary>
/// <remarks>
/// Rows are encoded a slice at a time as they arrive; the writer holds the row group's encoded pages (the column
/// chunks must follow one another in the file) and one slice of rows, never the row group's rows.
/// </remarks>
/// <example>
/// <code>
/// await using (var writer = await ParquetDatasetWriter&lt;Trip&gt;.CreateAsync("trips.parquet"))
/// {
///     await writer.WriteAsync(trips);
/// }
/// </code>
/// </example>
/// <typeparam name="T">The row type.</typeparam>
public sealed class ParquetDatasetWriter<T> : IAsyncDisposable
    where T : IStreamingRow<T>
{
    /// <summary>Rows encoded at a time: enough to amortise the per-column calls, few enough to stay small.</summary>
    private const int SliceRows = 8_192;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetFileWriter _writer;
    private readonly ColumnStore<T> _pending;
    private long _rowGroupRows;
    private bool _disposed;

    private ParquetDatasetWriter(Stream stream, bool leaveOpen, ParquetFileWriter writer, ParquetWriteOptions options)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _writer = writer;
        Options = options;
        _pending = T.CreateColumnStore(Math.Min(options.RowGroupSize, SliceRows), ColumnBufferPool.Shared);
    }

    /// <summary>The layout settings.</summary>
    public ParquetWriteOptions Options { get; }

    /// <summary>Rows written so far, including those buffered for the next row group.</summary>
    public long RowCount { get; private set; }

    /// <summary>Row groups written so far.</summary>
    public int RowGroupCount { get; private set; }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/>.</summary>
    /// <param name="path">Where to write.</param>
    /// <param name="options">Layout settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>An open writer; dispose it to finish the file.</returns>
    public static async Task<ParquetDatasetWriter<T>> CreateAsync(string path, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous);
        try
        {
            return await CreateAsync(stream, leaveOpen: false, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable, seekable stream.</param>
    /// <param name="leaveOpen">True to leave the stream open when the writer is disposed.</param>
    /// <param name="options">Layout settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>An open writer; dispose it to finish the file.</returns>
    public static async Task<ParquetDatasetWriter<T>> CreateAsync(Stream stream, bool leaveOpen = true, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new ParquetWriteOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RowGroupSize, nameof(options.RowGroupSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RowGroupBytes, nameof(options.RowGroupBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize, nameof(options.PageSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageRowLimit, nameof(options.PageRowLimit));
        var writer = new ParquetFileWriter(stream, T.Schema, options);
        try
        {
            await writer.StartAsync(cancellationToken).ConfigureAwait(false);
            return new ParquetDatasetWriter<T>(stream, leaveOpen, writer, options);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Writes all <paramref name="rows"/> to a new file, in row groups of <paramref name="rowGroupSize"/> rows.</summary>
    /// <param name="path">Where to write.</param>
    /// <param name="rows">The rows; enumerated once.</param>
    /// <param name="rowGroupSize">Rows per row group.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that ends when the file is complete.</returns>
    public static async Task WriteFileAsync(string path, IEnumerable<T> rows, int rowGroupSize = ParquetWriteOptions.DefaultRowGroupSize, CancellationToken cancellationToken = default)
    {
        await using ParquetDatasetWriter<T> writer = await CreateAsync(path, new ParquetWriteOptions { RowGroupSize = rowGroupSize }, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds one row; a full row group is written out.</summary>
    /// <param name="row">The row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that ends when the row is buffered (or its row group written).</returns>
    public ValueTask WriteAsync(T row, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _pending.SetRow(_pending.Count, row);
        _pending.Count++;
        RowCount++;
        return _pending.Count == _pending.Capacity ? EncodeSliceAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Adds rows; every full row group is written out.</summary>
    /// <param name="rows">The rows; enumerated once.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that ends when the rows are buffered or written.</returns>
    public async ValueTask WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (T row in rows)
        {
            await WriteAsync(row, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a batch's rows.</summary>
    /// <param name="batch">The batch; it stays the caller's.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that ends when the rows are buffered or written.</returns>
    public async ValueTask WriteAsync(Batch<T> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (int i = 0; i < batch.Count; i++)
        {
            await WriteAsync(batch[i], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the buffered rows as a row group now, even if it is not full.</summary>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that ends when the row group is written.</returns>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await EncodeSliceAsync(cancellationToken, endRowGroup: false).ConfigureAwait(false);
        if (_rowGroupRows == 0)
        {
            return;
        }

        await _writer.FinishRowGroupAsync(_rowGroupRows, cancellationToken).ConfigureAwait(false);
        RowGroupCount++;
        _rowGroupRows = 0;
    }

    /// <summary>Encodes the buffered rows into pages; a row group that reached its rows or bytes is written out.</summary>
    private async ValueTask EncodeSliceAsync(CancellationToken cancellationToken, bool endRowGroup = true)
    {
        if (_pending.Count > 0)
        {
            await _pending.WriteAsync(_writer.Columns, 0, _pending.Count, cancellationToken).ConfigureAwait(false);
            _rowGroupRows += _pending.Count;
            _pending.Count = 0;
        }

        if (endRowGroup && (_rowGroupRows >= Options.RowGroupSize || _writer.BufferedBytes >= Options.RowGroupBytes))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is buffered and finishes the file.</summary>
    /// <returns>A task that ends when the file is complete.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
            await _writer.FinishAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            _pending.Dispose();
            _writer.Dispose();
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
