namespace Alimentar.Parquet.Reading;

/// <summary>
/// Reads one batch of a record member, or of a list of records: every leaf's slots (levels and values) over the
/// batch's rows, then the entries (rows, or the elements of the rows' lists), each leaf's value per entry and
/// which of the record's groups are present, for the generated code to build its objects from.
/// </summary>
internal sealed class RecordColumnReader(PagedColumnReader reader, int column)
{
    public async ValueTask<RecordColumn> ReadAsync(CancellationToken cancellationToken)
    {
        BoundColumn member = reader.Bound(column);
        RecordBinding record = member.Record!;
        int leaves = record.LeafColumns.Length;
        var levels = new BatchLevels[leaves];
        var slotValues = new Array[leaves];
        try
        {
            for (int leaf = 0; leaf < leaves; leaf++)
            {
                levels[leaf] = new BatchLevels();
                slotValues[leaf] = await ReadLeafAsync(record.LeafColumns[leaf], levels[leaf], cancellationToken).ConfigureAwait(false);
            }

            foreach (AbsentField absent in record.AbsentFields)
            {
                // The absent leaf's own pages (a null per row) were read above to keep its cursor in step with the batch.
                BatchLevels mirrored = levels[absent.Leaf];
                mirrored.Mirror(levels[absent.Mirror], absent.Depth, absent.Definition);
                slotValues[absent.Leaf] = ColumnTypes.Accept<Array, NullSlots>(
                    reader.Bound(record.LeafColumns[absent.Leaf]).LeafDescriptor.Type, new NullSlots(reader.BatchArrays, mirrored.Definitions.Length));
            }

            return Assemble(member, record, levels, slotValues);
        }
        finally
        {
            foreach (BatchLevels? level in levels)
            {
                level?.Dispose();
            }
        }
    }

    /// <summary>
    /// Every node's entries from its leaf's levels: a group's presence, a list's offsets and nulls, a leaf's value per
    /// entry. An entry of a node under <c>k</c> lists starts at each slot repeated at level <c>k</c> or less that
    /// is defined as far as the k-th list's element.
    /// </summary>
    private RecordColumn Assemble(BoundColumn member, RecordBinding record, BatchLevels[] levels, Array[] slotValues)
    {
        BatchArrays arrays = reader.BatchArrays;
        var starts = new Dictionary<(int Leaf, int Depth), ArraySegment<int>>();
        RecordColumnNode[] nodes = Nodes(record.Nodes);
        Check(record, record.Nodes, nodes, reader.RowCount);
        ParquetFileBinding binding = reader.Binding;
        int rowGroup = reader.RowGroup;
        long firstRow = reader.FirstRow;
        return new RecordColumn(reader.RowCount, nodes, (row, node, what) =>
        {
            RecordNode part = record.Nodes[node];
            return ParquetErrors.UnexpectedNull(binding, binding.Columns[record.LeafColumns[part.Leaf]], rowGroup, firstRow + row, $"({part.Name}) {what}");
        }, (row, key) => new DuplicateKeyException(
            $"Duplicate key in {AlimentarThrow.Where(binding.FileName, rowGroup, member.FileColumnName)}, row {firstRow + row}: a map holds the key '{key}' twice, which member {binding.RowSchema.RowTypeName}.{member.Descriptor.MemberName} (a dictionary) cannot hold.")
        {
            FilePath = binding.FileName,
            ColumnName = member.FileColumnName,
            RowGroup = rowGroup,
            Row = firstRow + row,
            Key = key,
        });

        RecordColumnNode[] Nodes(RecordNode[] parts)
        {
            var nodes = new RecordColumnNode[parts.Length];
            for (int n = 0; n < nodes.Length; n++)
            {
                RecordNode node = parts[n];
                ArraySegment<int> entryStarts = Starts(node.Leaf, node.Depth);
                nodes[n] = node.Kind switch
                {
                    RecordNodeKind.Group => new RecordColumnNode(entryStarts.Count, node.Children) { Presence = Presence(levels[node.Leaf], entryStarts, node.Definition, arrays) },
                    RecordNodeKind.List => List(node, entryStarts.Count),
                    RecordNodeKind.Variant => Variants(node, entryStarts.Count),
                    _ => new RecordColumnNode(entryStarts.Count, node.Children) { Values = PickInPlace(slotValues[node.Leaf], levels[node.Leaf].Definitions.Length, entryStarts) },
                };
            }

            return nodes;
        }

        // A variant per entry, made from its group's own nodes, which are read like the member's and then let go.
        RecordColumnNode Variants(RecordNode node, int entries)
        {
            VariantBinding binding = node.Variant!;
            RecordColumnNode[] inner = Nodes(binding.Nodes);
            Check(record, binding.Nodes, inner, entries);
            ParquetVariant?[] variants = arrays.Rent<ParquetVariant?>(entries);
            VariantAssembler assembler = VariantAssembler.Shared.Rent();
            try
            {
                assembler.Fill(inner, binding.Shape, variants.AsSpan(0, entries), (entry, error) => ParquetErrors.Corrupt(
                    reader.Binding.FileName, reader.RowGroup, binding.Shape.Root.Path,
                    $"{(node.Depth == 0 ? $"row {reader.FirstRow + entry}" : $"entry {entry} of the batch from row {reader.FirstRow}")}: its variant is not valid ({error.Message.TrimEnd('.')})"));
            }
            finally
            {
                VariantAssembler.Shared.Return(assembler);
            }

            return new RecordColumnNode(entries, []) { Values = variants };
        }

        // The slots of a leaf that start an entry under a number of lists, computed once per leaf and depth.
        ArraySegment<int> Starts(int leaf, int depth)
        {
            if (!starts.TryGetValue((leaf, depth), out ArraySegment<int> found))
            {
                found = EntryStarts(levels[leaf], depth, EntryAt(record, leaf, depth), arrays);
                starts[(leaf, depth)] = found;
            }

            return found;
        }

        // A list's offsets into its element's entries, and which of its entries are null lists.
        RecordColumnNode List(RecordNode node, int entries)
        {
            ReadOnlySpan<byte> definitions = levels[node.Leaf].Definitions;
            ReadOnlySpan<byte> repetitions = levels[node.Leaf].Repetitions;
            int entryAt = EntryAt(record, node.Leaf, node.Depth);
            ListLevel list = node.List!;
            int[] offsets = new int[entries + 1];
            bool[] nulls = arrays.Rent<bool>(entries);
            int entry = -1;
            int elements = 0;
            for (int slot = 0; slot < definitions.Length; slot++)
            {
                if (repetitions[slot] <= node.Depth && definitions[slot] >= entryAt)
                {
                    entry++;
                    offsets[entry] = elements;
                    nulls[entry] = definitions[slot] < list.NullBelow;
                }

                if (repetitions[slot] <= node.Depth + 1 && definitions[slot] >= list.EntryAt)
                {
                    elements++;
                }
            }

            offsets[entries] = elements;
            return new RecordColumnNode(entries, node.Children) { Offsets = offsets, NullLists = nulls };
        }
    }

    /// <summary>The definition level at which a leaf's slot is an entry under <paramref name="depth"/> lists: the depth-th list's element.</summary>
    private int EntryAt(RecordBinding record, int leaf, int depth) =>
        depth == 0 ? 0 : reader.Bound(record.LeafColumns[leaf]).Field.Lists[depth - 1].EntryAt;

    /// <summary>
    /// Fails, naming the leaf, when a file's leaves disagree on how many entries a node has: a group's fields with the
    /// group, a list's element with the list's elements, the member with the batch's rows.
    /// </summary>
    private void Check(RecordBinding record, RecordNode[] parts, RecordColumnNode[] nodes, int entries)
    {
        if (nodes[0].Entries != entries)
        {
            Disagree(record, parts, 0, nodes[0].Entries, $"the batch's {reader.RowCount} rows");
        }

        for (int n = 0; n < nodes.Length; n++)
        {
            int expected = nodes[n].Offsets is { } offsets ? offsets[^1] : nodes[n].Entries;
            foreach (int child in nodes[n].Children)
            {
                if (nodes[child].Entries != expected)
                {
                    Disagree(record, parts, child, nodes[child].Entries, $"the {expected} of '{parts[n].Name}'");
                }
            }
        }
    }

    private void Disagree(RecordBinding record, RecordNode[] parts, int node, int entries, string expected)
    {
        int column = record.LeafColumns[parts[node].Leaf];
        throw reader.Translate(new InvalidDataException($"its levels hold {entries} entries for '{parts[node].Name}' where they should match {expected}"),
            reader.Bound(column), reader.Chunk(column));
    }

    /// <summary>The slots that start an entry under <paramref name="depth"/> lists: repeated at that level or less, defined at least to <paramref name="entryAt"/>.</summary>
    private static ArraySegment<int> EntryStarts(BatchLevels levels, int depth, int entryAt, BatchArrays arrays)
    {
        ReadOnlySpan<byte> definitions = levels.Definitions;
        ReadOnlySpan<byte> repetitions = levels.Repetitions;
        int[] starts = arrays.Rent<int>(definitions.Length);
        int count = 0;
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            if (repetitions[slot] <= depth && definitions[slot] >= entryAt)
            {
                starts[count++] = slot;
            }
        }

        return new ArraySegment<int>(starts, 0, count);
    }

    private static byte[] Presence(BatchLevels levels, ArraySegment<int> starts, int definition, BatchArrays arrays)
    {
        ReadOnlySpan<byte> definitions = levels.Definitions;
        byte[] presence = arrays.Rent<byte>(starts.Count);
        for (int entry = 0; entry < starts.Count; entry++)
        {
            presence[entry] = definitions[starts[entry]] >= definition ? (byte)1 : (byte)0;
        }

        return presence;
    }

    /// <summary>
    /// A leaf's value per entry: the slot values themselves when every slot starts an entry, else those at the
    /// entries' starts, moved to the front of the same array. That is safe in place: starts ascend and the i-th is at
    /// least i, so a value is moved before its slot is written over; and a leaf's slots feed only its own node.
    /// </summary>
    private static Array PickInPlace(Array slotValues, int slots, ArraySegment<int> starts)
    {
        if (starts.Count == slots)
        {
            return slotValues;
        }

        // Entries run contiguously between empty or null lists: one copy per run, not per value.
        for (int first = 0; first < starts.Count;)
        {
            int run = 1;
            while (first + run < starts.Count && starts[first + run] == starts[first] + run)
            {
                run++;
            }

            Array.Copy(slotValues, starts[first], slotValues, first, run);
            first += run;
        }

        return slotValues;
    }

    /// <summary>One leaf's slots: levels into <paramref name="levels"/>, and a value per slot (null where absent) in the leaf member's type.</summary>
    private ValueTask<Array> ReadLeafAsync(int leafColumn, BatchLevels levels, CancellationToken cancellationToken) =>
        ColumnTypes.Accept<ValueTask<Array>, LeafReader>(reader.Bound(leafColumn).LeafDescriptor.Type, new LeafReader(this, leafColumn, levels, cancellationToken));

    /// <summary>A null per slot, in the leaf member's slot type: the values of a field the file lacks.</summary>
    private readonly struct NullSlots(BatchArrays arrays, int slots) : IColumnTypeVisitor<Array>
    {
        public Array Value<T>()
            where T : struct => Cleared(arrays.Rent<T?>(slots));

        public Array String() => Cleared(arrays.Rent<string?>(slots));

        public Array Binary() => Cleared(arrays.Rent<byte[]?>(slots));

        // A rented array holds an earlier batch's values.
        private T[] Cleared<T>(T[] array)
        {
            Array.Clear(array, 0, slots);
            return array;
        }
    }

    private StringPool StringsOf(int leafColumn) => reader.Binding.StringPoolFor(leafColumn);

    private FileColumnType FileTypeOf(int leafColumn) => reader.Bound(leafColumn).FileType;

    private bool SharesBytes(int leafColumn) => reader.Bound(leafColumn).LeafDescriptor.SharesBytes;

    private readonly struct LeafReader(RecordColumnReader owner, int leafColumn, BatchLevels levels, CancellationToken cancellationToken) : IColumnTypeVisitor<ValueTask<Array>>
    {
        public ValueTask<Array> Value<T>()
            where T : struct => owner.ValuesAsync<T>(leafColumn, levels, cancellationToken);

        public ValueTask<Array> String()
        {
            // A DECIMAL read as text keeps every digit, as a top-level string member over one does.
            FileColumnType type = owner.FileTypeOf(leafColumn);
            return type.Kind != FileValueKind.Decimal
                ? owner.ReferencesAsync<string, StringConverter>(leafColumn, levels, new StringConverter(owner.StringsOf(leafColumn)), cancellationToken)
                : type.Physical is PhysicalType.Int32 or PhysicalType.Int64
                    ? owner.IntegerDecimalTextsAsync(leafColumn, levels, cancellationToken)
                    : owner.ReferencesAsync<string, DecimalTextConverter>(leafColumn, levels, new DecimalTextConverter(type.Scale), cancellationToken);
        }

        public ValueTask<Array> Binary() => owner.SharesBytes(leafColumn)
            ? owner.ReferencesAsync<byte[], SharedBinaryConverter>(leafColumn, levels, default, cancellationToken)
            : owner.ReferencesAsync<byte[], BinaryConverter>(leafColumn, levels, default, cancellationToken);
    }

    private async ValueTask<Array> ValuesAsync<T>(int leafColumn, BatchLevels levels, CancellationToken cancellationToken)
        where T : struct
    {
        BoundColumn bound = reader.Bound(leafColumn);
        List<T> present = reader.BatchArrays.ScratchList<T>();
        await GatherAsync(leafColumn, levels, (pageValues, count) =>
        {
            int misfit = TypedValueDecoder.Decode(pageValues, bound.FileType, Grow(present, count), reader.Scratch);
            if (misfit >= 0)
            {
                int row = levels.RowOfValue(present.Count - count + misfit, bound.Field.MaxDefinitionLevel);
                throw ParquetErrors.Misfit(reader.Binding, bound, reader.RowGroup, reader.FirstRow + row);
            }
        }, cancellationToken).ConfigureAwait(false);
        return Spread<T?, T>(bound, levels, present, static value => value, reader.BatchArrays);
    }

    /// <summary>A DECIMAL stored as INT32 or INT64 (always within <see cref="decimal"/>) as text with every digit of its scale.</summary>
    private async ValueTask<Array> IntegerDecimalTextsAsync(int leafColumn, BatchLevels levels, CancellationToken cancellationToken)
    {
        var values = (decimal?[])await ValuesAsync<decimal>(leafColumn, levels, cancellationToken).ConfigureAwait(false);
        int slots = levels.Definitions.Length;
        string?[] texts = reader.BatchArrays.Rent<string?>(slots);
        for (int i = 0; i < slots; i++)
        {
            texts[i] = values[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return texts;
    }

    private async ValueTask<Array> ReferencesAsync<T, TConverter>(int leafColumn, BatchLevels levels, TConverter converter, CancellationToken cancellationToken)
        where T : class
        where TConverter : struct, IByteArrayConverter<T?>
    {
        BoundColumn bound = reader.Bound(leafColumn);
        List<T?> present = reader.BatchArrays.ScratchList<T?>();
        await GatherAsync(leafColumn, levels, (pageValues, count) =>
        {
            TConverter local = converter;
            pageValues.ReadByteArrays(Grow(present, count), ref local);
        }, cancellationToken).ConfigureAwait(false);
        Array slots = Spread<T?, T?>(bound, levels, present, static value => value, reader.BatchArrays);

        // The scratch list is kept for the next batch; the references it holds are not.
        present.Clear();
        return slots;
    }

    private async ValueTask GatherAsync(int leafColumn, BatchLevels levels, Action<PageValueReader, int> decodePresent, CancellationToken cancellationToken)
    {
        try
        {
            await new ListColumnReader(reader, leafColumn).GatherSlotsAsync(levels, decodePresent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw reader.Translate(error, reader.Bound(leafColumn), reader.Chunk(leafColumn));
        }
    }

    /// <summary>Makes room for <paramref name="count"/> more values at the end of <paramref name="values"/>, to decode into in place.</summary>
    private static Span<T> Grow<T>(List<T> values, int count)
    {
        int start = values.Count;
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(values, start + count);
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values).Slice(start, count);
    }

    /// <summary>A value per slot: the next present value where the slot is defined to the leaf, null elsewhere.</summary>
    private static TSlot[] Spread<TSlot, TValue>(BoundColumn bound, BatchLevels levels, List<TValue> present, Func<TValue, TSlot> wrap, BatchArrays arrays)
    {
        ReadOnlySpan<byte> definitions = levels.Definitions;
        ReadOnlySpan<TValue> values = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(present);
        int maxLevel = bound.Field.MaxDefinitionLevel;
        TSlot[] slots = arrays.Rent<TSlot>(definitions.Length);
        int next = 0;
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            // Every slot is written: a rented array holds an earlier batch's values.
            slots[slot] = definitions[slot] == maxLevel ? wrap(values[next++]) : default!;
        }

        return slots;
    }
}
