using Microsoft.ML;

namespace Alimentar;

/// <summary>The <see cref="IDataView"/> over a streaming dataset: its schema from the row type, a new pass per cursor.</summary>
internal sealed class StreamingDataView<T> : IDataView
    where T : IStreamingRow<T>
{
    private readonly StreamingDataset<T> _streaming;
    private readonly DataViewColumn[] _columns;

    public StreamingDataView(StreamingDataset<T> streaming, IReadOnlyDictionary<string, int> vectorSizes)
    {
        _streaming = streaming;
        _columns = DataViewColumn.For(T.Schema, vectorSizes);
        var builder = new DataViewSchema.Builder();
        foreach (DataViewColumn column in _columns)
        {
            builder.AddColumn(column.Name, column.Type);
        }

        Schema = builder.ToSchema();
    }

    /// <summary>The dataset decides the order (its own seeded shuffle), so ML.NET's shuffling is not offered.</summary>
    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount()
    {
        try
        {
            return _streaming.TotalRows;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = new bool[_columns.Length];
        foreach (DataViewSchema.Column column in columnsNeeded ?? Schema)
        {
            active[column.Index] = true;
        }

        return new StreamingRowCursor<T>(Schema, _streaming, _columns, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
