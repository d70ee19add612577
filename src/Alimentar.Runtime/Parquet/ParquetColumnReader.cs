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
            await ReadIntoAsync(bound, destination, levels, cancellationToken).ConfigureAwait(false);
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
        T[] values = ArrayPool<T>.Shared.Rent(RowCount);
        try
        {
            await ReadIntoAsync(bound, values.AsMemory(0, RowCount), levels, cancellationToken).ConfigureAwait(false);
            Scatter(values, levels, bound.Field.MaxDefinitionLevel, destination.Span);
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw Translate(error, bound);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values);
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

    /// <summary>Reads a column's non-null values, compacted to the front of <paramref name="target"/>, as the member's type.</summary>
    private ValueTask ReadIntoAsync<T>(BoundColumn bound, Memory<T> target, int[]? levels, CancellationToken cancellationToken)
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

    private async ValueTask ReadConvertedAsync<TFile, T>(BoundColumn bound, Memory<T> target, int[]? levels, CancellationToken cancellationToken)
        where TFile : struct
        where T : struct
    {
        Memory<int>? definitionLevels = levels is null ? default(Memory<int>?) : levels.AsMemory(0, RowCount);
        if (typeof(TFile) == typeof(T))
        {
            await _rowGroup.ReadRawAsync(bound.Field, target, definitionLevels, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        TFile[] scratch = ArrayPool<TFile>.Shared.Rent(RowCount);
        try
        {
            await _rowGroup.ReadRawAsync(bound.Field, scratch.AsMemory(0, RowCount), definitionLevels, null, cancellationToken).ConfigureAwait(false);
            int valueCount = CountValues(levels, bound.Field.MaxDefinitionLevel);
            int misfit = ValueConverter.Convert<TFile, T>(scratch.AsSpan(0, valueCount), target.Span);
            if (misfit >= 0)
            {
                throw new AlimentarException(
                    $"Value {scratch[misfit]} in '{_binding.FileName}', row group {_rowGroupIndex}, column '{bound.FileColumnName}', row {RowOf(levels, bound.Field.MaxDefinitionLevel, misfit)} "
                    + $"does not fit member {_binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName} ({bound.Descriptor.Type}).")
                {
                    FilePath = _binding.FileName,
                };
            }
        }
        finally
        {
            ArrayPool<TFile>.Shared.Return(scratch);
        }
    }

    /// <summary>Reads a TIME column's raw integers and scales them to ticks before converting to the member type.</summary>
    private async ValueTask ReadTimeOfDayAsync<TFile, T>(BoundColumn bound, Memory<T> target, int[]? levels, long ticksPerUnit, long unitsPerTick, CancellationToken cancellationToken)
        where TFile : struct, System.Numerics.IBinaryInteger<TFile>
        where T : struct
    {
        TFile[] raw = ArrayPool<TFile>.Shared.Rent(RowCount);
        TimeSpan[] times = ArrayPool<TimeSpan>.Shared.Rent(RowCount);
        try
        {
            await ReadConvertedAsync<TFile, TFile>(bound, raw.AsMemory(0, RowCount), levels, cancellationToken).ConfigureAwait(false);
            int valueCount = CountValues(levels, bound.Field.MaxDefinitionLevel);
            for (int i = 0; i < valueCount; i++)
            {
                times[i] = TimeSpan.FromTicks(long.CreateTruncating(raw[i]) * ticksPerUnit / unitsPerTick);
            }

            int misfit = ValueConverter.Convert<TimeSpan, T>(times.AsSpan(0, valueCount), target.Span);
            if (misfit >= 0)
            {
                throw new AlimentarException(
                    $"Time {times[misfit]} in '{_binding.FileName}', row group {_rowGroupIndex}, column '{bound.FileColumnName}' does not fit member "
                    + $"{_binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName} ({bound.Descriptor.Type}).")
                {
                    FilePath = _binding.FileName,
                };
            }
        }
        finally
        {
            ArrayPool<TimeSpan>.Shared.Return(times);
            ArrayPool<TFile>.Shared.Return(raw);
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
        ReadOnlyMemory<TFile>[] scratch = ArrayPool<ReadOnlyMemory<TFile>>.Shared.Rent(RowCount);
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
            ArrayPool<ReadOnlyMemory<TFile>>.Shared.Return(scratch, clearArray: true);
        }
    }

    private int[]? RentLevels(BoundColumn bound) => bound.FileIsNullable ? ArrayPool<int>.Shared.Rent(RowCount) : null;

    private static void Return(int[]? levels)
    {
        if (levels is not null)
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    private int CountValues(int[]? levels, int maxLevel)
    {
        if (levels is null)
        {
            return RowCount;
        }

        ReadOnlySpan<int> span = levels.AsSpan(0, RowCount);
        return maxLevel == 1 ? RowCount - span.Count(0) : span.Count(maxLevel);
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

    private static long RowOf(int[]? levels, int maxLevel, int valueIndex)
    {
        if (levels is null)
        {
            return valueIndex;
        }

        int seen = -1;
        for (int row = 0; row < levels.Length; row++)
        {
            if (levels[row] == maxLevel && ++seen == valueIndex)
            {
                return row;
            }
        }

        return valueIndex;
    }

    private AlimentarException Translate(Exception error, BoundColumn bound) =>
        ParquetErrors.Translate(error, _binding.FileName, _rowGroupIndex, bound.FileColumnName);
}
