namespace Alimentar;

/// <summary>
/// Reads whole columns of one row group into caller-owned buffers. Implemented by the runtime over a
/// Parquet row group; called by generated <see cref="ColumnStore{TRow}.ReadAsync"/> code, once per column.
/// The column index is an index into <see cref="RowSchema.Columns"/>; each destination holds exactly
/// <see cref="RowCount"/> elements. This type supports generated code and is not meant to be used directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IColumnReader
{
    /// <summary>The number of rows every column of this row group holds.</summary>
    int RowCount { get; }

    /// <summary>Reads a column into a non-nullable value member; a null in the file is an error.</summary>
    /// <typeparam name="T">The member's value type.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">One value per row.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadValuesAsync<T>(int column, Memory<T> destination, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Reads a column into a nullable value member.</summary>
    /// <typeparam name="T">The member's underlying value type.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">One value per row, null where the file holds null.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadNullableValuesAsync<T>(int column, Memory<T?> destination, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Reads a string column; a null is an error unless the schema marks the member nullable.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">One value per row.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadStringsAsync(int column, Memory<string?> destination, CancellationToken cancellationToken);

    /// <summary>Reads a binary column; a null is an error unless the schema marks the member nullable.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">One value per row.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadBinaryAsync(int column, Memory<byte[]?> destination, CancellationToken cancellationToken);

    /// <summary>Reads a list column whose elements are non-nullable values.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">Cleared, then filled with one list per row; a null list only where the member accepts it.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadListsAsync<T>(int column, ListBuffer<T> destination, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Reads a list column whose elements are nullable values.</summary>
    /// <typeparam name="T">The element's underlying value type.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">Cleared, then filled with one list per row.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadNullableElementListsAsync<T>(int column, ListBuffer<T?> destination, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Reads a list column of strings.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">Cleared, then filled with one list per row.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadStringListsAsync(int column, ListBuffer<string?> destination, CancellationToken cancellationToken);

    /// <summary>Reads a list column of byte arrays.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">Cleared, then filled with one list per row.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadBinaryListsAsync(int column, ListBuffer<byte[]?> destination, CancellationToken cancellationToken);

    /// <summary>Reads a list-of-lists column whose values are non-nullable values.</summary>
    /// <typeparam name="T">The innermost value type.</typeparam>
    /// <typeparam name="TElement">The element type of the rows' lists (an inner list).</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">Cleared, then filled with one list per row.</param>
    /// <param name="element">Builds one element of a row's list from the batch's levels and the element's entry.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadNestedListsAsync<T, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<T>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Reads a list-of-lists column whose values are nullable values.</summary>
    /// <typeparam name="T">The innermost value's underlying type.</typeparam>
    /// <typeparam name="TElement">The element type of the rows' lists.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">Cleared, then filled with one list per row.</param>
    /// <param name="element">Builds one element of a row's list.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadNestedNullableElementListsAsync<T, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<T?>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct;

    /// <summary>Reads a list-of-lists column of strings.</summary>
    /// <typeparam name="TElement">The element type of the rows' lists.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">Cleared, then filled with one list per row.</param>
    /// <param name="element">Builds one element of a row's list.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadNestedStringListsAsync<TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<string?>, int, TElement> element, CancellationToken cancellationToken);

    /// <summary>Reads a list-of-lists column of byte arrays.</summary>
    /// <typeparam name="TElement">The element type of the rows' lists.</typeparam>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="destination">Cleared, then filled with one list per row.</param>
    /// <param name="element">Builds one element of a row's list.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    ValueTask ReadNestedBinaryListsAsync<TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<byte[]?>, int, TElement> element, CancellationToken cancellationToken);

    /// <summary>Reads a record member (a Parquet group), or a list of records: every leaf of the group, with which groups are null.</summary>
    /// <param name="column">The column's index in the row schema.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The batch's entries, from which generated code builds the member's objects.</returns>
    ValueTask<RecordColumn> ReadRecordsAsync(int column, CancellationToken cancellationToken);
}
