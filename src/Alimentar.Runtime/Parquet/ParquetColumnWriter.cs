using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using global::Parquet;
using global::Parquet.Schema;

namespace Alimentar.ParquetBinding;

/// <summary>
/// Writes a store's columns into one Parquet row group. Values whose Parquet form differs from the
/// member type (local times, offsets, times of day) are converted through a pooled scratch buffer.
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

    public async ValueTask WriteValuesAsync<T>(int column, ReadOnlyMemory<T> values, CancellationToken cancellationToken)
        where T : struct
    {
        DataField field = _fields[column];
        if (typeof(T) == typeof(DateTime))
        {
            await WriteMappedAsync(field, As<T, DateTime>(values), ToUtc, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(DateTimeOffset))
        {
            await WriteMappedAsync(field, As<T, DateTimeOffset>(values), static v => v.UtcDateTime, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(TimeOnly))
        {
            await WriteMappedAsync(field, As<T, TimeOnly>(values), static v => ToMicroseconds(v.ToTimeSpan()), cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(TimeSpan))
        {
            await WriteMappedAsync(field, As<T, TimeSpan>(values), ToMicroseconds, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _rowGroup.WriteAsync(field, values, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask WriteNullableValuesAsync<T>(int column, ReadOnlyMemory<T?> values, CancellationToken cancellationToken)
        where T : struct
    {
        DataField field = _fields[column];
        if (typeof(T) == typeof(DateTime))
        {
            await WriteNullableMappedAsync<DateTime?, DateTime>(field, As<T?, DateTime?>(values), static v => v is { } d ? ToUtc(d) : null, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(DateTimeOffset))
        {
            await WriteNullableMappedAsync<DateTimeOffset?, DateTime>(field, As<T?, DateTimeOffset?>(values), static v => v?.UtcDateTime, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(TimeOnly))
        {
            await WriteNullableMappedAsync<TimeOnly?, long>(field, As<T?, TimeOnly?>(values), static v => v is { } t ? ToMicroseconds(t.ToTimeSpan()) : null, cancellationToken).ConfigureAwait(false);
        }
        else if (typeof(T) == typeof(TimeSpan))
        {
            await WriteNullableMappedAsync<TimeSpan?, long>(field, As<T?, TimeSpan?>(values), static v => v is { } t ? ToMicroseconds(t) : null, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask WriteMappedAsync<TFrom, TTo>(DataField field, ReadOnlyMemory<TFrom> values, Func<TFrom, TTo> map, CancellationToken cancellationToken)
        where TTo : struct
    {
        TTo[] mapped = ArrayPool<TTo>.Shared.Rent(values.Length);
        try
        {
            ReadOnlySpan<TFrom> source = values.Span;
            for (int i = 0; i < source.Length; i++)
            {
                mapped[i] = map(source[i]);
            }

            await _rowGroup.WriteAsync(field, new ReadOnlyMemory<TTo>(mapped, 0, values.Length), null, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<TTo>.Shared.Return(mapped);
        }
    }

    private async ValueTask WriteNullableMappedAsync<TFrom, TTo>(DataField field, ReadOnlyMemory<TFrom> values, Func<TFrom, TTo?> map, CancellationToken cancellationToken)
        where TTo : struct
    {
        TTo?[] mapped = ArrayPool<TTo?>.Shared.Rent(values.Length);
        try
        {
            ReadOnlySpan<TFrom> source = values.Span;
            for (int i = 0; i < source.Length; i++)
            {
                mapped[i] = map(source[i]);
            }

            await _rowGroup.WriteAsync(field, new ReadOnlyMemory<TTo?>(mapped, 0, values.Length), null, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<TTo?>.Shared.Return(mapped);
        }
    }

    /// <summary>Parquet timestamps are UTC instants; a local time is converted, an unspecified one taken as UTC.</summary>
    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>TIME(MICROS) columns hold microseconds since midnight as INT64.</summary>
    private static long ToMicroseconds(TimeSpan value) => value.Ticks / (TimeSpan.TicksPerMillisecond / 1000);

    private static IReadOnlyCollection<TValue> AsCollection<TValue>(ReadOnlyMemory<TValue> values) =>
        MemoryMarshal.TryGetArray(values, out ArraySegment<TValue> segment) ? segment : values.ToArray();

    /// <summary>Views memory of <typeparamref name="TFrom"/> as <typeparamref name="TTo"/>; only called where the two are the same type.</summary>
    private static ReadOnlyMemory<TTo> As<TFrom, TTo>(ReadOnlyMemory<TFrom> values) =>
        Unsafe.As<ReadOnlyMemory<TFrom>, ReadOnlyMemory<TTo>>(ref values);
}
