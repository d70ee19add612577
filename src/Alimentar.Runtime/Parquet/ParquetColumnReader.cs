using System.Buffers;
using System.Text;
using Parquet;

namespace Alimentar.ParquetBinding;

/// <summary>
/// Reads the bound columns of one row group with Parquet.Net's <c>ReadRawAsync</c>: values land in the
/// caller's pooled buffer directly when the file type is the member type and the column holds no nulls;
/// otherwise through a pooled scratch buffer, with definition levels scattered into nullable values.
/// </summary>
internal sealed class ParquetColumnReader : IColumnReader
{
    private readonly ParquetRowGroupReader _rowGroup;
    private readonly ParquetFileBinding _binding;
    private readonly int _rowGroupIndex;

    public ParquetColumnReader(ParquetRowGroupReader rowGroup, ParquetFileBinding binding, int rowGroupIndex, int rowCount)
    {
        _rowGroup = rowGroup;
        _binding = binding;
        _rowGroupIndex = rowGroupIndex;
        RowCount = rowCount;
    }

    public int RowCount { get; }

    public async ValueTask ReadValuesAsync<T>(int column, Memory<T> destination, CancellationToken cancellationToken)
        where T : struct
    {
        BoundColumn bound = _binding.Columns[column];
        int[]? levels = RentLevels(bound);
        try
        {
            await ReadIntoAsync(bound, destination, new LevelBuffers(RowCount, levels, null), cancellationToken).ConfigureAwait(false);
            ThrowIfAnyNull(bound, levels);
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw Translate(error, bound);
        }
        finally
        {
            Return(levels);
        }
    }

    public async ValueTask ReadNullableValuesAsync<T>(int column, Memory<T?> destination, CancellationToken cancellationToken)
        where T : struct
    {
        BoundColumn bound = _binding.Columns[column];
        int[]? levels = RentLevels(bound);
        T[] values = ColumnArrays<T>.Pool.Rent(RowCount);
        try
        {
            await ReadIntoAsync(bound, values.AsMemory(0, RowCount), new LevelBuffers(RowCount, levels, null), cancellationToken).ConfigureAwait(false);
            Scatter(values, levels, bound.Field.MaxDefinitionLevel, destination.Span);
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw Translate(error, bound);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(values);
            Return(levels);
        }
    }

    public async ValueTask ReadStringsAsync(int column, Memory<string?> destination, CancellationToken cancellationToken)
    {
        BoundColumn bound = _binding.Columns[column];
        StringPool strings = _binding.StringPoolFor(column);
        int[]? levels = RentLevels(bound);
        try
        {
            if (bound.FileKind == FileValueKind.Utf8String)
            {
                await ReadTextAsync<char, string, StringPool>(bound, levels, destination, static (pool, chars) => pool.Get(chars.Span), strings, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReadTextAsync<byte, string, StringPool>(bound, levels, destination, static (pool, bytes) => pool.Get(bytes.Span), strings, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw Translate(error, bound);
        }
        finally
        {
            Return(levels);
        }
    }

    public async ValueTask ReadBinaryAsync(int column, Memory<byte[]?> destination, CancellationToken cancellationToken)
    {
        BoundColumn bound = _binding.Columns[column];
        int[]? levels = RentLevels(bound);
        try
        {
            if (bound.FileKind == FileValueKind.Bytes)
            {
                await ReadTextAsync<byte, byte[], int>(bound, levels, destination, static (_, bytes) => bytes.ToArray(), 0, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReadTextAsync<char, byte[], int>(bound, levels, destination, static (_, chars) => Encoding.UTF8.GetBytes(chars.ToArray()), 0, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw Translate(error, bound);
        }
        finally
        {
            Return(levels);
        }
    }

    public ValueTask ReadListsAsync<T>(int column, Memory<T[]?> destination, CancellationToken cancellationToken)
        where T : struct =>
        ReadValueListsAsync<T, T>(column, destination, static value => value, elementsNullable: false, cancellationToken);

    public ValueTask ReadNullableElementListsAsync<T>(int column, Memory<T?[]?> destination, CancellationToken cancellationToken)
        where T : struct =>
        ReadValueListsAsync<T, T?>(column, destination, static value => value, elementsNullable: true, cancellationToken);

    public async ValueTask ReadStringListsAsync(int column, Memory<string?[]?> destination, CancellationToken cancellationToken)
    {
        BoundColumn bound = _binding.Columns[column];
        StringPool strings = _binding.StringPoolFor(column);
        LevelBuffers levels = RentListLevels(bound);
        try
        {
            if (bound.FileKind == FileValueKind.Utf8String)
            {
                await ReadTextListsAsync<char>(bound, levels, destination, chars => strings.Get(chars.Span), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReadTextListsAsync<byte>(bound, levels, destination, bytes => strings.Get(bytes.Span), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw Translate(error, bound);
        }
        finally
        {
            Return(levels);
        }
    }

    private async ValueTask ReadValueListsAsync<T, TElement>(int column, Memory<TElement[]?> destination, Func<T, TElement> map, bool elementsNullable, CancellationToken cancellationToken)
        where T : struct
    {
        BoundColumn bound = _binding.Columns[column];
        LevelBuffers levels = RentListLevels(bound);
        T[] values = ColumnArrays<T>.Pool.Rent(levels.Entries);
        try
        {
            await ReadIntoAsync(bound, values.AsMemory(0, levels.Entries), levels, cancellationToken).ConfigureAwait(false);
            AssembleLists(bound, levels, values, destination.Span, map, elementsNullable);
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw Translate(error, bound);
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(values);
            Return(levels);
        }
    }

    private async ValueTask ReadTextListsAsync<TChar>(BoundColumn bound, LevelBuffers levels, Memory<string?[]?> destination, Func<ReadOnlyMemory<TChar>, string> map, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<TChar>[] values = ColumnArrays<ReadOnlyMemory<TChar>>.Pool.Rent(levels.Entries);
        try
        {
            await _rowGroup.ReadRawAsync(bound.Field, values.AsMemory(0, levels.Entries), levels.DefinitionMemory, levels.RepetitionMemory, cancellationToken).ConfigureAwait(false);
            AssembleLists<ReadOnlyMemory<TChar>, string?>(bound, levels, values, destination.Span, map, elementsNullable: bound.Descriptor.ElementIsNullable);
        }
        finally
        {
            ColumnArrays<ReadOnlyMemory<TChar>>.Pool.Return(values, clearArray: true);
        }
    }

    /// <summary>
    /// Rebuilds one array per row from a repeated column's levels: a repetition level of 0 starts a row;
    /// a definition level below the list's means a null list, equal to it an empty list, and above it an
    /// element, present at the maximum level and null below it.
    /// </summary>
    private void AssembleLists<TValue, TElement>(BoundColumn bound, LevelBuffers levels, TValue[] values, Span<TElement[]?> destination, Func<TValue, TElement> map, bool elementsNullable)
    {
        int[] definitions = levels.Definitions!;
        int[] repetitions = levels.Repetitions!;
        int maxLevel = bound.Field.MaxDefinitionLevel;
        int elementLevel = maxLevel - (bound.Field.IsNullable ? 1 : 0);
        int[] lengths = ColumnArrays<int>.Pool.Rent(RowCount);
        try
        {
            int row = -1;
            for (int slot = 0; slot < levels.Entries; slot++)
            {
                if (repetitions[slot] == 0)
                {
                    if (++row >= RowCount)
                    {
                        throw CorruptLists(bound, $"more than the {RowCount} rows the row group claims");
                    }

                    lengths[row] = definitions[slot] >= elementLevel - 1 ? 0 : -1;
                }
                else if (row < 0)
                {
                    throw CorruptLists(bound, "a list that continues before any list started");
                }

                if (definitions[slot] >= elementLevel)
                {
                    lengths[row]++;
                }
            }

            if (row != RowCount - 1)
            {
                throw CorruptLists(bound, $"{row + 1} rows where the row group claims {RowCount}");
            }

            int next = 0;
            int position = 0;
            row = -1;
            for (int slot = 0; slot < levels.Entries; slot++)
            {
                if (repetitions[slot] == 0)
                {
                    row++;
                    position = 0;
                    if (lengths[row] < 0 && !bound.Descriptor.IsNullable)
                    {
                        throw NullAt(bound, row, "is a null list");
                    }

                    destination[row] = lengths[row] < 0 ? null : new TElement[lengths[row]];
                }

                if (definitions[slot] < elementLevel)
                {
                    continue;
                }

                if (definitions[slot] == maxLevel)
                {
                    destination[row]![position++] = map(values[next++]);
                }
                else if (elementsNullable)
                {
                    destination[row]![position++] = default!;
                }
                else
                {
                    throw NullAt(bound, row, "holds a null element");
                }
            }
        }
        finally
        {
            ColumnArrays<int>.Pool.Return(lengths);
        }
    }

    /// <summary>Rents level buffers for every slot of a repeated column chunk, sized from its metadata.</summary>
    private LevelBuffers RentListLevels(BoundColumn bound)
    {
        long entries = _rowGroup.GetMetadata(bound.Field)?.MetaData?.NumValues ?? -1;
        if (entries < RowCount || entries > Array.MaxLength)
        {
            throw CorruptLists(bound, $"a column chunk claiming {entries} values for {RowCount} rows");
        }

        int count = (int)entries;
        return new LevelBuffers(count, ColumnArrays<int>.Pool.Rent(count), ColumnArrays<int>.Pool.Rent(count));
    }

    private static void Return(LevelBuffers levels)
    {
        Return(levels.Definitions);
        Return(levels.Repetitions);
    }

    /// <summary>A value the member's type cannot hold (a narrowing that overflows, a time past midnight).</summary>
    private AlimentarException Misfit(BoundColumn bound, LevelBuffers levels, int valueIndex, object? value) =>
        new($"Value {value} in '{_binding.FileName}', row group {_rowGroupIndex}, column '{bound.FileColumnName}', slot {levels.SlotOfValue(bound.Field.MaxDefinitionLevel, valueIndex)} "
            + $"does not fit member {_binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName} ({bound.Descriptor.Type}).")
        {
            FilePath = _binding.FileName,
        };

    private CorruptParquetFileException CorruptLists(BoundColumn bound, string found) =>
        new($"Cannot read '{_binding.FileName}', row group {_rowGroupIndex}, column '{bound.FileColumnName}': its list levels describe {found}.")
        {
            FilePath = _binding.FileName,
            RowGroup = _rowGroupIndex,
            ColumnName = bound.FileColumnName,
        };

    private UnexpectedNullException NullAt(BoundColumn bound, int row, string what) =>
        new($"Null in '{_binding.FileName}', row group {_rowGroupIndex}, column '{bound.FileColumnName}', row {row}: the row {what}, "
            + $"but member {_binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName} does not accept null there; declare it nullable to accept nulls.")
        {
            FilePath = _binding.FileName,
            ColumnName = bound.FileColumnName,
            RowGroup = _rowGroupIndex,
            Row = row,
        };

    /// <summary>Reads a column's non-null values, compacted to the front of <paramref name="target"/>, as the member's type.</summary>
    private ValueTask ReadIntoAsync<T>(BoundColumn bound, Memory<T> target, LevelBuffers levels, CancellationToken cancellationToken)
        where T : struct =>
        bound.FileKind switch
        {
            FileValueKind.Boolean => ReadConvertedAsync<bool, T>(bound, target, levels, cancellationToken),
            FileValueKind.SByte => ReadConvertedAsync<sbyte, T>(bound, target, levels, cancellationToken),
            FileValueKind.Byte => ReadConvertedAsync<byte, T>(bound, target, levels, cancellationToken),
            FileValueKind.Int16 => ReadConvertedAsync<short, T>(bound, target, levels, cancellationToken),
            FileValueKind.UInt16 => ReadConvertedAsync<ushort, T>(bound, target, levels, cancellationToken),
            FileValueKind.Int32 => ReadConvertedAsync<int, T>(bound, target, levels, cancellationToken),
            FileValueKind.UInt32 => ReadConvertedAsync<uint, T>(bound, target, levels, cancellationToken),
            FileValueKind.Int64 => ReadConvertedAsync<long, T>(bound, target, levels, cancellationToken),
            FileValueKind.UInt64 => ReadConvertedAsync<ulong, T>(bound, target, levels, cancellationToken),
            FileValueKind.Single => ReadConvertedAsync<float, T>(bound, target, levels, cancellationToken),
            FileValueKind.Double => ReadConvertedAsync<double, T>(bound, target, levels, cancellationToken),
            FileValueKind.Decimal => ReadConvertedAsync<decimal, T>(bound, target, levels, cancellationToken),
            FileValueKind.DateTime => ReadConvertedAsync<DateTime, T>(bound, target, levels, cancellationToken),
            FileValueKind.DateOnly => ReadConvertedAsync<DateOnly, T>(bound, target, levels, cancellationToken),
            FileValueKind.TimeSpan => ReadConvertedAsync<TimeSpan, T>(bound, target, levels, cancellationToken),
            FileValueKind.TimeOnly => ReadConvertedAsync<TimeOnly, T>(bound, target, levels, cancellationToken),
            FileValueKind.Guid => ReadConvertedAsync<Guid, T>(bound, target, levels, cancellationToken),
            FileValueKind.TimeMillis => ReadTimeOfDayAsync<int, T>(bound, target, levels, TimeSpan.TicksPerMillisecond, 1, cancellationToken),
            FileValueKind.TimeMicros => ReadTimeOfDayAsync<long, T>(bound, target, levels, TimeSpan.TicksPerMillisecond / 1000, 1, cancellationToken),
            FileValueKind.TimeNanos => ReadTimeOfDayAsync<long, T>(bound, target, levels, 1, 100, cancellationToken),
            _ => throw new UnsupportedParquetFeatureException(
                $"Cannot read '{_binding.FileName}', column '{bound.FileColumnName}': values of {ParquetSchemaBinder.Describe(bound.Field)} are not supported.")
            {
                FilePath = _binding.FileName,
            },
        };

    private async ValueTask ReadConvertedAsync<TFile, T>(BoundColumn bound, Memory<T> target, LevelBuffers levels, CancellationToken cancellationToken)
        where TFile : struct
        where T : struct
    {
        if (typeof(TFile) == typeof(T))
        {
            await _rowGroup.ReadRawAsync(bound.Field, target, levels.DefinitionMemory, levels.RepetitionMemory, cancellationToken).ConfigureAwait(false);
            return;
        }

        TFile[] scratch = ColumnArrays<TFile>.Pool.Rent(levels.Entries);
        try
        {
            await _rowGroup.ReadRawAsync(bound.Field, scratch.AsMemory(0, levels.Entries), levels.DefinitionMemory, levels.RepetitionMemory, cancellationToken).ConfigureAwait(false);
            int valueCount = levels.CountValues(bound.Field.MaxDefinitionLevel);
            int misfit = ValueConverter.Convert<TFile, T>(scratch.AsSpan(0, valueCount), target.Span);
            if (misfit >= 0)
            {
                throw Misfit(bound, levels, misfit, scratch[misfit]);
            }
        }
        finally
        {
            ColumnArrays<TFile>.Pool.Return(scratch);
        }
    }

    /// <summary>Reads a TIME column's raw integers and scales them to ticks before converting to the member type.</summary>
    private async ValueTask ReadTimeOfDayAsync<TFile, T>(BoundColumn bound, Memory<T> target, LevelBuffers levels, long ticksPerUnit, long unitsPerTick, CancellationToken cancellationToken)
        where TFile : struct, System.Numerics.IBinaryInteger<TFile>
        where T : struct
    {
        TFile[] raw = ColumnArrays<TFile>.Pool.Rent(levels.Entries);
        TimeSpan[] times = ColumnArrays<TimeSpan>.Pool.Rent(levels.Entries);
        try
        {
            await ReadConvertedAsync<TFile, TFile>(bound, raw.AsMemory(0, levels.Entries), levels, cancellationToken).ConfigureAwait(false);
            int valueCount = levels.CountValues(bound.Field.MaxDefinitionLevel);
            for (int i = 0; i < valueCount; i++)
            {
                times[i] = TimeSpan.FromTicks(long.CreateTruncating(raw[i]) * ticksPerUnit / unitsPerTick);
            }

            int misfit = ValueConverter.Convert<TimeSpan, T>(times.AsSpan(0, valueCount), target.Span);
            if (misfit >= 0)
            {
                throw Misfit(bound, levels, misfit, times[misfit]);
            }
        }
        finally
        {
            ColumnArrays<TimeSpan>.Pool.Return(times);
            ColumnArrays<TFile>.Pool.Return(raw);
        }
    }

    private async ValueTask ReadTextAsync<TFile, TValue, TState>(
        BoundColumn bound,
        int[]? levels,
        Memory<TValue?> destination,
        Func<TState, ReadOnlyMemory<TFile>, TValue> convert,
        TState state,
        CancellationToken cancellationToken)
        where TValue : class
    {
        ReadOnlyMemory<TFile>[] scratch = ColumnArrays<ReadOnlyMemory<TFile>>.Pool.Rent(RowCount);
        try
        {
            Memory<int>? definitionLevels = levels is null ? default(Memory<int>?) : levels.AsMemory(0, RowCount);
            await _rowGroup.ReadRawAsync(bound.Field, scratch.AsMemory(0, RowCount), definitionLevels, null, cancellationToken).ConfigureAwait(false);
            if (!bound.Descriptor.IsNullable)
            {
                ThrowIfAnyNull(bound, levels);
            }

            Span<TValue?> target = destination.Span;
            int maxLevel = bound.Field.MaxDefinitionLevel;
            int next = 0;
            for (int row = 0; row < target.Length; row++)
            {
                target[row] = levels is null || levels[row] == maxLevel ? convert(state, scratch[next++]) : null;
            }
        }
        finally
        {
            ColumnArrays<ReadOnlyMemory<TFile>>.Pool.Return(scratch, clearArray: true);
        }
    }

    private int[]? RentLevels(BoundColumn bound) => bound.FileIsNullable ? ColumnArrays<int>.Pool.Rent(RowCount) : null;

    private static void Return(int[]? levels)
    {
        if (levels is not null)
        {
            ColumnArrays<int>.Pool.Return(levels);
        }
    }

    private void ThrowIfAnyNull(BoundColumn bound, int[]? levels)
    {
        if (levels is null)
        {
            return;
        }

        int firstNull = levels.AsSpan(0, RowCount).IndexOfAnyExcept(bound.Field.MaxDefinitionLevel);
        if (firstNull >= 0)
        {
            throw new UnexpectedNullException(
                $"Null in '{_binding.FileName}', row group {_rowGroupIndex}, column '{bound.FileColumnName}', row {firstNull}: "
                + $"member {_binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName} is a non-nullable {bound.Descriptor.Type}; declare it nullable to accept nulls.")
            {
                FilePath = _binding.FileName,
                ColumnName = bound.FileColumnName,
                RowGroup = _rowGroupIndex,
                Row = firstNull,
            };
        }
    }

    private static void Scatter<T>(T[] values, int[]? levels, int maxLevel, Span<T?> destination)
        where T : struct
    {
        if (levels is null)
        {
            for (int row = 0; row < destination.Length; row++)
            {
                destination[row] = values[row];
            }

            return;
        }

        int next = 0;
        for (int row = 0; row < destination.Length; row++)
        {
            destination[row] = levels[row] == maxLevel ? values[next++] : null;
        }
    }

    private AlimentarException Translate(Exception error, BoundColumn bound)
    {
        var meta = _rowGroup.GetMetadata(bound.Field)?.MetaData;
        string? codec = meta is null ? null : $"{meta.Codec}, {string.Join('/', meta.Encodings ?? [])}";
        return ParquetErrors.Translate(error, _binding.FileName, _rowGroupIndex, bound.FileColumnName, codec);
    }
}
