using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using global::Parquet;
using global::Parquet.Schema;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// Writes a store's columns into one Parquet row group. Values whose Parquet form differs from the
/// member type (local times, offsets, times of day) are converted through a pooled scratch buffer;
/// lists are flattened into values with definition and repetition levels.
/// </summary>
internal sealed class ParquetColumnWriter : IColumnWriter
{
    private readonly ParquetRowGroupWriter _rowGroup;
    private readonly DataField[] _fields;

    public ParquetColumnWriter(ParquetRowGroupWriter rowGroup, DataField[] fields)
    {
        _rowGroup = rowGroup;
        _fields = fields;
    }

    public ValueTask WriteValuesAsync<T>(int column, ReadOnlyMemory<T> values, CancellationToken cancellationToken)
        where T : struct =>
        WriteConvertedAsync(_fields[column], values, null, cancellationToken);

    public async ValueTask WriteNullableValuesAsync<T>(int column, ReadOnlyMemory<T?> values, CancellationToken cancellationToken)
        where T : struct
    {
        DataField field = _fields[column];
        if (NeedsConversion<T>())
        {
            // Compact the present values and describe the nulls with definition levels, as for a list.
            int[] levels = ColumnArrays<int>.Pool.Rent(values.Length);
            T[] present = ColumnArrays<T>.Pool.Rent(values.Length);
            try
            {
                int count = 0;
                ReadOnlySpan<T?> source = values.Span;
                for (int i = 0; i < source.Length; i++)
                {
                    levels[i] = source[i].HasValue ? 1 : 0;
                    if (source[i] is { } value)
                    {
                        present[count++] = value;
                    }
                }

                await WriteConvertedAsync(field, new ReadOnlyMemory<T>(present, 0, count), new Levels(levels.AsMemory(0, values.Length), null), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ColumnArrays<T>.Pool.Return(present);
                ColumnArrays<int>.Pool.Return(levels);
            }
        }
        else
        {
            await _rowGroup.WriteAsync(field, values, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask WriteStringsAsync(int column, ReadOnlyMemory<string?> values, CancellationToken cancellationToken) =>
        await _rowGroup.WriteAsync(_fields[column], AsCollection(values)).ConfigureAwait(false);

    public async ValueTask WriteBinaryAsync(int column, ReadOnlyMemory<byte[]?> values, CancellationToken cancellationToken) =>
        await _rowGroup.WriteAsync(_fields[column], AsCollection(values)).ConfigureAwait(false);

    public ValueTask WriteListsAsync<T>(int column, ListColumn<T> lists, CancellationToken cancellationToken)
        where T : struct =>
        WriteListsAsync<T, T>(column, lists, static (T element, out T value) => { value = element; return true; }, cancellationToken);

    public ValueTask WriteNullableElementListsAsync<T>(int column, ListColumn<T?> lists, CancellationToken cancellationToken)
        where T : struct =>
        WriteListsAsync<T?, T>(column, lists, static (T? element, out T value) => { value = element.GetValueOrDefault(); return element.HasValue; }, cancellationToken);

    public async ValueTask WriteStringListsAsync(int column, ListColumn<string?> lists, CancellationToken cancellationToken)
    {
        DataField field = _fields[column];
        using FlatList<ReadOnlyMemory<char>> flat = FlatList<ReadOnlyMemory<char>>.Create<string?>(
            lists, field, static (string? element, out ReadOnlyMemory<char> value) => { value = element.AsMemory(); return element is not null; });
        await _rowGroup.WriteAllPartsAsync(field, flat.Values, flat.Definitions, flat.Repetitions, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteBinaryListsAsync(int column, ListColumn<byte[]?> lists, CancellationToken cancellationToken)
    {
        DataField field = _fields[column];
        using FlatList<ReadOnlyMemory<byte>> flat = FlatList<ReadOnlyMemory<byte>>.Create<byte[]?>(
            lists, field, static (byte[]? element, out ReadOnlyMemory<byte> value) => { value = element.AsMemory(); return element is not null; });
        await _rowGroup.WriteAllPartsAsync(field, flat.Values, flat.Definitions, flat.Repetitions, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteListsAsync<TElement, T>(int column, ListColumn<TElement> lists, FlatList<T>.TryGet<TElement> present, CancellationToken cancellationToken)
        where T : struct
    {
        DataField field = _fields[column];
        using FlatList<T> flat = FlatList<T>.Create(lists, field, present);
        await WriteConvertedAsync(field, flat.Values, new Levels(flat.Definitions, flat.Repetitions), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes values (compact, when levels are given) after converting the types Parquet stores differently.</summary>
    private async ValueTask WriteConvertedAsync<T>(DataField field, ReadOnlyMemory<T> values, Levels? levels, CancellationToken cancellationToken)
        where T : struct
    {
        if (typeof(T) == typeof(DateTime))
        {
            await WriteMappedAsync(field, As<T, DateTime>(values), ToUtc, levels, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(DateTimeOffset))
        {
            await WriteMappedAsync(field, As<T, DateTimeOffset>(values), static v => v.UtcDateTime, levels, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(TimeOnly))
        {
            await WriteMappedAsync(field, As<T, TimeOnly>(values), static v => ToMicroseconds(v.ToTimeSpan()), levels, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(TimeSpan))
        {
            await WriteMappedAsync(field, As<T, TimeSpan>(values), ToMicroseconds, levels, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(Half))
        {
            // Parquet.Net cannot write FLOAT16; FLOAT holds every half exactly and reads back into Half.
            await WriteMappedAsync(field, As<T, Half>(values), static v => (float)v, levels, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(field, values, levels, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask WriteMappedAsync<TFrom, TTo>(DataField field, ReadOnlyMemory<TFrom> values, Func<TFrom, TTo> map, Levels? levels, CancellationToken cancellationToken)
        where TTo : struct
    {
        TTo[] mapped = ColumnArrays<TTo>.Pool.Rent(values.Length);
        try
        {
            ReadOnlySpan<TFrom> source = values.Span;
            for (int i = 0; i < source.Length; i++)
            {
                mapped[i] = map(source[i]);
            }

            await WriteAsync(field, new ReadOnlyMemory<TTo>(mapped, 0, values.Length), levels, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ColumnArrays<TTo>.Pool.Return(mapped);
        }
    }

    private async ValueTask WriteAsync<T>(DataField field, ReadOnlyMemory<T> values, Levels? levels, CancellationToken cancellationToken)
        where T : struct
    {
        if (levels is { } given)
        {
            await _rowGroup.WriteAllPartsAsync(field, values, given.Definitions, given.Repetitions, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _rowGroup.WriteAsync(field, values, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool NeedsConversion<T>() =>
        typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(TimeOnly) || typeof(T) == typeof(TimeSpan) || typeof(T) == typeof(Half);

    /// <summary>Parquet timestamps are UTC instants; a local time is converted, an unspecified one taken as UTC.</summary>
    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>TIME(MICROS) columns hold microseconds since midnight as INT64.</summary>
    private static long ToMicroseconds(TimeSpan value) => value.Ticks / (TimeSpan.TicksPerMillisecond / 1000);

    private static IReadOnlyCollection<TValue> AsCollection<TValue>(ReadOnlyMemory<TValue> values) =>
        MemoryMarshal.TryGetArray(values, out ArraySegment<TValue> segment) ? segment : values.ToArray();

    /// <summary>Views memory of <typeparamref name="TFrom"/> as <typeparamref name="TTo"/>; only called where the two are the same type.</summary>
    private static ReadOnlyMemory<TTo> As<TFrom, TTo>(ReadOnlyMemory<TFrom> values) =>
        Unsafe.As<ReadOnlyMemory<TFrom>, ReadOnlyMemory<TTo>>(ref values);

    private readonly record struct Levels(ReadOnlyMemory<int>? Definitions, ReadOnlyMemory<int>? Repetitions);
}
