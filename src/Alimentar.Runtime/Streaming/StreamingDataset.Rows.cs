using System.Collections;

namespace Alimentar;

public sealed partial class StreamingDataset<T>
{
    /// <summary>Enumerates the rows of a new pass, disposing each batch once its rows are read.</summary>
    /// <returns>The rows, in order. The pass begins when enumeration does.</returns>
    public IEnumerable<T> Rows() => new RowSequence(this);

    private sealed class RowSequence(StreamingDataset<T> dataset) : IEnumerable<T>
    {
        public IEnumerator<T> GetEnumerator() => new RowEnumerator(dataset);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// The rows of one pass. A class rather than an iterator over the batch enumerator: a row here is a bounds
    /// check, the row's construction and one store, where the iterator added a state switch and a second heap
    /// store of each row, with its write barrier; on the QuickStart file that was a tenth of the consumer thread's time.
    /// </summary>
    private sealed class RowEnumerator(StreamingDataset<T> dataset) : IEnumerator<T>
    {
        private IEnumerator<Batch<T>>? _batches;
        private Batch<T>? _batch;
        private ColumnStore<T>? _store;
        private int _next;
        private int _end;
        private bool _ended;
        private T _current = default!;

        public T Current => _current;

        object IEnumerator.Current => _current!;

        public bool MoveNext()
        {
            if (_next < _end)
            {
                _current = _store!.GetRow(_next++);
                dataset.Consume(1);
                return true;
            }

            return MoveToNextBatch();
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            _ended = true;
            ReleaseBatch();
            _batches?.Dispose();
            _batches = null;
        }

        private bool MoveToNextBatch()
        {
            try
            {
                while (!_ended)
                {
                    ReleaseBatch();

                    // The pass begins on the first MoveNext, as it did when this was an iterator.
                    _batches ??= dataset.GetEnumerator();
                    if (!_batches.MoveNext())
                    {
                        // The pass ends as soon as its rows do, so that the next pass may begin before this enumerator is disposed.
                        Dispose();
                        return false;
                    }

                    Batch<T> batch = _batches.Current;
                    _batch = batch;
                    _store = batch.Columns;
                    _next = batch.Offset;
                    _end = batch.Offset + batch.Count;

                    // The batch counted as received whole; here rows count as they are handed out, so a state taken mid-batch is exact.
                    dataset.Unconsume(batch.Count);
                    if (_next < _end)
                    {
                        _current = _store.GetRow(_next++);
                        dataset.Consume(1);
                        return true;
                    }
                }

                return false;
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        private void ReleaseBatch()
        {
            _next = _end = 0;
            _store = null;
            Batch<T>? batch = _batch;
            _batch = null;
            batch?.Dispose();
        }
    }
}
