namespace Alimentar;

/// <summary>
/// Rows of <typeparamref name="TRow"/> held column by column in pooled arrays: what a batch is decoded
/// into. The source generator derives one per row type; the runtime creates them through
/// <see cref="IStreamingRow{TSelf}.CreateColumnStore"/>. This type supports generated code and is not
/// meant to be used directly: read batches through <c>Batch&lt;T&gt;</c> and its typed accessors.
/// </summary>
/// <remarks>A store has one owner. <see cref="Dispose"/> returns every column buffer to the pool it
/// came from, once; reading a store after that is a bug the runtime guards against. A store nobody
/// disposed returns its buffers when the garbage collector finds it unreachable (its finalizer), so a loop
/// that never disposes its batches reuses their buffers instead of allocating new ones batch after batch:
/// as after <see cref="Dispose"/>, a span of a column is valid only while its batch is held.</remarks>
/// <typeparam name="TRow">The row type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public abstract class ColumnStore<TRow> : IDisposable
{
    private int _count;
    private int _disposed;

    /// <summary>Initialises a store for at most <paramref name="capacity"/> rows.</summary>
    /// <param name="capacity">The most rows the store holds.</param>
    /// <param name="pool">Where the column buffers are rented from and returned to.</param>
    protected ColumnStore(int capacity, ColumnBufferPool pool)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentNullException.ThrowIfNull(pool);
        Capacity = capacity;
        Pool = pool;
    }

    /// <summary>The most rows this store holds.</summary>
    public int Capacity { get; }

    /// <summary>The rows filled so far (by <see cref="ReadAsync"/> or <see cref="SetRow"/>).</summary>
    public int Count
    {
        get => _count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            _count = value;
        }
    }

    /// <summary>True once <see cref="Dispose"/> has returned the buffers.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The pool the column buffers belong to.</summary>
    protected ColumnBufferPool Pool { get; }

    /// <summary>Materialises row <paramref name="index"/> from its columns.</summary>
    /// <param name="index">A row index below <see cref="Count"/>.</param>
    /// <returns>The row.</returns>
    public abstract TRow GetRow(int index);

    /// <summary>Stores <paramref name="row"/> at <paramref name="index"/>, column by column.</summary>
    /// <param name="index">A row index below <see cref="Capacity"/>.</param>
    /// <param name="row">The row to store.</param>
    public abstract void SetRow(int index, TRow row);

    /// <summary>Fills the store with the row group <paramref name="reader"/> is positioned on.</summary>
    /// <param name="reader">Reads one column at a time.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public abstract ValueTask ReadAsync(IColumnReader reader, CancellationToken cancellationToken);

    /// <summary>Writes rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> as one row group.</summary>
    /// <param name="writer">Writes one column at a time, in schema order.</param>
    /// <param name="start">The first row to write.</param>
    /// <param name="count">How many rows to write.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public abstract ValueTask WriteAsync(IColumnWriter writer, int start, int count, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes that rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>
    /// occupy: fixed-width column elements plus the characters and bytes of string and binary values.
    /// </summary>
    /// <param name="start">The first row.</param>
    /// <param name="count">How many rows.</param>
    /// <returns>A byte count; what memory tracking adds up.</returns>
    public abstract long GetSizeInBytes(int start, int count);

    /// <summary>Returns every column buffer to the pool. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ReturnBuffers();
        }

        ReleasePressure();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Returns the buffers of a store that was dropped without <see cref="Dispose"/>. Nothing can still view
    /// them: batches, their shares and zero-copy Arrow buffers all hold the store.
    /// </summary>
    ~ColumnStore()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                ReturnBuffers();
            }
            catch (Exception)
            {
                // An exception on the finalizer thread would end the process, and there is no caller to tell. A store
                // whose constructor failed part way (a rent that ran out of memory) is finalized with its later buffers
                // never rented, the ones before returned in order; and a store of a type in an unloaded assembly is
                // finalized in the same pass as its type's pool, whose parts it may reach already finalized.
            }
        }

        ReleasePressure();
    }

    private long _pressure;

    /// <summary>
    /// Tells the garbage collector that <paramref name="bytes"/> of pooled buffers wait for it to find this store
    /// dropped: its consumer moved on without disposing it. Without the hint the collector sees only the small
    /// store object and runs late, while the pool, empty, allocates anew for every batch.
    /// </summary>
    internal void AwaitCollection(long bytes)
    {
        if (bytes <= 0 || IsDisposed || Interlocked.CompareExchange(ref _pressure, bytes, 0) != 0)
        {
            return;
        }

        GC.AddMemoryPressure(bytes);
        if (IsDisposed)
        {
            ReleasePressure(); // Disposed meanwhile, on another thread: Dispose may have missed the hint.
        }
    }

    private void ReleasePressure()
    {
        if (Interlocked.Exchange(ref _pressure, 0) is > 0 and long pressure)
        {
            GC.RemoveMemoryPressure(pressure);
        }
    }

    /// <summary>Returns each column buffer to <see cref="Pool"/>; called once, by <see cref="Dispose"/> or the finalizer.</summary>
    protected abstract void ReturnBuffers();

    /// <summary>Throws when a row group holds more rows than this store was created for.</summary>
    /// <param name="rows">The rows about to be stored.</param>
    protected void EnsureCapacity(int rows)
    {
        if (rows > Capacity)
        {
            throw new InvalidOperationException($"A row group of {rows} rows does not fit a store created for {Capacity} rows.");
        }
    }

    /// <summary>The payload bytes of a string column's values in a row range (two bytes per character).</summary>
    /// <param name="column">The column buffer.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">How many rows.</param>
    /// <returns>Two bytes per character of every non-null value.</returns>
    protected static long StringBytes(string?[] column, int start, int count)
    {
        long bytes = 0;
        foreach (string? value in column.AsSpan(start, count))
        {
            bytes += (value?.Length ?? 0) * sizeof(char);
        }

        return bytes;
    }

    /// <summary>The payload bytes of a variant column's values in a row range: each variant's metadata and value.</summary>
    /// <param name="column">The column buffer.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">How many rows.</param>
    /// <returns>The length of every variant's metadata and value, added up.</returns>
    protected static long VariantBytes(ParquetVariant[] column, int start, int count)
    {
        long bytes = 0;
        foreach (ParquetVariant value in column.AsSpan(start, count))
        {
            bytes += value.Metadata.Length + value.Value.Length;
        }

        return bytes;
    }

    /// <summary>As <see cref="VariantBytes(ParquetVariant[], int, int)"/>, for a nullable column.</summary>
    /// <param name="column">The column buffer.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">How many rows.</param>
    /// <returns>The length of every non-null variant's metadata and value, added up.</returns>
    protected static long VariantBytes(ParquetVariant?[] column, int start, int count)
    {
        long bytes = 0;
        foreach (ParquetVariant? value in column.AsSpan(start, count))
        {
            bytes += value is { } variant ? variant.Metadata.Length + variant.Value.Length : 0;
        }

        return bytes;
    }

    /// <summary>The payload bytes of a binary column's values in a row range.</summary>
    /// <param name="column">The column buffer.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">How many rows.</param>
    /// <returns>The length of every non-null value, added up.</returns>
    protected static long BinaryBytes(byte[]?[] column, int start, int count)
    {
        long bytes = 0;
        foreach (byte[]? value in column.AsSpan(start, count))
        {
            bytes += value?.Length ?? 0;
        }

        return bytes;
    }
}
