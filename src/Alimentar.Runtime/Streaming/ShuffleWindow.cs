namespace Alimentar.Streaming;

/// <summary>
/// The rows of one shuffle window, held as references into the batches they were decoded in (each batch held
/// by a share) rather than as row objects: a row becomes an object only on its way into a shuffled batch, so
/// the window costs its columnar size and a window's worth of objects never lives long enough to be promoted.
/// </summary>
internal sealed class ShuffleWindow<T> : IDisposable
    where T : IStreamingRow<T>
{
    private readonly List<Batch<T>> _held = [];
    private readonly List<(int Batch, int Row)> _rows;

    public ShuffleWindow(int capacity) => _rows = new List<(int, int)>(capacity);

    public int Count => _rows.Count;

    /// <summary>Adds rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of <paramref name="batch"/>, sharing it.</summary>
    public void Add(Batch<T> batch, int start, int count)
    {
        int held = _held.Count;
        _held.Add(batch.Share());
        for (int i = 0; i < count; i++)
        {
            _rows.Add((held, start + i));
        }
    }

    /// <summary>Rows <paramref name="order"/>[<paramref name="start"/>…] of the window as a new batch of <paramref name="count"/> rows.</summary>
    public Batch<T> Gather(int[] order, int start, int count, BatchPosition position)
    {
        ColumnStore<T> store = T.CreateColumnStore(count, ColumnBufferPool.Shared);
        try
        {
            for (int i = 0; i < count; i++)
            {
                (int batch, int row) = _rows[order[start + i]];
                store.SetRow(i, _held[batch][row]);
            }
        }
        catch
        {
            store.Dispose();
            throw;
        }

        store.Count = count;
        return Batch<T>.FromStore(store, position);
    }

    /// <summary>Lets go of the batches, so their buffers return to the pool once their lanes are done with them.</summary>
    public void Dispose()
    {
        foreach (Batch<T> batch in _held)
        {
            batch.Dispose();
        }

        _held.Clear();
        _rows.Clear();
    }
}
