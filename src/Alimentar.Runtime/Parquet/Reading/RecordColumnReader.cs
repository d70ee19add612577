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
                if (levels[leaf].Definitions.Length != levels[0].Definitions.Length)
                {
                    ColumnChunkReader chunk = reader.Chunk(record.LeafColumns[leaf]);
                    throw reader.Translate(new InvalidDataException(
                        $"its levels hold {levels[leaf].Definitions.Length} slots where '{member.FileColumnName}' of the same group holds {levels[0].Definitions.Length}"),
                        reader.Bound(record.LeafColumns[leaf]), chunk);
                }
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

    /// <summary>The entries: which slots are entries (all of them, or a list's elements), and per leaf and group their values and presence.</summary>
    private RecordColumn Assemble(BoundColumn member, RecordBinding record, BatchLevels[] levels, Array[] slotValues)
    {
        ReadOnlySpan<byte> definitions = levels[0].Definitions;
        ReadOnlySpan<byte> repetitions = levels[0].Repetitions;
        int[] entrySlots;
        int[]? offsets = null;
        bool[]? nullLists = null;
        if (record.List is not { } list)
        {
            entrySlots = Enumerable.Range(0, definitions.Length).ToArray();
        }
        else
        {
            int rows = reader.RowCount;
            offsets = new int[rows + 1];
            nullLists = new bool[rows];
            var slots = new List<int>(definitions.Length);
            int row = -1;
            for (int slot = 0; slot < definitions.Length; slot++)
            {
                if (repetitions[slot] == 0)
                {
                    row++;
                    offsets[row] = slots.Count;
                    nullLists[row] = definitions[slot] < list.NullBelow;
                }

                if (definitions[slot] >= list.EntryAt)
                {
                    slots.Add(slot);
                }
            }

            offsets[rows] = slots.Count;
            entrySlots = [.. slots];
        }

        int entries = entrySlots.Length;
        var values = new Array[slotValues.Length];
        for (int leaf = 0; leaf < values.Length; leaf++)
        {
            Array all = slotValues[leaf];
            var picked = (Array)all.Clone();
            for (int entry = 0; entry < entries; entry++)
            {
                Array.Copy(all, entrySlots[entry], picked, entry, 1);
            }

            values[leaf] = picked;
        }

        int groups = record.GroupDefinitions.Length;
        byte[] presence = new byte[groups * entries];
        for (int group = 0; group < groups; group++)
        {
            ReadOnlySpan<byte> leafDefinitions = levels[record.GroupLeaves[group]].Definitions;
            int level = record.GroupDefinitions[group];
            for (int entry = 0; entry < entries; entry++)
            {
                presence[(group * entries) + entry] = leafDefinitions[entrySlots[entry]] >= level ? (byte)1 : (byte)0;
            }
        }

        ParquetFileBinding binding = reader.Binding;
        int rowGroup = reader.RowGroup;
        long firstRow = reader.FirstRow;
        return new RecordColumn(entries, values, presence, offsets, nullLists, (row, index, what) =>
        {
            (BoundColumn bound, string name) = what == "holds a null value"
                ? (binding.Columns[record.LeafColumns[index]], record.LeafNames[index])
                : index >= 0 ? (binding.Columns[record.LeafColumns[record.GroupLeaves[index]]], record.GroupNames[index]) : (member, member.Descriptor.MemberName);
            return ParquetErrors.UnexpectedNull(binding, bound, rowGroup, firstRow + row, $"({name}) {what}");
        }, (row, key) => new DuplicateKeyException(
            $"Duplicate key in {AlimentarThrow.Where(binding.FileName, rowGroup, member.FileColumnName)}, row {firstRow + row}: the map holds the key '{key}' twice, which member {binding.RowSchema.RowTypeName}.{member.Descriptor.MemberName} (a dictionary) cannot hold.")
        {
            FilePath = binding.FileName,
            ColumnName = member.FileColumnName,
            RowGroup = rowGroup,
            Row = firstRow + row,
            Key = key,
        });
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
            T[] decoded = new T[count];
            if (TypedValueDecoder.Decode(chunk.Values, bound.FileType, decoded.AsSpan(), reader.Scratch) >= 0)
            {
                throw ParquetErrors.Misfit(reader.Binding, bound, reader.RowGroup, reader.FirstRow + levels.Rows - 1);
            }

            present.AddRange(decoded);
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
            var decoded = new T?[count];
            TConverter local = converter;
            chunk.Values.ReadByteArrays(decoded.AsSpan(), ref local);
            present.AddRange(decoded);
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
