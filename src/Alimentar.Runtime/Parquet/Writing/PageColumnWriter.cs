using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Writing.Encoding;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// Takes a slice of a row group's columns from generated <see cref="ColumnStore{TRow}.WriteAsync"/> code and hands
/// each leaf writer its values with definition and repetition levels: nulls become definition levels, lists and
/// records are shredded as Parquet's nested encoding lays them out.
/// </summary>
/// <remarks>
/// The generated code hands the columns over one after another; each is only queued, and <see cref="EncodeQueued"/>
/// then encodes them side by side. Columns share nothing (each top-level column feeds its own leaves, with its own
/// level buffers and shredder), so a slice's columns are encoded on every core <paramref name="parallelism"/> allows.
/// </remarks>
internal sealed class PageColumnWriter(WriteSchema schema, IReadOnlyList<LeafWriter> leaves, RowSchema rowSchema, int parallelism) : IColumnWriter, IDisposable
{
    private readonly Dictionary<int, LevelBuffers> _levels = [];
    private readonly Dictionary<int, RecordShredder> _shredders = [];
    private readonly List<(int Column, Action<LevelBuffers> Encode)> _queued = [];

    /// <summary>The rows written before this slice (over all of the writer's files), so errors can name the row.</summary>
    public long FirstRow { get; set; }

    /// <summary>
    /// Encodes the columns queued since the last call, in parallel when there are several; the values handed over must
    /// stay unchanged until it returns. An error is the one of the first failing column, as a sequential write would give.
    /// </summary>
    public void EncodeQueued()
    {
        try
        {
            ColumnParallelism.For(_queued.Count, parallelism, i => _queued[i].Encode(_levels[_queued[i].Column]));
        }
        finally
        {
            _queued.Clear();
        }
    }

    public ValueTask WriteValuesAsync<T>(int column, ReadOnlyMemory<T> values, CancellationToken cancellationToken)
        where T : struct
    {
        if (typeof(T) == typeof(ParquetVariant))
        {
            ReadOnlySpan<ParquetVariant> variants = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, ParquetVariant>(ref MemoryMarshal.GetReference(values.Span)), values.Length);
            var nullable = new ParquetVariant?[variants.Length];
            for (int i = 0; i < variants.Length; i++)
            {
                nullable[i] = variants[i];
            }

            return WriteRecordsAsync(column, VariantRecords.Of(nullable), cancellationToken);
        }

        Queue(column, _ => LeafValues.Append(LeafOf(column), values.Span, default, default));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteNullableValuesAsync<T>(int column, ReadOnlyMemory<T?> values, CancellationToken cancellationToken)
        where T : struct
    {
        if (typeof(T) == typeof(ParquetVariant))
        {
            return WriteRecordsAsync(column, VariantRecords.Of(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T?, ParquetVariant?>(ref MemoryMarshal.GetReference(values.Span)), values.Length)), cancellationToken);
        }

        Queue(column, levels => AppendNullable(column, values.Span, levels));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteStringsAsync(int column, ReadOnlyMemory<string?> values, CancellationToken cancellationToken)
    {
        Queue(column, levels => AppendReferences(column, values.Span, levels));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteBinaryAsync(int column, ReadOnlyMemory<byte[]?> values, CancellationToken cancellationToken)
    {
        Queue(column, levels => AppendReferences(column, values.Span, levels));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteListsAsync<T>(int column, ListColumn<T> lists, CancellationToken cancellationToken)
        where T : struct
    {
        if (typeof(T) == typeof(ParquetVariant))
        {
            return WriteRecordsAsync(column, VariantRecords.Of(lists, static value => Unsafe.As<T, ParquetVariant>(ref value)), cancellationToken);
        }

        Queue(column, levels => AppendDenseLists(column, lists, levels));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteNullableElementListsAsync<T>(int column, ListColumn<T?> lists, CancellationToken cancellationToken)
        where T : struct
    {
        if (typeof(T) == typeof(ParquetVariant))
        {
            return WriteRecordsAsync(column, VariantRecords.Of(lists, static value => Unsafe.As<T?, ParquetVariant?>(ref value)), cancellationToken);
        }

        Queue(column, levels => AppendLists(column, lists, static (T? element, out T value) => { value = element.GetValueOrDefault(); return element.HasValue; }, levels));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteStringListsAsync(int column, ListColumn<string?> lists, CancellationToken cancellationToken)
    {
        Queue(column, levels => AppendLists(column, lists, static (string? element, out string value) => { value = element!; return element is not null; }, levels));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteBinaryListsAsync(int column, ListColumn<byte[]?> lists, CancellationToken cancellationToken)
    {
        Queue(column, levels => AppendLists(column, lists, static (byte[]? element, out byte[] value) => { value = element!; return element is not null; }, levels));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteRecordsAsync(int column, RecordColumn records, CancellationToken cancellationToken)
    {
        if (!_shredders.TryGetValue(column, out RecordShredder? shredder))
        {
            _shredders[column] = shredder = new RecordShredder(schema.Columns[column], schema.LeafDescriptors);
        }

        RecordColumn shredded = VariantRecords.Expand(records);
        Queue(column, _ =>
        {
            try
            {
                shredder.Shred(shredded, leaves, (row, what) => NullInRequired(column, row, what));
            }
            finally
            {
                // The leaves hold copies of the values now: the builder's arrays go back for the next slice.
                records.ReleaseBuffers?.Invoke();
            }
        });
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        _queued.Clear();
        foreach (LevelBuffers levels in _levels.Values)
        {
            levels.Dispose();
        }

        foreach (RecordShredder shredder in _shredders.Values)
        {
            shredder.Dispose();
        }
    }

    private LeafWriter LeafOf(int column) => leaves[schema.Columns[column].Leaf];

    /// <summary>
    /// Queues a column's encoding; its level buffers are made here, on the writing thread, not in parallel. A value the
    /// column's type cannot hold (a decimal beyond its precision, wherever it lies in the member) is found as its leaf
    /// takes it, and named here by member and row.
    /// </summary>
    private void Queue(int column, Action<LevelBuffers> encode)
    {
        if (!_levels.ContainsKey(column))
        {
            _levels[column] = new LevelBuffers();
        }

        _queued.Add((column, levels =>
        {
            try
            {
                encode(levels);
            }
            catch (DecimalMisfitException misfit)
            {
                throw new OverflowException($"{rowSchema.RowTypeName}.{rowSchema.Columns[column].MemberName} in row {FirstRow + misfit.Row}: {misfit.Message}");
            }
        }));
    }

    private void AppendNullable<T>(int column, ReadOnlySpan<T?> source, LevelBuffers levels)
        where T : struct
    {
        T[] present = ColumnArrays<T>.Pool.Rent(Math.Max(1, source.Length));
        try
        {
            levels.Clear();
            Span<int> definitions = levels.Definitions.AddUninitialized(source.Length);
            int count = 0;
            for (int i = 0; i < source.Length; i++)
            {
                T? value = source[i];
                definitions[i] = value.HasValue ? 1 : 0;
                present[count] = value.GetValueOrDefault();
                count += definitions[i];
            }

            LeafValues.Append<T>(LeafOf(column), present.AsSpan(0, count), levels.Definitions.Span, default);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(present);
        }
    }

    private void AppendReferences<T>(int column, ReadOnlySpan<T?> values, LevelBuffers levels)
        where T : class
    {
        WriteNode node = schema.Columns[column];
        if (!node.Optional)
        {
            // A loop, not IndexOf(null): for a reference type that goes through an equality comparer per value.
            for (int row = 0; row < values.Length; row++)
            {
                if (values[row] is null)
                {
                    throw NullInRequired(column, row, "is null");
                }
            }

            LeafValues.Append(leaves[node.Leaf], values!, default, default);
            return;
        }

        T[] present = ColumnArrays<T>.Pool.Rent(Math.Max(1, values.Length));
        try
        {
            levels.Clear();
            Span<int> definitions = levels.Definitions.AddUninitialized(values.Length);
            int count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                T? value = values[i];
                definitions[i] = value is null ? 0 : 1;
                if (value is not null)
                {
                    present[count++] = value;
                }
            }

            LeafValues.Append<T>(leaves[node.Leaf], present.AsSpan(0, count), levels.Definitions.Span, default);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(present, clearArray: true);
        }
    }

    private delegate bool TryGet<TElement, T>(TElement element, out T value);

    /// <summary>
    /// A one-level list column whose elements are never null (token ids, embeddings): its values are the column's
    /// values as they lie, handed to the leaf without a copy, and each list's levels are filled a list at a time.
    /// </summary>
    private void AppendDenseLists<T>(int column, ListColumn<T> lists, LevelBuffers levels)
    {
        WriteNode list = schema.Columns[column];
        WriteNode element = list.Children[0];
        levels.Clear();
        for (int row = 0; row < lists.Count; row++)
        {
            if (AddedNullOrEmpty(column, lists, row, levels))
            {
                continue;
            }

            int length = lists.LengthOf(row);
            levels.Definitions.AddRepeated(element.Definition, length);
            Span<int> repetitions = levels.Repetitions.AddUninitialized(length);
            repetitions[0] = 0;
            repetitions[1..].Fill(list.Repetition);
        }

        LeafValues.Append(leaves[element.Leaf], lists.Values, levels.Definitions.Span, levels.Repetitions.Span);
    }

    /// <summary>A one-level list column: a null list, an empty one, a null element and a value each get their definition level.</summary>
    private void AppendLists<TElement, T>(int column, ListColumn<TElement> lists, TryGet<TElement, T> tryGet, LevelBuffers levels)
    {
        WriteNode list = schema.Columns[column];
        WriteNode element = list.Children[0];
        T[] present = ColumnArrays<T>.Pool.Rent(Math.Max(1, lists.ValueCount));
        try
        {
            levels.Clear();
            int count = 0;
            for (int row = 0; row < lists.Count; row++)
            {
                if (AddedNullOrEmpty(column, lists, row, levels))
                {
                    continue;
                }

                ReadOnlySpan<TElement> items = lists[row];

                for (int i = 0; i < items.Length; i++)
                {
                    int repetition = i == 0 ? 0 : list.Repetition;
                    if (tryGet(items[i], out T value))
                    {
                        present[count++] = value;
                        levels.Add(element.Definition, repetition);
                    }
                    else if (element.Optional)
                    {
                        levels.Add(element.Definition - 1, repetition);
                    }
                    else
                    {
                        throw NullInRequired(column, row, "holds a null element");
                    }
                }
            }

            LeafValues.Append<T>(leaves[element.Leaf], present.AsSpan(0, count), levels.Definitions.Span, levels.Repetitions.Span);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(present, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>Gives a row's null or empty list its one slot (a null one only where the list is OPTIONAL); false for a list with elements.</summary>
    private bool AddedNullOrEmpty<TElement>(int column, ListColumn<TElement> lists, int row, LevelBuffers levels)
    {
        WriteNode list = schema.Columns[column];
        if (lists.IsNull(row))
        {
            if (!list.Optional)
            {
                throw NullInRequired(column, row, "is a null list");
            }

            levels.Add(list.Definition - 1, 0);
            return true;
        }

        if (lists.LengthOf(row) == 0)
        {
            levels.Add(list.Definition, 0);
            return true;
        }

        return false;
    }

    private InvalidOperationException NullInRequired(int column, long row, string what) =>
        new($"{rowSchema.RowTypeName}.{rowSchema.Columns[column].MemberName} {what} in row {FirstRow + row}, which its type does not allow: the column is written REQUIRED. Make the member nullable to write nulls.");
}
