using global::Parquet;
using global::Parquet.Schema;

namespace Alimentar;

/// <summary>
/// Writes rows of <typeparamref name="T"/> to a Parquet file, one row group per
/// <see cref="ParquetWriteOptions.RowGroupSize"/> rows, holding only the row group being filled in memory.
/// </summary>
/// <remarks>
/// Each column chunk is written as one page (Parquet.Net's layout), so reading such a file holds one column
/// chunk per column at a time: choose <see cref="ParquetWriteOptions.RowGroupSize"/> with the reader's memory
/// in mind. The default keeps a chunk near 1 MiB per column.
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
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly ColumnStore<T> _pending;
    private bool _disposed;

    private ParquetDatasetWriter(Stream stream, bool leaveOpen, ParquetWriter writer, DataField[] fields, ParquetWriteOptions options)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _writer = writer;
        _fields = fields;
        Options = options;
        _pending = T.CreateColumnStore(options.RowGroupSize, ColumnBufferPool.Shared);
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
        ParquetSchema schema = ParquetFieldFactory.CreateSchema(T.Schema);
        var parquetOptions = new ParquetOptions { CompressionMethod = ToCompressionMethod(options.Compression) };
        ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream, parquetOptions, append: false, cancellationToken).ConfigureAwait(false);
        return new ParquetDatasetWriter<T>(stream, leaveOpen, writer, schema.GetDataFields(), options);
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
        return _pending.Count == _pending.Capacity ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
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
        if (_pending.Count == 0)
        {
            return;
        }

        using (ParquetRowGroupWriter rowGroup = _writer.CreateRowGroup())
        {
            await _pending.WriteAsync(new ParquetColumnWriter(rowGroup, _fields), 0, _pending.Count, cancellationToken).ConfigureAwait(false);
            rowGroup.CompleteValidate();
        }

        RowGroupCount++;
        _pending.Count = 0;
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
        }
        finally
        {
            _disposed = true;
            _pending.Dispose();
            await _writer.DisposeAsync().ConfigureAwait(false);
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static CompressionMethod ToCompressionMethod(ParquetCompression compression) => compression switch
    {
        ParquetCompression.None => CompressionMethod.None,
        ParquetCompression.Snappy => CompressionMethod.Snappy,
        ParquetCompression.Gzip => CompressionMethod.Gzip,
        ParquetCompression.Zstd => CompressionMethod.Zstd,
        ParquetCompression.Lz4 => CompressionMethod.Lz4Raw,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown compression."),
    };
}
