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
    /// The entries (rows, or the elements of the rows' lists of records): where each starts in every leaf's slots, each
    /// leaf's value there (a list of values inside the record spans the slots up to the next entry), and which groups
    /// are present.
    /// </summary>
    private RecordColumn Assemble(BoundColumn member, RecordBinding record, BatchLevels[] levels, Array[] slotValues)
    {
        int depth = record.List is null ? 0 : 1;
        var starts = new int[levels.Length][];
        for (int leaf = 0; leaf < levels.Length; leaf++)
        {
            starts[leaf] = EntryStarts(levels[leaf], depth, record.List);
            if (starts[leaf].Length != starts[0].Length)
            {
                int column = record.LeafColumns[leaf];
                throw reader.Translate(new InvalidDataException(
                    $"its levels hold {starts[leaf].Length} entries where '{member.FileColumnName}' of the same group holds {starts[0].Length}"),
                    reader.Bound(column), reader.Chunk(column));
            }
        }

        int entries = starts[0].Length;
        (int[]? offsets, bool[]? nullLists) = record.List is { } list ? Rows(levels[0], list) : (null, null);
        var values = new Array[slotValues.Length];
        var leafLists = new (int[] Offsets, bool[] Nulls)?[slotValues.Length];
        for (int leaf = 0; leaf < values.Length; leaf++)
        {
            Array all = slotValues[leaf];
            var picked = (Array)all.Clone();
            int[] entryStarts = starts[leaf];
            if (record.LeafLists[leaf] is not { } inner)
            {
                for (int entry = 0; entry < entries; entry++)
                {
                    Array.Copy(all, entryStarts[entry], picked, entry, 1);
                }
            }
            else
            {
                ReadOnlySpan<byte> definitions = levels[leaf].Definitions;
                ReadOnlySpan<byte> repetitions = levels[leaf].Repetitions;
                int[] listOffsets = new int[entries + 1];
                bool[] listNulls = new bool[entries];
                int next = 0;
                for (int entry = 0; entry < entries; entry++)
                {
                    int slot = entryStarts[entry];
                    listNulls[entry] = definitions[slot] < inner.NullBelow;
                    do
                    {
                        if (definitions[slot] >= inner.EntryAt)
                        {
                            Array.Copy(all, slot, picked, next++, 1);
                        }

                        slot++;
                    }
                    while (slot < definitions.Length && repetitions[slot] > depth);

                    listOffsets[entry + 1] = next;
                }

                leafLists[leaf] = (listOffsets, listNulls);
            }

            values[leaf] = picked;
        }

        int groups = record.GroupDefinitions.Length;
        byte[] presence = new byte[groups * entries];
        for (int group = 0; group < groups; group++)
        {
            int leaf = record.GroupLeaves[group];
            ReadOnlySpan<byte> leafDefinitions = levels[leaf].Definitions;
            int level = record.GroupDefinitions[group];
            for (int entry = 0; entry < entries; entry++)
            {
                presence[(group * entries) + entry] = leafDefinitions[starts[leaf][entry]] >= level ? (byte)1 : (byte)0;
            }
        }

        ParquetFileBinding binding = reader.Binding;
        int rowGroup = reader.RowGroup;
        long firstRow = reader.FirstRow;
        return new RecordColumn(entries, values, presence, offsets, nullLists, (row, part, what) =>
        {
            (BoundColumn bound, string name) = part switch
            {
                RecordColumn.ListPart => (member, member.Descriptor.MemberName),
                >= 0 => (binding.Columns[record.LeafColumns[part]], record.LeafNames[part]),
                _ => (binding.Columns[record.LeafColumns[record.GroupLeaves[-1 - part]]], record.GroupNames[-1 - part]),
            };
            return ParquetErrors.UnexpectedNull(binding, bound, rowGroup, firstRow + row, $"({name}) {what}");
        }, (row, key) => new DuplicateKeyException(
            $"Duplicate key in {AlimentarThrow.Where(binding.FileName, rowGroup, member.FileColumnName)}, row {firstRow + row}: the map holds the key '{key}' twice, which member {binding.RowSchema.RowTypeName}.{member.Descriptor.MemberName} (a dictionary) cannot hold.")
        {
            FilePath = binding.FileName,
            ColumnName = member.FileColumnName,
            RowGroup = rowGroup,
            Row = firstRow + row,
            Key = key,
        }, leafLists);
    }

    /// <summary>The slots that start an entry: every row's first slot, or in a list of records each slot that starts an element.</summary>
    private static int[] EntryStarts(BatchLevels levels, int depth, ListLevel? list)
    {
        ReadOnlySpan<byte> definitions = levels.Definitions;
        ReadOnlySpan<byte> repetitions = levels.Repetitions;
        var starts = new List<int>(definitions.Length);
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            if (repetitions[slot] <= depth && (list is null || definitions[slot] >= list.EntryAt))
            {
                starts.Add(slot);
            }
        }

        return [.. starts];
    }

    /// <summary>For a list of records, each row's first entry and whether its list is null, from one leaf's levels.</summary>
    private (int[] Offsets, bool[] Nulls) Rows(BatchLevels levels, ListLevel list)
    {
        ReadOnlySpan<byte> definitions = levels.Definitions;
        ReadOnlySpan<byte> repetitions = levels.Repetitions;
        int rows = reader.RowCount;
        int[] offsets = new int[rows + 1];
        bool[] nulls = new bool[rows];
        int row = -1;
        int entries = 0;
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            if (repetitions[slot] == 0)
            {
                row++;
                offsets[row] = entries;
                nulls[row] = definitions[slot] < list.NullBelow;
            }

            if (repetitions[slot] <= 1 && definitions[slot] >= list.EntryAt)
            {
                entries++;
            }
        }

        offsets[rows] = entries;
        return (offsets, nulls);
    }

    /// <summary>One leaf's slots: levels into <paramref name="levels"/>, and a value per slot (null where absent) in the leaf member's type.</summary>
    private ValueTask<Array> ReadLeafAsync(int leafColumn, BatchLevels levels, CancellationToken cancellationToken)
    {
        BoundColumn bound = reader.Bound(leafColumn);
        return bound.LeafDescriptor.Type switch
        {
            ColumnType.Boolean => ValuesAsync<bool>(leafColumn, levels, cancellationToken),
            ColumnType.SByte => ValuesAsync<sbyte>(leafColumn, levels, cancellationToken),
            ColumnType.Byte => ValuesAsync<byte>(leafColumn, levels, cancellationToken),
            ColumnType.Int16 => ValuesAsync<short>(leafColumn, levels, cancellationToken),
            ColumnType.UInt16 => ValuesAsync<ushort>(leafColumn, levels, cancellationToken),
            ColumnType.Int32 => ValuesAsync<int>(leafColumn, levels, cancellationToken),
            ColumnType.UInt32 => ValuesAsync<uint>(leafColumn, levels, cancellationToken),
            ColumnType.Int64 => ValuesAsync<long>(leafColumn, levels, cancellationToken),
            ColumnType.UInt64 => ValuesAsync<ulong>(leafColumn, levels, cancellationToken),
            ColumnType.Single => ValuesAsync<float>(leafColumn, levels, cancellationToken),
            ColumnType.Double => ValuesAsync<double>(leafColumn, levels, cancellationToken),
            ColumnType.Decimal => ValuesAsync<decimal>(leafColumn, levels, cancellationToken),
            ColumnType.DateTime => ValuesAsync<DateTime>(leafColumn, levels, cancellationToken),
            ColumnType.DateTimeOffset => ValuesAsync<DateTimeOffset>(leafColumn, levels, cancellationToken),
            ColumnType.DateOnly => ValuesAsync<DateOnly>(leafColumn, levels, cancellationToken),
            ColumnType.TimeOnly => ValuesAsync<TimeOnly>(leafColumn, levels, cancellationToken),
            ColumnType.TimeSpan => ValuesAsync<TimeSpan>(leafColumn, levels, cancellationToken),
            ColumnType.Guid => ValuesAsync<Guid>(leafColumn, levels, cancellationToken),
            ColumnType.Half => ValuesAsync<Half>(leafColumn, levels, cancellationToken),
            ColumnType.String => ReferencesAsync<string, StringConverter>(leafColumn, levels, new StringConverter(reader.Binding.StringPoolFor(leafColumn)), cancellationToken),
            ColumnType.Binary => ReferencesAsync<byte[], BinaryConverter>(leafColumn, levels, default, cancellationToken),
            _ => throw new InvalidOperationException($"A record leaf of type {bound.LeafDescriptor.Type} has no reader."),
        };
    }

    private async ValueTask<Array> ValuesAsync<T>(int leafColumn, BatchLevels levels, CancellationToken cancellationToken)
        where T : struct
    {
        BoundColumn bound = reader.Bound(leafColumn);
        var present = new List<T>();
        await GatherAsync(leafColumn, levels, (chunk, count) =>
        {
            if (TypedValueDecoder.Decode(chunk.Values, bound.FileType, Grow(present, count), reader.Scratch) >= 0)
            {
                throw ParquetErrors.Misfit(reader.Binding, bound, reader.RowGroup, reader.FirstRow + levels.Rows - 1);
            }
        }, cancellationToken).ConfigureAwait(false);
        return Spread<T?, T>(bound, levels, present, static value => value);
    }

    private async ValueTask<Array> ReferencesAsync<T, TConverter>(int leafColumn, BatchLevels levels, TConverter converter, CancellationToken cancellationToken)
        where T : class
        where TConverter : struct, IByteArrayConverter<T?>
    {
        BoundColumn bound = reader.Bound(leafColumn);
        var present = new List<T?>();
        await GatherAsync(leafColumn, levels, (chunk, count) =>
        {
            TConverter local = converter;
            chunk.Values.ReadByteArrays(Grow(present, count), ref local);
        }, cancellationToken).ConfigureAwait(false);
        return Spread<T?, T?>(bound, levels, present, static value => value);
    }

    private async ValueTask GatherAsync(int leafColumn, BatchLevels levels, Action<ColumnChunkReader, int> decodePresent, CancellationToken cancellationToken)
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
    private static TSlot[] Spread<TSlot, TValue>(BoundColumn bound, BatchLevels levels, List<TValue> present, Func<TValue, TSlot> wrap)
    {
        ReadOnlySpan<byte> definitions = levels.Definitions;
        int maxLevel = bound.Field.MaxDefinitionLevel;
        var slots = new TSlot[Math.Max(1, definitions.Length)];
        int next = 0;
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            if (definitions[slot] == maxLevel)
            {
                slots[slot] = wrap(present[next++]);
            }
        }

        return slots;
    }
}
