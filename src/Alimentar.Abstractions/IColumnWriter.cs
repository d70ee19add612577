namespace Alimentar;

/// <summary>
/// Writes whole columns of one row group. Implemented by the runtime over a Parquet row-group writer;
/// called by generated <see cref="ColumnStore{TRow}.WriteAsync"/> code once per column, in schema order.
/// This type supports generated code and is not meant to be used directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IColumnWriter
{
    /// <summary>Writes a non-nullable value column.</summary>
    /// <typeparam name="T">The member's value type.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="values">One value per row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    ValueTask WriteValuesAsync<T>(int column, ReadOnlyMemory<T> values, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Writes a nullable value column.</summary>
    /// <typeparam name="T">The member's underlying value type.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="values">One value per row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    ValueTask WriteNullableValuesAsync<T>(int column, ReadOnlyMemory<T?> values, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Writes a string column.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="values">One value per row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    ValueTask WriteStringsAsync(int column, ReadOnlyMemory<string?> values, CancellationToken cancellationToken);

    /// <summary>Writes a binary column.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="values">One value per row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    ValueTask WriteBinaryAsync(int column, ReadOnlyMemory<byte[]?> values, CancellationToken cancellationToken);

    /// <summary>Writes a list column whose elements are non-nullable values.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="lists">One list (perhaps null) per row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    ValueTask WriteListsAsync<T>(int column, ListColumn<T> lists, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Writes a list column whose elements are nullable values.</summary>
    /// <typeparam name="T">The element's underlying value type.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="lists">One list (perhaps null) per row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    ValueTask WriteNullableElementListsAsync<T>(int column, ListColumn<T?> lists, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Writes a list column of strings.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="lists">One list (perhaps null) per row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    ValueTask WriteStringListsAsync(int column, ListColumn<string?> lists, CancellationToken cancellationToken);

    /// <summary>Writes a list column of byte arrays.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="lists">One list (perhaps null) per row.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    ValueTask WriteBinaryListsAsync(int column, ListColumn<byte[]?> lists, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a member that holds records, maps or lists of lists, laid out node by node as a reader reads it. A
    /// writer that cannot write nested data refuses it, naming the column.
    /// </summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="records">The rows' values of the member.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that completes when the column is written.</returns>
    ValueTask WriteRecordsAsync(int column, RecordColumn records, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Column {column} holds records or lists of lists, which this writer cannot write.");
}
