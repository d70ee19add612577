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

    private readonly WriteTarget _target;
    private readonly ParquetFileWriter _writer;
    private readonly ColumnStore<T> _pending;
    private long _rowGroupRows;
    private bool _disposed;
    private bool _faulted;

    private ParquetDatasetWriter(WriteTarget target, ParquetFileWriter writer, ParquetWriteOptions options)
    {
        _target = target;
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
        return await CreateAsync(new LocalFileTarget(path), options, cancellationToken).ConfigureAwait(false);
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
        return await CreateAsync(new StreamTarget(stream, leaveOpen), options, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<ParquetDatasetWriter<T>> CreateAsync(WriteTarget target, ParquetWriteOptions? options, CancellationToken cancellationToken)
    {
        ParquetFileWriter? writer = null;
        try
        {
            options ??= new ParquetWriteOptions();
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RowGroupSize, nameof(options.RowGroupSize));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RowGroupBytes, nameof(options.RowGroupBytes));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize, nameof(options.PageSize));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageRowLimit, nameof(options.PageRowLimit));
            writer = new ParquetFileWriter(target.Stream, T.Schema, options);
            await writer.StartAsync(cancellationToken).ConfigureAwait(false);
            return new ParquetDatasetWriter<T>(target, writer, options);
        }
        catch
        {
            writer?.Dispose();
            await target.AbortAsync().ConfigureAwait(false);
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
    /// <remarks>If a write fails or is cancelled, the writer is spent: disposing it discards the file rather than publish part of it.</remarks>
    public ValueTask WriteAsync(T row, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        _pending.SetRow(_pending.Count, row);
        _pending.Count++;
        RowCount++;
        bool sliceFull = _pending.Count == _pending.Capacity || _rowGroupRows + _pending.Count >= Options.RowGroupSize;
        return sliceFull ? FaultOnErrorAsync(EncodeSliceAsync(cancellationToken, endRowGroup: true)) : ValueTask.CompletedTask;
    }

    /// <summary>Adds rows; every full row group is written out.</summary>
    /// <param name="rows">The rows; enumerated once.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that ends when the rows are buffered or written.</returns>
    public async ValueTask WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        try
        {
            foreach (T row in rows)
            {
                await WriteAsync(row, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // The rows failed part way (theirs or ours): the file would hold some of them, so it is not published.
            _faulted = true;
            throw;
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
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        return FaultOnErrorAsync(FlushRowGroupAsync(cancellationToken));
    }

    /// <summary>
    /// Writes what is buffered and finishes the file, which only then appears under its name (a path is written to a
    /// hidden temporary file beside it and renamed). After a failed or cancelled write the file is discarded instead.
    /// </summary>
    /// <returns>A task that ends when the file is complete, or discarded.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        bool committed = false;
        try
        {
            if (!_faulted)
            {
                await FlushRowGroupAsync(CancellationToken.None).ConfigureAwait(false);
                await _writer.FinishAsync(CancellationToken.None).ConfigureAwait(false);
                await _target.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                committed = true;
            }
        }
        finally
        {
            _pending.Dispose();
            _writer.Dispose();
            if (!committed)
            {
                await _target.AbortAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask FlushRowGroupAsync(CancellationToken cancellationToken)
    {
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
    private async ValueTask EncodeSliceAsync(CancellationToken cancellationToken, bool endRowGroup)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_pending.Count > 0)
        {
            await _pending.WriteAsync(_writer.Columns, 0, _pending.Count, cancellationToken).ConfigureAwait(false);
            _rowGroupRows += _pending.Count;
            _pending.Count = 0;
        }

        if (endRowGroup && (_rowGroupRows >= Options.RowGroupSize || _writer.BufferedBytes >= Options.RowGroupBytes))
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FaultOnErrorAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            throw new InvalidOperationException("An earlier write to this Parquet writer failed; the file will be discarded when the writer is disposed.");
        }
    }
}
