using System.Runtime.CompilerServices;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Arrays that live while one batch is decoded: the per-leaf slots, entry starts and presence a record member is
/// assembled from. They are rented from the column pool and all go back when the row group's next batch starts (or
/// the row group ends), since generated code has built the batch's objects from them by then.
/// </summary>
/// <remarks>
/// A batch of records or maps needed a dozen such arrays per leaf, most of them tens of thousands of entries long:
/// allocated afresh, they landed on the large object heap and cost a full collection every few batches.
/// </remarks>
internal sealed class BatchArrays : IDisposable
{
    // Column reads decoded side by side (ColumnFanOut) rent from one batch's arrays on several threads.
    private readonly Lock _gate = new();
    private readonly List<Action> _returns = [];
    private readonly Dictionary<Type, object> _lists = [];

    /// <summary>The bytes of the arrays rented since the last <see cref="ReturnAll"/>: memory the pass holds.</summary>
    public long SizeInBytes { get; private set; }

    /// <summary>An array of at least <paramref name="length"/> elements, with undefined contents, until the next batch.</summary>
    public T[] Rent<T>(int length)
    {
        T[] array = ColumnArrays<T>.Pool.Rent(Math.Max(1, length));
        lock (_gate)
        {
            _returns.Add(() => ColumnArrays<T>.Pool.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>()));
            SizeInBytes += (long)array.Length * Unsafe.SizeOf<T>();
        }

        return array;
    }

    /// <summary>
    /// An empty list of <typeparamref name="T"/>, the same one each time it is asked for: use it and be done before
    /// asking again. For record columns, which are never decoded side by side.
    /// </summary>
    public List<T> ScratchList<T>()
    {
        if (!_lists.TryGetValue(typeof(T), out object? list))
        {
            _lists[typeof(T)] = list = new List<T>();
        }

        var scratch = (List<T>)list;
        scratch.Clear();
        return scratch;
    }

    /// <summary>Returns every array rented since the last call.</summary>
    public void ReturnAll()
    {
        foreach (Action giveBack in _returns)
        {
            giveBack();
        }

        _returns.Clear();
        SizeInBytes = 0;
    }

    public void Dispose()
    {
        ReturnAll();
        _lists.Clear();
    }
}
