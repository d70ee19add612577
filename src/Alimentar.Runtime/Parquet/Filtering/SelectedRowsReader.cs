namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Hands a store only the rows that passed the filter. Filter columns come from their decoded copies;
/// every other column is decoded in full (its chunk reader must move past every row) into pooled scratch,
/// and the passing rows copied out. With no row passing, the store has no room and every column is
/// still read past, so the next batch starts where it should.
/// </summary>
internal sealed class SelectedRowsReader(PagedColumnReader inner, IReadOnlyDictionary<int, DecodedColumn> decoded, int[] selected, int count) : IColumnReader
{
    public int RowCount => count;

    public async ValueTask ReadValuesAsync<T>(int column, Memory<T> destination, CancellationToken cancellationToken)
        where T : struct
    {
        if (decoded.TryGetValue(column, out DecodedColumn? known) && known.Buffer is T?[] values)
        {
            Span<T> target = destination.Span;
            for (int i = 0; i < count; i++)
            {
                target[i] = values[selected[i]] ?? throw ParquetErrors.UnexpectedNull(inner.Binding, inner.Bound(column), inner.RowGroup, inner.FirstRow + selected[i]);
            }

            return;
        }

        await ReadAllAsync(destination, (memory, token) => inner.ReadValuesAsync(column, memory, token), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ReadNullableValuesAsync<T>(int column, Memory<T?> destination, CancellationToken cancellationToken)
        where T : struct
    {
        if (decoded.TryGetValue(column, out DecodedColumn? known) && known.Buffer is T?[] values)
        {
            Gather(values, destination.Span);
            return;
        }

        await ReadAllAsync(destination, (memory, token) => inner.ReadNullableValuesAsync(column, memory, token), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ReadStringsAsync(int column, Memory<string?> destination, CancellationToken cancellationToken)
    {
        if (decoded.TryGetValue(column, out DecodedColumn? known) && known.Buffer is string?[] values)
        {
            Gather(values, destination.Span);
            return;
        }

        await ReadAllAsync(destination, (memory, token) => inner.ReadStringsAsync(column, memory, token), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask ReadBinaryAsync(int column, Memory<byte[]?> destination, CancellationToken cancellationToken) =>
        ReadAllAsync(destination, (memory, token) => inner.ReadBinaryAsync(column, memory, token), cancellationToken);

    public ValueTask ReadListsAsync<T>(int column, ListBuffer<T> destination, CancellationToken cancellationToken)
        where T : struct =>
        ReadAllListsAsync(destination, (lists, token) => inner.ReadListsAsync(column, lists, token), cancellationToken);

    public ValueTask ReadNullableElementListsAsync<T>(int column, ListBuffer<T?> destination, CancellationToken cancellationToken)
        where T : struct =>
        ReadAllListsAsync(destination, (lists, token) => inner.ReadNullableElementListsAsync(column, lists, token), cancellationToken);

    public ValueTask ReadStringListsAsync(int column, ListBuffer<string?> destination, CancellationToken cancellationToken) =>
        ReadAllListsAsync(destination, (lists, token) => inner.ReadStringListsAsync(column, lists, token), cancellationToken);

    public ValueTask ReadBinaryListsAsync(int column, ListBuffer<byte[]?> destination, CancellationToken cancellationToken) =>
        ReadAllListsAsync(destination, (lists, token) => inner.ReadBinaryListsAsync(column, lists, token), cancellationToken);

    public ValueTask ReadNestedListsAsync<T, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<T>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct =>
        ReadAllListsAsync(destination, (lists, token) => inner.ReadNestedListsAsync(column, lists, element, token), cancellationToken);

    public ValueTask ReadNestedNullableElementListsAsync<T, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<T?>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct =>
        ReadAllListsAsync(destination, (lists, token) => inner.ReadNestedNullableElementListsAsync(column, lists, element, token), cancellationToken);

    public ValueTask ReadNestedStringListsAsync<TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<string?>, int, TElement> element, CancellationToken cancellationToken) =>
        ReadAllListsAsync(destination, (lists, token) => inner.ReadNestedStringListsAsync(column, lists, element, token), cancellationToken);

    public ValueTask ReadNestedBinaryListsAsync<TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<byte[]?>, int, TElement> element, CancellationToken cancellationToken) =>
        ReadAllListsAsync(destination, (lists, token) => inner.ReadNestedBinaryListsAsync(column, lists, element, token), cancellationToken);

    public async ValueTask<RecordColumn> ReadRecordsAsync(int column, CancellationToken cancellationToken)
    {
        RecordColumn all = await inner.ReadRecordsAsync(column, cancellationToken).ConfigureAwait(false);
        return count == inner.RowCount ? all : all.Select(selected.AsSpan(0, count));
    }

    /// <summary>A list column read in full into scratch lists, of which the passing rows are copied out.</summary>
    private async ValueTask ReadAllListsAsync<T>(ListBuffer<T> destination, Func<ListBuffer<T>, CancellationToken, ValueTask> read, CancellationToken cancellationToken)
    {
        if (count == inner.RowCount)
        {
            await read(destination, cancellationToken).ConfigureAwait(false);
            return;
        }

        var all = new ListBuffer<T>(inner.RowCount, ColumnBufferPool.Shared);
        try
        {
            await read(all, cancellationToken).ConfigureAwait(false);
            ListColumn<T> lists = all.View(0, inner.RowCount);
            destination.Clear();
            for (int i = 0; i < count; i++)
            {
                destination.Set(i, lists[selected[i]], lists.IsNull(selected[i]));
            }
        }
        finally
        {
            all.Return();
        }
    }

    private async ValueTask ReadAllAsync<T>(Memory<T> destination, Func<Memory<T>, CancellationToken, ValueTask> read, CancellationToken cancellationToken)
    {
        if (count == inner.RowCount)
        {
            // Every row passed: the column goes straight into the store.
            await read(destination[..count], cancellationToken).ConfigureAwait(false);
            return;
        }

        T[] all = ColumnArrays<T>.Pool.Rent(inner.RowCount);
        try
        {
            await read(all.AsMemory(0, inner.RowCount), cancellationToken).ConfigureAwait(false);
            Gather(all, destination.Span);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(all, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    private void Gather<T>(T[] all, Span<T> target)
    {
        for (int i = 0; i < count; i++)
        {
            target[i] = all[selected[i]];
        }
    }
}
