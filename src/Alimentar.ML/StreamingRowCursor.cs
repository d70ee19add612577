using Microsoft.ML;
using Microsoft.ML.Data;

namespace Alimentar;

/// <summary>
/// A cursor over one pass of the dataset: it holds the current batch, whose columns <see cref="BatchColumns"/>
/// captured once, and the row within it; getters read the row straight from the batch's column arrays.
/// </summary>
internal sealed class StreamingRowCursor<T> : DataViewRowCursor
    where T : IStreamingRow<T>
{
    private readonly DataViewColumn[] _columns;
    private readonly bool[] _active;
    private readonly BatchColumns _batchColumns;
    private IEnumerator<Batch<T>>? _batches;
    private Batch<T>? _batch;
    private long _position = -1;
    private long _batchNumber = -1;

    public StreamingRowCursor(DataViewSchema schema, StreamingDataset<T> streaming, DataViewColumn[] columns, bool[] active)
    {
        Schema = schema;
        _columns = columns;
        _active = active;
        _batchColumns = new BatchColumns(T.Schema.Columns.Count);
        _batches = streaming.GetEnumerator();
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _position;

    public override long Batch => _batchNumber;

    /// <summary>The row within the current batch.</summary>
    internal int Row { get; private set; } = -1;

    internal BatchColumns Columns => _batchColumns;

    public override bool MoveNext()
    {
        if (_batches is null)
        {
            return false;
        }

        if (_batch is not null && Row + 1 < _batch.Count)
        {
            Row++;
            _position++;
            return true;
        }

        while (true)
        {
            _batch?.Dispose();
            _batch = null;
            if (!_batches.MoveNext())
            {
                _batches.Dispose();
                _batches = null;
                return false;
            }

            _batch = _batches.Current;
            _batchNumber++;
            if (_batch.Count > 0)
            {
                _batchColumns.Capture(_batch);
                Row = 0;
                _position++;
                return true;
            }
        }
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index])
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not asked for when the cursor was made.");
        }

        return _columns[column.Index].Getter<TValue, T>(this);
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _batch?.Dispose();
            _batch = null;
            _batches?.Dispose();
            _batches = null;
        }

        base.Dispose(disposing);
    }
}
