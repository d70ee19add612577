namespace Alimentar;

/// <summary>
/// A batch's columns as the generated code hands them to an <see cref="IColumnWriter"/>: memory over the batch's own
/// arrays (no copy), kept per column for the cursor's getters. Members that hold records are not captured.
/// </summary>
internal sealed class BatchColumns(int columns) : IColumnWriter
{
    private readonly object?[] _columns = new object?[columns];

    public void Capture<T>(Batch<T> batch)
        where T : IStreamingRow<T>
    {
        // Every capture completes synchronously: nothing here awaits.
        batch.Columns.WriteAsync(this, batch.Offset, batch.Count, CancellationToken.None).GetAwaiter().GetResult();
    }

    public TColumn Get<TColumn>(int column) => (TColumn)_columns[column]!;

    public ValueTask WriteValuesAsync<T>(int column, ReadOnlyMemory<T> values, CancellationToken cancellationToken)
        where T : struct => Keep(column, values);

    public ValueTask WriteNullableValuesAsync<T>(int column, ReadOnlyMemory<T?> values, CancellationToken cancellationToken)
        where T : struct => Keep(column, values);

    public ValueTask WriteStringsAsync(int column, ReadOnlyMemory<string?> values, CancellationToken cancellationToken) => Keep(column, values);

    public ValueTask WriteBinaryAsync(int column, ReadOnlyMemory<byte[]?> values, CancellationToken cancellationToken) => Keep(column, values);

    public ValueTask WriteListsAsync<T>(int column, ListColumn<T> lists, CancellationToken cancellationToken)
        where T : struct => Keep(column, lists);

    public ValueTask WriteNullableElementListsAsync<T>(int column, ListColumn<T?> lists, CancellationToken cancellationToken)
        where T : struct => Keep(column, lists);

    public ValueTask WriteStringListsAsync(int column, ListColumn<string?> lists, CancellationToken cancellationToken) => Keep(column, lists);

    public ValueTask WriteBinaryListsAsync(int column, ListColumn<byte[]?> lists, CancellationToken cancellationToken) => Keep(column, lists);

    public ValueTask WriteRecordsAsync(int column, RecordColumn records, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private ValueTask Keep(int column, object values)
    {
        _columns[column] = values;
        return ValueTask.CompletedTask;
    }
}
