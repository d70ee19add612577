namespace Alimentar.Parquet.Writing;

/// <summary>
/// Takes a slice of a row group's columns from generated <see cref="ColumnStore{TRow}.WriteAsync"/> code and hands
/// each leaf writer its values with definition and repetition levels: nulls become definition levels, lists and
/// records are shredded as Parquet's nested encoding lays them out.
/// </summary>
internal sealed class PageColumnWriter(WriteSchema schema, IReadOnlyList<LeafWriter> leaves, RowSchema rowSchema) : IColumnWriter, IDisposable
{
    private readonly LevelBuffers _levels = new();
    private readonly Dictionary<int, RecordShredder> _shredders = [];

    /// <summary>The rows written before this slice (over all of the writer's files), so errors can name the row.</summary>
    public long FirstRow { get; set; }

    public ValueTask WriteValuesAsync<T>(int column, ReadOnlyMemory<T> values, CancellationToken cancellationToken)
        where T : struct
    {
        LeafValues.Append(LeafOf(column), values.Span, default, default);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteNullableValuesAsync<T>(int column, ReadOnlyMemory<T?> values, CancellationToken cancellationToken)
        where T : struct
    {
        ReadOnlySpan<T?> source = values.Span;
        T[] present = ColumnArrays<T>.Pool.Rent(Math.Max(1, source.Length));
        try
        {
            _levels.Clear();
            int count = 0;
            foreach (T? value in source)
            {
                _levels.Definitions.Add(value.HasValue ? 1 : 0);
                if (value is { } some)
                {
                    present[count++] = some;
                }
            }

            LeafValues.Append<T>(LeafOf(column), present.AsSpan(0, count), _levels.Definitions.Span, default);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(present);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask WriteStringsAsync(int column, ReadOnlyMemory<string?> values, CancellationToken cancellationToken)
    {
        AppendReferences(column, values.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteBinaryAsync(int column, ReadOnlyMemory<byte[]?> values, CancellationToken cancellationToken)
    {
        AppendReferences(column, values.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteListsAsync<T>(int column, ListColumn<T> lists, CancellationToken cancellationToken)
        where T : struct
    {
        AppendLists(column, lists, static (T element, out T value) => { value = element; return true; });
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteNullableElementListsAsync<T>(int column, ListColumn<T?> lists, CancellationToken cancellationToken)
        where T : struct
    {
        AppendLists(column, lists, static (T? element, out T value) => { value = element.GetValueOrDefault(); return element.HasValue; });
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteStringListsAsync(int column, ListColumn<string?> lists, CancellationToken cancellationToken)
    {
        AppendLists(column, lists, static (string? element, out string value) => { value = element!; return element is not null; });
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteBinaryListsAsync(int column, ListColumn<byte[]?> lists, CancellationToken cancellationToken)
    {
        AppendLists(column, lists, static (byte[]? element, out byte[] value) => { value = element!; return element is not null; });
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteRecordsAsync(int column, RecordColumn records, CancellationToken cancellationToken)
    {
        if (!_shredders.TryGetValue(column, out RecordShredder? shredder))
        {
            _shredders[column] = shredder = new RecordShredder(schema.Columns[column], schema.LeafDescriptors);
        }

        shredder.Shred(records, leaves, (row, what) => NullInRequired(column, row, what));
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        _levels.Dispose();
        foreach (RecordShredder shredder in _shredders.Values)
        {
            shredder.Dispose();
        }
    }

    private LeafWriter LeafOf(int column) => leaves[schema.Columns[column].Leaf];

    private void AppendReferences<T>(int column, ReadOnlySpan<T?> values)
        where T : class
    {
        WriteNode node = schema.Columns[column];
        if (!node.Optional)
        {
            int nullAt = values.IndexOf((T?)null);
            if (nullAt >= 0)
            {
                throw NullInRequired(column, nullAt, "is null");
            }

            LeafValues.Append(leaves[node.Leaf], values!, default, default);
            return;
        }

        T[] present = ColumnArrays<T>.Pool.Rent(Math.Max(1, values.Length));
        try
        {
            _levels.Clear();
            int count = 0;
            foreach (T? value in values)
            {
                _levels.Definitions.Add(value is null ? 0 : 1);
                if (value is not null)
                {
                    present[count++] = value;
                }
            }

            LeafValues.Append<T>(leaves[node.Leaf], present.AsSpan(0, count), _levels.Definitions.Span, default);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(present, clearArray: true);
        }
    }

    private delegate bool TryGet<TElement, T>(TElement element, out T value);

    /// <summary>A one-level list column: a null list, an empty one, a null element and a value each get their definition level.</summary>
    private void AppendLists<TElement, T>(int column, ListColumn<TElement> lists, TryGet<TElement, T> tryGet)
    {
        WriteNode list = schema.Columns[column];
        WriteNode element = list.Children[0];
        T[] present = ColumnArrays<T>.Pool.Rent(Math.Max(1, lists.ValueCount));
        try
        {
            _levels.Clear();
            int count = 0;
            for (int row = 0; row < lists.Count; row++)
            {
                if (lists.IsNull(row))
                {
                    if (!list.Optional)
                    {
                        throw NullInRequired(column, row, "is a null list");
                    }

                    _levels.Add(list.Definition - 1, 0);
                    continue;
                }

                ReadOnlySpan<TElement> items = lists[row];
                if (items.IsEmpty)
                {
                    _levels.Add(list.Definition, 0);
                    continue;
                }

                for (int i = 0; i < items.Length; i++)
                {
                    int repetition = i == 0 ? 0 : list.Repetition;
                    if (tryGet(items[i], out T value))
                    {
                        present[count++] = value;
                        _levels.Add(element.Definition, repetition);
                    }
                    else if (element.Optional)
                    {
                        _levels.Add(element.Definition - 1, repetition);
                    }
                    else
                    {
                        throw NullInRequired(column, row, "holds a null element");
                    }
                }
            }

            LeafValues.Append<T>(leaves[element.Leaf], present.AsSpan(0, count), _levels.Definitions.Span, _levels.Repetitions.Span);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(present, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    private InvalidOperationException NullInRequired(int column, long row, string what) =>
        new($"{rowSchema.RowTypeName}.{rowSchema.Columns[column].MemberName} {what} in row {FirstRow + row}, which its type does not allow: the column is written REQUIRED. Make the member nullable to write nulls.");
}
