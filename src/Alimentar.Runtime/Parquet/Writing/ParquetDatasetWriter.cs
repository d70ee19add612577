using Alimentar.Parquet.Writing;

namespace Alimentar;

/// <summary>
/// Writes rows of <typeparamref name="T"/> to a Parquet file, or to a dataset of part files in a folder or under an
/// object-store prefix, with Alimentar's own page writer: row groups of <see cref="ParquetWriteOptions.RowGroupSize"/>
/// rows (or <see cref="ParquetWriteOptions.RowGroupBytes"/>), pages of about <see cref="ParquetWriteOptions.PageSize"/>,
/// exact statistics, page indexes and optional Bloom filters. Every member shape the reader binds is written,
/// records, lists and maps at any depth included.
/// </summary>
/// <remarks>
/// <para>
/// Rows are encoded a slice at a time as they arrive; the writer holds the row group's encoded pages (the column
/// chunks must follow one another in the file) and one slice of rows, never the row group's rows.
/// </para>
/// <para>
/// A file appears under its name only when it is complete: a path is written under a hidden temporary name beside
/// it and renamed, an object-store upload is completed. If a write fails or is cancelled, the writer is spent and
/// disposing it discards the file being written (parts already complete stay).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using (var writer = await ParquetDatasetWriter&lt;Trip&gt;.CreateAsync("trips.parquet"))
/// {
///     await writer.WriteAsync(trips);
/// }
///
/// // part-00000.parquet, part-00001.parquet, … of at most 10 million rows each, under s3://bucket/trips/
/// var options = new ParquetWriteOptions { RowsPerFile = 10_000_000 };
/// await using (var dataset = await ParquetDatasetWriter&lt;Trip&gt;.CreateDatasetAsync(s3, "trips/", options))
/// {
///     await dataset.WriteAsync(trips);
/// }
/// </code>
/// </example>
/// <typeparam name="T">The row type.</typeparam>
public sealed class ParquetDatasetWriter<T> : IAsyncDisposable
    where T : IStreamingRow<T>
{
    // Rows are encoded a slice at a time, the slice's columns side by side: a slice must give each column enough work
    // to outweigh handing it to another core (a few thousand values is too little), yet stay a few MiB however wide
    // the row, since the writer holds it.
    private const int MinSliceRows = 8_192;
    private const int MaxSliceRows = 65_536;
    private const int SliceBytes = 4 << 20;

    private readonly Func<int, CancellationToken, ValueTask<(WriteTarget Target, string Name)>> _openPart;
    private readonly bool _isDataset;
    private readonly ColumnStore<T> _pending;
    private readonly List<string> _files = [];
    private WriteTarget? _target;
    private ParquetFileWriter? _writer;
    private string? _name;
    private long _rowGroupRows;
    private long _sliceBytes;
    private int _measuredRows;
    private long _fileRows;
    private bool _disposed;
    private bool _faulted;

    private ParquetDatasetWriter(Func<int, CancellationToken, ValueTask<(WriteTarget, string)>> openPart, bool isDataset, ParquetWriteOptions options)
    {
        _openPart = openPart;
        _isDataset = isDataset;
        Options = options;
        int sliceRows = Math.Clamp(SliceBytes / (8 * Math.Max(1, T.Schema.Columns.Count)), MinSliceRows, MaxSliceRows);
        _pending = T.CreateColumnStore(Math.Min(options.RowGroupSize, sliceRows), ColumnBufferPool.Shared);
    }

    /// <summary>The layout settings.</summary>
    public ParquetWriteOptions Options { get; }

    /// <summary>Rows written so far, including those buffered for the next row group.</summary>
    public long RowCount { get; private set; }

    /// <summary>Row groups written so far, over all files.</summary>
    public int RowGroupCount { get; private set; }

    /// <summary>The files completed so far (paths, or keys in the store), in the order written.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/>; it appears only when the writer is disposed.</summary>
    /// <param name="path">Where to write.</param>
    /// <param name="options">Layout settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>An open writer; dispose it to finish the file.</returns>
    public static Task<ParquetDatasetWriter<T>> CreateAsync(string path, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return CreateAsync((_, _) => ValueTask.FromResult<(WriteTarget, string)>((new UploadTarget(new LocalFileUpload(path, path)), path)), isDataset: false, options, cancellationToken);
    }

    /// <summary>Writes to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="leaveOpen">True to leave the stream open when the writer is disposed.</param>
    /// <param name="options">Layout settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>An open writer; dispose it to finish the file.</returns>
    public static Task<ParquetDatasetWriter<T>> CreateAsync(Stream stream, bool leaveOpen = true, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return CreateAsync((_, _) => ValueTask.FromResult<(WriteTarget, string)>((new StreamTarget(stream, leaveOpen), "stream")), isDataset: false, options, cancellationToken);
    }

    /// <summary>Writes one object, <paramref name="key"/>, to <paramref name="store"/>; it appears only when the writer is disposed.</summary>
    /// <param name="store">The store: a folder, S3 (a multipart upload) or Azure Blob (block blobs).</param>
    /// <param name="key">The object's key.</param>
    /// <param name="options">Layout settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>An open writer; dispose it to finish the object.</returns>
    public static Task<ParquetDatasetWriter<T>> CreateAsync(IWritableObjectStore store, string key, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return CreateAsync(async (_, ct) => ((WriteTarget)new UploadTarget(await store.StartUploadAsync(key, ct).ConfigureAwait(false)), key), isDataset: false, options, cancellationToken);
    }

    /// <summary>
    /// Writes a dataset into <paramref name="directory"/> (created if missing) as <c>part-00000.parquet</c>,
    /// <c>part-00001.parquet</c>, …, a new part after <see cref="ParquetWriteOptions.RowsPerFile"/> rows or
    /// <see cref="ParquetWriteOptions.BytesPerFile"/> bytes; each part appears when it is complete.
    /// </summary>
    /// <param name="directory">The dataset's folder.</param>
    /// <param name="options">Layout settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>An open writer; dispose it to finish the last part.</returns>
    public static Task<ParquetDatasetWriter<T>> CreateDatasetAsync(string directory, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        return CreateDatasetAsync(new LocalObjectStore(directory), string.Empty, options, cancellationToken);
    }

    /// <summary>
    /// Writes a dataset under <paramref name="prefix"/> in <paramref name="store"/> as <c>{prefix}part-00000.parquet</c>,
    /// …, a new part after <see cref="ParquetWriteOptions.RowsPerFile"/> rows or <see cref="ParquetWriteOptions.BytesPerFile"/>
    /// bytes; each part appears when its upload completes. Read it back with <see cref="ParquetSource{T}.FromStore"/>.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="prefix">The keys' prefix, for example <c>trips/</c>.</param>
    /// <param name="options">Layout settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>An open writer; dispose it to finish the last part.</returns>
    public static Task<ParquetDatasetWriter<T>> CreateDatasetAsync(IWritableObjectStore store, string prefix, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        return CreateAsync(
            async (part, ct) =>
            {
                string key = $"{prefix}part-{part:D5}.parquet";
                return (new UploadTarget(await store.StartUploadAsync(key, ct).ConfigureAwait(false)), key);
            },
            isDataset: true,
            options,
            cancellationToken);
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
        if (_writer is null)
        {
            return FaultOnErrorAsync(OpenPartThenWriteAsync(row, cancellationToken));
        }

        _pending.SetRow(_pending.Count, row);
        _pending.Count++;
        RowCount++;
        bool sliceFull = _pending.Count == _pending.Capacity || _rowGroupRows + _pending.Count >= RowGroupLimit || SliceBytesReached();
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
            // Most rows only fill the slice and complete at once: awaiting those would cost a state-machine step per
            // row. An array is walked by index, without an enumerator's interface calls per row.
            if (rows is T[] array)
            {
                for (int i = 0; i < array.Length; i++)
                {
                    ValueTask written = WriteAsync(array[i], cancellationToken);
                    if (!written.IsCompletedSuccessfully)
                    {
                        await written.ConfigureAwait(false);
                    }
                }

                return;
            }

            foreach (T row in rows)
            {
                ValueTask written = WriteAsync(row, cancellationToken);
                if (!written.IsCompletedSuccessfully)
                {
                    await written.ConfigureAwait(false);
                }
            }
        }
        catch
        {
            // The rows failed part way (theirs or ours): the file would hold some of them, so it is not published.
            _faulted = true;
            throw;
        }
    }

    /// <summary>Adds a batch's rows, column by column from the batch's own arrays (no row objects are made).</summary>
    /// <param name="batch">The batch; it stays the caller's.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that ends when the rows are encoded or written.</returns>
    public ValueTask WriteAsync(Batch<T> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfUnusable();
        return FaultOnErrorAsync(WriteColumnsAsync(batch, cancellationToken));
    }

    /// <summary>Writes a batch's columns in stretches that end where row groups (and parts) end.</summary>
    private async ValueTask WriteColumnsAsync(Batch<T> batch, CancellationToken cancellationToken)
    {
        int written = 0;
        while (written < batch.Count)
        {
            if (_writer is null)
            {
                await OpenPartAsync(cancellationToken).ConfigureAwait(false);
            }

            // Rows buffered one by one go first, so the file keeps the order the rows were given in.
            await EncodeSliceAsync(cancellationToken, endRowGroup: true).ConfigureAwait(false);
            if (_writer is null)
            {
                continue;
            }

            int count = (int)Math.Min(batch.Count - written, RowGroupLimit - _rowGroupRows);
            count = SliceSizing.StretchRows(batch.Columns.GetSizeInBytes(batch.Offset + written, count), count);
            _writer.Columns.FirstRow = RowCount;
            await batch.Columns.WriteAsync(_writer.Columns, batch.Offset + written, count, cancellationToken).ConfigureAwait(false);
            _writer.Columns.EncodeQueued();
            _rowGroupRows += count;
            RowCount += count;
            written += count;
            await EncodeSliceAsync(cancellationToken, endRowGroup: true).ConfigureAwait(false);
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
    /// Writes what is buffered and finishes the file (or the dataset's last part), which only then appears under its
    /// name. After a failed or cancelled write the file being written is discarded instead.
    /// </summary>
    /// <returns>A task that ends when the file is complete, or discarded.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_faulted)
            {
                await FlushRowGroupAsync(CancellationToken.None).ConfigureAwait(false);
                await FinishPartAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _pending.Dispose();
            await AbortPartAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Encoded bytes of the row group being written held in memory (for tests).</summary>
    internal long BufferedBytes => _writer?.BufferedBytes ?? 0;

    /// <summary>The spill file of the part being written, while it exists (for tests).</summary>
    internal string? SpillPath => _writer?.SpillPath;

    /// <summary>Rows the row group being written may still take: its size, and for a dataset what the part has left.</summary>
    private long RowGroupLimit => Options.RowsPerFile is { } perFile && _isDataset ? Math.Min(Options.RowGroupSize, perFile - _fileRows) : Options.RowGroupSize;

    private static async Task<ParquetDatasetWriter<T>> CreateAsync(
        Func<int, CancellationToken, ValueTask<(WriteTarget, string)>> openPart, bool isDataset, ParquetWriteOptions? options, CancellationToken cancellationToken)
    {
        options ??= new ParquetWriteOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RowGroupSize, nameof(options.RowGroupSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RowGroupBytes, nameof(options.RowGroupBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize, nameof(options.PageSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageRowLimit, nameof(options.PageRowLimit));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDegreeOfParallelism, nameof(options.MaxDegreeOfParallelism));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RowsPerFile ?? 1, nameof(options.RowsPerFile));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BytesPerFile ?? 1, nameof(options.BytesPerFile));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SpillBytes ?? 1, nameof(options.SpillBytes));
        if (options.SpillDirectory is { } spillDirectory && !Directory.Exists(spillDirectory))
        {
            throw new DirectoryNotFoundException($"The spill directory '{spillDirectory}' ({nameof(ParquetWriteOptions.SpillDirectory)}) does not exist.");
        }
        var writer = new ParquetDatasetWriter<T>(openPart, isDataset, options);
        try
        {
            // The first part opens now, so a row type that cannot be written fails here, not at the first row.
            await writer.OpenPartAsync(cancellationToken).ConfigureAwait(false);
            return writer;
        }
        catch
        {
            await writer.AbortPartAsync().ConfigureAwait(false);
            writer._pending.Dispose();
            throw;
        }
    }

    private async ValueTask OpenPartAsync(CancellationToken cancellationToken)
    {
        (WriteTarget target, string name) = await _openPart(_files.Count, cancellationToken).ConfigureAwait(false);
        _target = target;
        _name = name;
        _writer = new ParquetFileWriter(target.Stream, T.Schema, Options);
        _fileRows = 0;
        await _writer.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OpenPartThenWriteAsync(T row, CancellationToken cancellationToken)
    {
        await OpenPartAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes the part being written (its footer, then the rename or upload completion) and records its name.</summary>
    private async ValueTask FinishPartAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return;
        }

        await _writer.FinishAsync(cancellationToken).ConfigureAwait(false);
        await _target!.CommitAsync(cancellationToken).ConfigureAwait(false);
        _files.Add(_name!);
        _writer.Dispose();
        _writer = null;
        _target = null;
    }

    private async ValueTask AbortPartAsync()
    {
        _writer?.Dispose();
        _writer = null;
        if (_target is { } target)
        {
            _target = null;
            await target.AbortAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        await EncodeSliceAsync(cancellationToken, endRowGroup: false).ConfigureAwait(false);
        if (_rowGroupRows == 0)
        {
            return;
        }

        await _writer!.FinishRowGroupAsync(_rowGroupRows, cancellationToken).ConfigureAwait(false);
        RowGroupCount++;
        _fileRows += _rowGroupRows;
        _rowGroupRows = 0;
        if (_isDataset && (_fileRows >= Options.RowsPerFile || _writer.BytesWritten >= Options.BytesPerFile))
        {
            await FinishPartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Encodes the buffered rows into pages; a row group that reached its rows or bytes is written out.</summary>
    private async ValueTask EncodeSliceAsync(CancellationToken cancellationToken, bool endRowGroup)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_pending.Count > 0)
        {
            _writer!.Columns.FirstRow = RowCount - _pending.Count;
            await _pending.WriteAsync(_writer.Columns, 0, _pending.Count, cancellationToken).ConfigureAwait(false);
            _writer.Columns.EncodeQueued();
            _rowGroupRows += _pending.Count;
            _pending.Count = 0;
            _sliceBytes = 0;
            _measuredRows = 0;
        }

        if (_writer is not null)
        {
            await _writer.SpillIfOverAsync(cancellationToken).ConfigureAwait(false);
        }

        bool bytesReached = _writer is not null && (_writer.RowGroupBytes >= Options.RowGroupBytes
            || (_isDataset && _writer.BytesWritten + _writer.RowGroupBytes >= Options.BytesPerFile));
        if (endRowGroup && (_rowGroupRows >= RowGroupLimit || bytesReached))
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the slice's rows hold <see cref="SliceSizing.MaxBytes"/>; each row is measured once, a few rows at a time.</summary>
    private bool SliceBytesReached()
    {
        if (_pending.Count % SliceSizing.RowsPerMeasure != 0)
        {
            return false;
        }

        _sliceBytes += _pending.GetSizeInBytes(_measuredRows, _pending.Count - _measuredRows);
        _measuredRows = _pending.Count;
        return _sliceBytes >= SliceSizing.MaxBytes;
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
