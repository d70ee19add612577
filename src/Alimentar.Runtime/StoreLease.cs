namespace Alimentar;

/// <summary>
/// Shares one column store between the batches that view it (the slices of a row group, or the passes
/// of an in-memory source) and disposes it when the last one lets go.
/// </summary>
internal sealed class StoreLease<T>
    where T : IStreamingRow<T>
{
    private int _references = 1;

    public StoreLease(ColumnStore<T> store) => Store = store;

    public ColumnStore<T> Store { get; }

    public void Retain()
    {
        if (Interlocked.Increment(ref _references) <= 1)
        {
            throw new ObjectDisposedException(nameof(ColumnStore<T>), "The column store was already released.");
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Store.Dispose();
        }
    }
}
