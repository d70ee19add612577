using System.Collections;
using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// A run of rows of <typeparamref name="T"/> held column by column: a whole Parquet row group or a
/// slice of one. Read rows with the indexer or <c>foreach</c>, and whole columns as spans through the
/// accessors the generator adds (<c>batch.Score</c>).
/// </summary>
/// <remarks>
/// A batch owns pooled buffers. <see cref="Dispose"/> hands them back (use <c>using</c>, or
/// <see cref="StreamingDataset{T}.Rows"/> which disposes for you); a batch never disposed is simply
/// collected, correct but slower. Using a batch after disposing it throws <see cref="ObjectDisposedException"/>.
/// </remarks>
/// <typeparam name="T">The row type.</typeparam>
public sealed class Batch<T> : IReadOnlyList<T>, IDisposable
    where T : IStreamingRow<T>
{
    private readonly StoreLease<T> _lease;
    private long _sizeInBytes = -1;
    private int _disposed;

    internal Batch(StoreLease<T> lease, int offset, int count, BatchPosition position)
    {
        _lease = lease;
        Offset = offset;
        Count = count;
        Position = position;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Where the first row comes from.</summary>
    public BatchPosition Position { get; }

    /// <summary>The bytes this batch's rows occupy in memory; what memory tracking adds up.</summary>
    public long SizeInBytes
    {
        get
        {
            if (_sizeInBytes < 0)
            {
                _sizeInBytes = Columns.GetSizeInBytes(Offset, Count);
            }

            return _sizeInBytes;
        }
    }

    /// <summary>True once the batch has been disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The column store behind this batch; generated column accessors read it. Supports generated code; use the typed accessors instead.</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public ColumnStore<T> Columns
    {
        get
        {
            ThrowIfDisposed();
            return _lease.Store;
        }
    }

    /// <summary>The index of this batch's first row in <see cref="Columns"/>. Supports generated code.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public int Offset { get; }

    /// <summary>Materialises row <paramref name="index"/>.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowIndexOutOfRange(index);
            }

            return Columns.GetRow(Offset + index);
        }
    }

    /// <summary>Creates a batch that owns a new store filled with <paramref name="rows"/>.</summary>
    /// <param name="rows">The rows, copied into columns.</param>
    /// <param name="pool">Where the column buffers come from; <see cref="ColumnBufferPool.Shared"/> when null.</param>
    /// <returns>A batch of <paramref name="rows"/>.Length rows.</returns>
    public static Batch<T> FromRows(ReadOnlySpan<T> rows, ColumnBufferPool? pool = null) =>
        FromRows(rows, pool, new BatchPosition(MemorySource<T>.SourceName, 0, 0));

    /// <summary>Creates a batch that owns a new store filled with <paramref name="rows"/>, from where <paramref name="position"/> says: how a source of your own makes its batches.</summary>
    /// <param name="rows">The rows, copied into columns.</param>
    /// <param name="pool">Where the column buffers come from; <see cref="ColumnBufferPool.Shared"/> when null.</param>
    /// <param name="position">The source, unit and first row, as errors and checkpoints show them.</param>
    /// <returns>A batch of <paramref name="rows"/>.Length rows.</returns>
    public static Batch<T> FromRows(ReadOnlySpan<T> rows, ColumnBufferPool? pool, BatchPosition position)
    {
        ColumnStore<T> store = T.CreateColumnStore(rows.Length, pool ?? ColumnBufferPool.Shared);
        for (int i = 0; i < rows.Length; i++)
        {
            store.SetRow(i, rows[i]);
        }

        store.Count = rows.Length;
        return FromStore(store, position);
    }

    /// <summary>Creates a batch that takes ownership of <paramref name="store"/> and disposes it with the batch.</summary>
    /// <param name="store">A filled store.</param>
    /// <param name="position">Where the rows come from.</param>
    /// <returns>A batch over all of the store's rows.</returns>
    public static Batch<T> FromStore(ColumnStore<T> store, BatchPosition position)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new Batch<T>(new StoreLease<T>(store), 0, store.Count, position);
    }

    /// <summary>A new batch over the same rows that keeps the buffers alive until it, too, is disposed.</summary>
    /// <returns>A batch sharing this one's store.</returns>
    public Batch<T> Share() => Share(Position);

    /// <summary>Copies the rows into a new array.</summary>
    /// <returns>The rows in order.</returns>
    public T[] ToArray()
    {
        var rows = new T[Count];
        ColumnStore<T> store = Columns;
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = store.GetRow(Offset + i);
        }

        return rows;
    }

    /// <summary>Enumerates the rows without allocating.</summary>
    /// <returns>A struct enumerator.</returns>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Hands the buffers back to their pool (once the last batch sharing them is disposed).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _lease.Release();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Batch<{typeof(T).Name}>({Count} rows at {Position})";

    /// <summary>
    /// Called when a pass's consumer asks for the next batch: if this one was not disposed, its buffers go back to
    /// the pool once the collector finds it dropped (<see cref="ColumnStore{TRow}"/>'s finalizer), and the
    /// collector is told how much waits for it. A batch still held (a list of batches) is simply kept.
    /// </summary>
    internal void ConsumerMovedOn()
    {
        if (!IsDisposed)
        {
            ColumnStore<T> store = _lease.Store;
            store.AwaitCollection(store.GetSizeInBytes(0, store.Count));
        }
    }

    internal Batch<T> Share(BatchPosition position)
    {
        ThrowIfDisposed();
        _lease.Retain();
        return new Batch<T>(_lease, Offset, Count, position);
    }

    /// <summary>A new batch over rows <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> of this one, sharing its buffers.</summary>
    internal Batch<T> Slice(int offset, int count, BatchPosition position)
    {
        ThrowIfDisposed();
        return Slice(_lease, Offset + offset, count, position);
    }

    internal static Batch<T> Slice(StoreLease<T> lease, int offset, int count, BatchPosition position)
    {
        lease.Retain();
        return new Batch<T>(lease, offset, count, position);
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            ThrowDisposed();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowDisposed() => throw new ObjectDisposedException(ToString(), "The batch was disposed and its buffers returned to the pool.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowIndexOutOfRange(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The batch holds {Count} rows.");

    /// <summary>Enumerates a batch's rows.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly ColumnStore<T> _store;
        private readonly int _end;
        private int _next;
        private T _current;

        internal Enumerator(Batch<T> batch)
        {
            _store = batch.Columns;
            _next = batch.Offset;
            _end = batch.Offset + batch.Count;
            _current = default!;
        }

        /// <inheritdoc />
        public readonly T Current => _current;

        readonly object IEnumerator.Current => _current!;

        /// <inheritdoc />
        public bool MoveNext()
        {
            if (_next < _end)
            {
                _current = _store.GetRow(_next++);
                return true;
            }

            return false;
        }

        /// <inheritdoc />
        public void Reset() => throw new NotSupportedException();

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
