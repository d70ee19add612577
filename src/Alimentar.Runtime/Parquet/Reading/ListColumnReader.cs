
namespace Alimentar.Parquet.Reading;

/// <summary>
/// Reads one batch of a one-level list column: gathers the level slots of the batch's rows (a row starts
/// at repetition level 0 and may continue onto the next page), decodes their values, then lays the rows out flat in the store's <see cref="ListBuffer{T}"/>. Levels are read against the schema path (<see cref="LeafColumn.RepeatedDefinitionLevel"/>):
/// a slot at the repeated node's level or above is an element (present at the maximum level, null below it,
/// whether the leaf or a group between is what is null), one level below it an empty list, further below a
/// null list.
/// </summary>
internal sealed class ListColumnReader(PagedColumnReader reader, int column)
{
    /// <summary>Reads lists of fixed-width values; <paramref name="map"/> widens each decoded value to the element type (<c>T</c> to <c>T?</c>).</summary>
    public ValueTask ReadValueListsAsync<T, TElement>(ListBuffer<TElement> destination, Func<T, TElement> map, bool elementsNullable, CancellationToken cancellationToken)
        where T : struct =>
        ReadAsync<T>(DecodeValues<T>, (bound, levels, values) => Assemble(bound, levels, values, destination, map, elementsNullable), cancellationToken);

    /// <summary>Reads lists of byte arrays, each made a <typeparamref name="TValue"/> (a string, a byte array) by <paramref name="converter"/>.</summary>
    public ValueTask ReadByteArrayListsAsync<TValue, TConverter>(ListBuffer<TValue> destination, TConverter converter, CancellationToken cancellationToken)
        where TValue : class?
        where TConverter : struct, IByteArrayConverter<TValue> =>
        ReadAsync<TValue>(
            (pageValues, bound, levels, values, present) => DecodeByteArrays(pageValues, values, present, converter),
            (bound, levels, values) => Assemble(bound, levels, values, destination, static value => value, bound.Descriptor.ElementIsNullable),
            cancellationToken);

    /// <summary>Reads lists of lists of fixed-width values: the rows' lists into <paramref name="destination"/>, each element built by <paramref name="element"/>.</summary>
    public ValueTask ReadNestedValueListsAsync<T, TValue, TElement>(ListBuffer<TElement> destination, Func<T, TValue> map, Func<NestedLists<TValue>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct =>
        ReadAsync<T>(DecodeValues<T>, (bound, levels, values) => AssembleNested(bound, levels, values, map, destination, element), cancellationToken);

    /// <summary>Reads lists of lists of byte arrays.</summary>
    public ValueTask ReadNestedByteArrayListsAsync<TValue, TConverter, TElement>(ListBuffer<TElement> destination, TConverter converter, Func<NestedLists<TValue>, int, TElement> element, CancellationToken cancellationToken)
        where TValue : class?
        where TConverter : struct, IByteArrayConverter<TValue> =>
        ReadAsync<TValue>(
            (pageValues, bound, levels, values, present) => DecodeByteArrays(pageValues, values, present, converter),
            (bound, levels, values) => AssembleNested(bound, levels, values, static value => value, destination, element),
            cancellationToken);

    private delegate void DecodePresent<T>(PageValueReader pageValues, BoundColumn bound, BatchLevels levels, ListValues<T> values, int present);

    private delegate void AssembleRows<T>(BoundColumn bound, BatchLevels levels, ReadOnlySpan<T> values);

    /// <summary>Gathers the batch's levels and present values page by page, then assembles its rows; errors name the file, row group and column.</summary>
    private async ValueTask ReadAsync<T>(DecodePresent<T> decode, AssembleRows<T> assemble, CancellationToken cancellationToken)
    {
        ColumnChunkReader chunk = reader.Chunk(column);
        BoundColumn bound = reader.Bound(column);
        using var levels = new BatchLevels();
        using var values = new ListValues<T>();
        try
        {
            await GatherAsync(chunk, bound, levels, (pageValues, present) => decode(pageValues, bound, levels, values, present), cancellationToken).ConfigureAwait(false);
            assemble(bound, levels, values.Values);
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw reader.Translate(error, bound, chunk);
        }
    }

    private void DecodeValues<T>(PageValueReader pageValues, BoundColumn bound, BatchLevels levels, ListValues<T> values, int present)
        where T : struct
    {
        int misfit = TypedValueDecoder.Decode(pageValues, bound.FileType, values.Append(present), reader.Scratch);
        if (misfit >= 0)
        {
            int row = levels.RowOfValue(values.Values.Length - present + misfit, bound.Field.MaxDefinitionLevel);
            throw ParquetErrors.Misfit(reader.Binding, bound, reader.RowGroup, reader.FirstRow + row);
        }
    }

    private static void DecodeByteArrays<TValue, TConverter>(PageValueReader pageValues, ListValues<TValue> values, int present, TConverter converter)
        where TConverter : struct, IByteArrayConverter<TValue>
    {
        TConverter local = converter;
        pageValues.ReadByteArrays(values.Append(present), ref local);
    }

    /// <summary>
    /// Turns the batch's slots into lists at every depth (the Dremel assembly): a slot with repetition level r starts
    /// a new entry at each depth from r on; at each depth a definition below the list's null level makes it null,
    /// below its entry level empty, and otherwise the slot goes one depth further, down to a value (present at the
    /// maximum level, null below). The rows' lists go to <paramref name="destination"/>, their elements built by
    /// <paramref name="element"/> from the inner depths.
    /// </summary>
    private void AssembleNested<T, TValue, TElement>(BoundColumn bound, BatchLevels levels, ReadOnlySpan<T> decoded, Func<T, TValue> map, ListBuffer<TElement> destination, Func<NestedLists<TValue>, int, TElement> element)
    {
        IReadOnlyList<ListLevel> lists = bound.Field.Lists;
        int depth = lists.Count;
        ReadOnlySpan<byte> definitions = levels.Definitions;
        ReadOnlySpan<byte> repetitions = levels.Repetitions;
        int maxLevel = bound.Field.MaxDefinitionLevel;
        bool valuesNullable = bound.Descriptor.ElementIsNullable;
        var offsets = new List<int>[depth];
        var nulls = new List<bool>[depth];
        for (int d = 0; d < depth; d++)
        {
            offsets[d] = [];
            nulls[d] = [];
        }

        // Only the entries the offsets reach are read, so a rented array's tail can hold anything.
        TValue[] values = reader.BatchArrays.Rent<TValue>(definitions.Length);
        int valueCount = 0;
        int next = 0;
        int row = -1;
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            int repetition = repetitions[slot];
            int definition = definitions[slot];
            row += repetition == 0 ? 1 : 0;
            bool reachesValue = true;
            for (int d = repetition; d < depth; d++)
            {
                offsets[d].Add(d + 1 < depth ? offsets[d + 1].Count : valueCount);
                bool isNull = definition < lists[d].NullBelow;
                nulls[d].Add(isNull);
                if (isNull || definition < lists[d].EntryAt)
                {
                    reachesValue = false;
                    break;
                }
            }

            if (!reachesValue)
            {
                continue;
            }

            if (definition == maxLevel)
            {
                values[valueCount++] = map(decoded[next++]);
            }
            else if (valuesNullable)
            {
                values[valueCount++] = default!;
            }
            else
            {
                throw ParquetErrors.UnexpectedNull(reader.Binding, bound, reader.RowGroup, reader.FirstRow + row, "holds a null value in a list of lists");
            }
        }

        var ends = new int[depth][];
        for (int d = 0; d < depth; d++)
        {
            offsets[d].Add(d + 1 < depth ? offsets[d + 1].Count : valueCount);
            ends[d] = [.. offsets[d]];
        }

        long firstRow = reader.FirstRow;
        ParquetFileBinding binding = reader.Binding;
        int rowGroup = reader.RowGroup;
        bool[][] nullLists = Array.ConvertAll(nulls, n => n.ToArray());
        var nested = new NestedLists<TValue>(ends, nullLists, values,
            (at, what) => ParquetErrors.UnexpectedNull(binding, bound, rowGroup, firstRow + at, what));
        nested.FillRows(destination, bound.Descriptor.IsNullable, element);
    }

    /// <summary>
    /// The batch's slots of this column, levels copied into <paramref name="levels"/> and present values handed to
    /// <paramref name="decodePresent"/> page by page: for readers that assemble the slots themselves. Works for
    /// flat columns too (a slot per row).
    /// </summary>
    internal ValueTask GatherSlotsAsync(BatchLevels levels, Action<PageValueReader, int> decodePresent, CancellationToken cancellationToken) =>
        GatherAsync(reader.Chunk(column), reader.Bound(column), levels, decodePresent, cancellationToken);

    /// <summary>Takes the slots of exactly <see cref="PagedColumnReader.RowCount"/> rows, page after page, decoding each page's present values.</summary>
    private async ValueTask GatherAsync(ColumnChunkReader chunk, BoundColumn bound, BatchLevels levels, Action<PageValueReader, int> decodePresent, CancellationToken cancellationToken)
    {
        int rows = reader.RowCount;
        while (true)
        {
            if (chunk.PageSlotsLeft == 0 && !await chunk.NextPageAsync(cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            // A full batch stops at the next row start; a row that continues onto the next page is taken whole.
            if (levels.Rows == rows && chunk.NextRepetition == 0)
            {
                break;
            }

            PageSlots slots = levels.TakeFromPage(chunk, rows);
            decodePresent(slots.Values, slots.CountPresent());
        }

        if (levels.Rows != rows)
        {
            throw ParquetErrors.Corrupt(reader.Binding.FileName, reader.RowGroup, bound.FileColumnName,
                $"its list levels describe {reader.FirstRow + levels.Rows} rows where the row group claims more");
        }
    }

    /// <summary>Turns the batch's slots into rows of <paramref name="destination"/>: its offsets, null lists and elements.</summary>
    private void Assemble<TValue, TElement>(BoundColumn bound, BatchLevels levels, ReadOnlySpan<TValue> values, ListBuffer<TElement> destination, Func<TValue, TElement> map, bool elementsNullable)
    {
        ReadOnlySpan<byte> definitions = levels.Definitions;
        ReadOnlySpan<byte> repetitions = levels.Repetitions;
        int maxLevel = bound.Field.MaxDefinitionLevel;
        int elementLevel = bound.Field.RepeatedDefinitionLevel;
        destination.Clear();
        destination.Reserve(values.Length);
        int next = 0;
        int row = -1;
        int slot = 0;
        repetitions = repetitions[..definitions.Length];
        while (slot < definitions.Length)
        {
            // One row: its first slot has repetition 0; it runs until the next such slot.
            row++;
            int rest = repetitions[(slot + 1)..].IndexOf((byte)0);
            int end = rest < 0 ? definitions.Length : slot + 1 + rest;
            ReadOnlySpan<byte> rowDefinitions = definitions[slot..end];

            if (rowDefinitions[0] < elementLevel - 1)
            {
                if (!bound.Descriptor.IsNullable)
                {
                    throw ParquetErrors.UnexpectedNull(reader.Binding, bound, reader.RowGroup, reader.FirstRow + row, "is a null list");
                }

                destination.AppendNull();
                slot = end;
                continue;
            }

            if (typeof(TValue) == typeof(TElement) && rowDefinitions.IndexOfAnyExcept((byte)maxLevel) < 0)
            {
                // Every element present and stored as decoded (token ids, embeddings): one copy for the row.
                ReadOnlySpan<TValue> rowValues = values.Slice(next, rowDefinitions.Length);
                destination.Append(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
                    ref System.Runtime.CompilerServices.Unsafe.As<TValue, TElement>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(rowValues)), rowValues.Length));
                next += rowValues.Length;
                slot = end;
                continue;
            }

            int length = 0;
            for (int s = slot; s < end; s++)
            {
                length += definitions[s] >= elementLevel ? 1 : 0;
            }

            Span<TElement> list = destination.AppendList(length);
            int position = 0;
            for (int s = slot; s < end; s++)
            {
                if (definitions[s] < elementLevel)
                {
                    continue;
                }

                if (definitions[s] == maxLevel)
                {
                    list[position++] = map(values[next++]);
                }
                else if (elementsNullable)
                {
                    list[position++] = default!;
                }
                else
                {
                    throw ParquetErrors.UnexpectedNull(reader.Binding, bound, reader.RowGroup, reader.FirstRow + row, "holds a null element");
                }
            }

            slot = end;
        }
    }

    /// <summary>The present values of a batch's list slots, appended page by page.</summary>
    private sealed class ListValues<T> : IDisposable
    {
        private T[] _values = ColumnArrays<T>.Pool.Rent(256);
        private int _count;

        public ReadOnlySpan<T> Values => _values.AsSpan(0, _count);

        public Span<T> Append(int count)
        {
            if (_values.Length < _count + count)
            {
                T[] grown = ColumnArrays<T>.Pool.Rent(Math.Max(_count + count, _values.Length * 2));
                _values.AsSpan(0, _count).CopyTo(grown);
                ColumnArrays<T>.Pool.Return(_values, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
                _values = grown;
            }

            Span<T> span = _values.AsSpan(_count, count);
            _count += count;
            return span;
        }

        public void Dispose() => ColumnArrays<T>.Pool.Return(_values, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
    }
}
