using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Arrays;

namespace Alimentar.Arrow;

/// <summary>
/// Reads an Arrow record batch's columns into a column store: the same <see cref="IColumnReader"/> the
/// generated code uses for Parquet, so a row type streams from Arrow IPC with no code of its own.
/// </summary>
internal sealed class ArrowColumnReader : IColumnReader
{
    private readonly RecordBatch _batch;
    private readonly ArrowBinding _binding;
    private readonly int _batchIndex;

    public ArrowColumnReader(RecordBatch batch, ArrowBinding binding, int batchIndex)
    {
        _batch = batch;
        _binding = binding;
        _batchIndex = batchIndex;
    }

    public int RowCount => _batch.Length;

    public ValueTask ReadValuesAsync<T>(int column, Memory<T> destination, CancellationToken cancellationToken)
        where T : struct
    {
        IArrowArray array = ArrayOf(column);
        if (FirstNull(array) is var firstNull and >= 0)
        {
            throw NullAt(column, firstNull);
        }

        Convert(column, array, destination.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReadNullableValuesAsync<T>(int column, Memory<T?> destination, CancellationToken cancellationToken)
        where T : struct
    {
        IArrowArray array = ArrayOf(column);
        T[] values = ColumnArrays<T>.Pool.Rent(RowCount);
        try
        {
            Convert(column, array, values.AsSpan(0, RowCount));
            Span<T?> target = destination.Span;
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = array.IsNull(i) ? null : values[i];
            }
        }
        finally
        {
            ColumnArrays<T>.Pool.Return(values);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReadStringsAsync(int column, Memory<string?> destination, CancellationToken cancellationToken)
    {
        IArrowArray array = ArrayOf(column);
        StringPool strings = _binding.StringPoolFor(column);
        Span<string?> target = destination.Span;
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = array.IsNull(i) ? null : strings.Get(ArrowBytes.Get(array, i));
        }

        return CheckNulls(column, array);
    }

    public ValueTask ReadBinaryAsync(int column, Memory<byte[]?> destination, CancellationToken cancellationToken)
    {
        IArrowArray array = ArrayOf(column);
        Span<byte[]?> target = destination.Span;
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = array.IsNull(i) ? null : ArrowBytes.Get(array, i).ToArray();
        }

        return CheckNulls(column, array);
    }

    public ValueTask ReadListsAsync<T>(int column, ListBuffer<T> destination, CancellationToken cancellationToken)
        where T : struct
    {
        ReadValueLists<T, T>(column, destination, static value => value, elementsNullable: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReadNullableElementListsAsync<T>(int column, ListBuffer<T?> destination, CancellationToken cancellationToken)
        where T : struct
    {
        ReadValueLists<T, T?>(column, destination, static value => value, elementsNullable: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReadStringListsAsync(int column, ListBuffer<string?> destination, CancellationToken cancellationToken)
    {
        StringPool strings = _binding.StringPoolFor(column);
        FillLists(column, destination, (items, item) => strings.Get(ArrowBytes.Get(items, item)), _binding.RowSchema.Columns[column].ElementIsNullable);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReadBinaryListsAsync(int column, ListBuffer<byte[]?> destination, CancellationToken cancellationToken)
    {
        FillLists(column, destination, static (items, item) => ArrowBytes.Get(items, item).ToArray(), _binding.RowSchema.Columns[column].ElementIsNullable);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReadNestedListsAsync<T, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<T>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct => FillNested(column, destination, element, Shaped(column, () => Nested(column).Lists<T, T>(ArrayOf(column), RowCount, static value => value)));

    public ValueTask ReadNestedNullableElementListsAsync<T, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<T?>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct => FillNested(column, destination, element, Shaped(column, () => Nested(column).Lists<T, T?>(ArrayOf(column), RowCount, static value => value)));

    public ValueTask ReadNestedStringListsAsync<TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<string?>, int, TElement> element, CancellationToken cancellationToken)
    {
        StringPool strings = _binding.StringPoolFor(column);
        return FillNested(column, destination, element, Shaped(column, () => Nested(column).ByteLists<string?>(ArrayOf(column), RowCount, bytes => strings.Get(bytes))));
    }

    public ValueTask ReadNestedBinaryListsAsync<TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<byte[]?>, int, TElement> element, CancellationToken cancellationToken) =>
        FillNested(column, destination, element, Shaped(column, () => Nested(column).ByteLists<byte[]?>(ArrayOf(column), RowCount, static bytes => bytes.ToArray())));

    public ValueTask<RecordColumn> ReadRecordsAsync(int column, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Shaped(column, () => Nested(column).Records(ArrayOf(column), RowCount)));

    private ArrowNestedReader Nested(int column) => new(this, _binding, column, _batchIndex);

    /// <summary>A nested column's arrays as the member's layout; arrays whose lengths and offsets disagree are an error naming the column, not a crash.</summary>
    private TResult Shaped<TResult>(int column, Func<TResult> read)
    {
        try
        {
            return read();
        }
        catch (Exception error) when (error is IndexOutOfRangeException or ArgumentException or InvalidCastException or OverflowException or InvalidDataException)
        {
            throw AlimentarThrow.Unreadable(_binding.Name, $"batch {_batchIndex}, column '{_binding.FieldName(column)}' holds nested arrays whose lengths or offsets do not fit each other or the member ({error.Message})", error);
        }
    }

    private ValueTask FillNested<TValue, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<TValue>, int, TElement> element, NestedLists<TValue> nested)
    {
        nested.FillRows(destination, _binding.RowSchema.Columns[column].IsNullable, element);
        return ValueTask.CompletedTask;
    }

    private void ReadValueLists<T, TElement>(int column, ListBuffer<TElement> destination, Func<T, TElement> wrap, bool elementsNullable)
        where T : struct
    {
        T[]? converted = null;
        try
        {
            FillLists(column, destination, (items, item) =>
            {
                if (converted is null)
                {
                    converted = ColumnArrays<T>.Pool.Rent(Math.Max(1, items.Length));
                    Convert(column, items, converted.AsSpan(0, items.Length));
                }

                return wrap(converted[item]);
            }, elementsNullable);
        }
        finally
        {
            if (converted is not null)
            {
                ColumnArrays<T>.Pool.Return(converted);
            }
        }
    }

    /// <summary>
    /// One list per row from a list array (plain, large or fixed-size): null lists and null elements only where the
    /// member accepts them; <paramref name="element"/> makes an element from the values array and its index there.
    /// </summary>
    private void FillLists<TElement>(int column, ListBuffer<TElement> destination, Func<IArrowArray, int, TElement> element, bool elementsNullable)
    {
        (int[] offsets, bool[] nulls, IArrowArray items, int first) = ArrowNestedReader.ListOf(ArrayOf(column), 0, RowCount);
        bool listsNullable = _binding.RowSchema.Columns[column].IsNullable;
        destination.Clear();
        for (int row = 0; row < RowCount; row++)
        {
            if (nulls[row])
            {
                if (!listsNullable)
                {
                    throw NullAt(column, row);
                }

                destination.AppendNull();
                continue;
            }

            int start = first + offsets[row];
            Span<TElement> values = destination.AppendList(offsets[row + 1] - offsets[row]);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = !items.IsNull(start + i) ? element(items, start + i)
                    : elementsNullable ? default! : throw NullAt(column, row);
            }
        }
    }

    /// <summary>Converts a column, whatever its Arrow type, into member values; null slots become default first so they never overflow.</summary>
    internal void Convert<T>(int column, IArrowArray array, Span<T> destination)
    {
        if (typeof(T) == typeof(ParquetVariant))
        {
            Variants(column, (StructArray)array, MemoryMarshal.CreateSpan(ref Unsafe.As<T, ParquetVariant>(ref MemoryMarshal.GetReference(destination)), destination.Length));
            return;
        }

        int misfit = array switch
        {
            Int8Array a => Convert(a, destination),
            UInt8Array a => Convert(a, destination),
            Int16Array a => Convert(a, destination),
            UInt16Array a => Convert(a, destination),
            Int32Array a => Convert(a, destination),
            UInt32Array a => Convert(a, destination),
            Int64Array a => Convert(a, destination),
            UInt64Array a => Convert(a, destination),
            HalfFloatArray a => Convert(a, destination),
            FloatArray a => Convert(a, destination),
            DoubleArray a => Convert(a, destination),
            BooleanArray a => Convert(a, i => a.GetValue(i) ?? false, destination),
            Decimal128Array a => Convert(a, i => a.GetValue(i) ?? 0m, destination),
            TimestampArray a => Timestamps(a, destination),
            Date32Array a => Convert(a, i => a.GetDateOnly(i) ?? default, destination),
            Date64Array a => Convert(a, i => a.GetDateOnly(i) ?? default, destination),
            Time32Array a => Spans(a, destination),
            Time64Array a => Spans(a, destination),
            DurationArray a => Spans(a, destination),
            FixedSizeBinaryArray a => Convert(a, i => a.IsNull(i) ? Guid.Empty : new Guid(a.GetBytes(i), bigEndian: true), destination),
            YearMonthIntervalArray a => Intervals(a, i => a.GetValue(i) is { } v ? (v.Months, 0, 0L) : default, destination),
            DayTimeIntervalArray a => Intervals(a, i => a.GetValue(i) is { } v ? (0, v.Days, v.Milliseconds * 1_000_000L) : default, destination),
            MonthDayNanosecondIntervalArray a => Intervals(a, i => a.GetValue(i) is { } v ? (v.Months, v.Days, v.Nanoseconds) : default, destination),
            _ => throw _binding.Unsupported(column, array.Data.DataType.Name),
        };
        if (misfit >= 0)
        {
            throw AlimentarThrow.Misfit(
                _binding.Name,
                $"'{_binding.Name}', batch {_batchIndex}, column '{_binding.FieldName(column)}'",
                _binding.FieldName(column),
                _batchIndex,
                misfit,
                $"{_binding.RowSchema.RowTypeName}.{_binding.RowSchema.Columns[column].MemberName}");
        }
    }

    private static int Convert<TArrow, T>(PrimitiveArray<TArrow> array, Span<T> destination)
        where TArrow : struct, IEquatable<TArrow>
    {
        TArrow[] values = ColumnArrays<TArrow>.Pool.Rent(array.Length);
        try
        {
            array.Values.CopyTo(values);
            for (int i = 0; i < array.Length && array.NullCount > 0; i++)
            {
                if (array.IsNull(i))
                {
                    values[i] = default;
                }
            }

            return ValueConverter.Convert<TArrow, T>(values.AsSpan(0, array.Length), destination);
        }
        finally
        {
            ColumnArrays<TArrow>.Pool.Return(values);
        }
    }

    /// <summary>
    /// Times and durations as the spans they count, in the array's unit (nanoseconds rounded down, as Parquet's are); a
    /// count beyond <see cref="TimeSpan"/> is the misfit returned, not an overflowed span.
    /// </summary>
    private static int Spans<TArrow, T>(PrimitiveArray<TArrow> array, Span<T> destination)
        where TArrow : struct, IEquatable<TArrow>, IBinaryInteger<TArrow>
    {
        long unitTicks = UnitTicks((Apache.Arrow.Types.TimeBasedType)array.Data.DataType);
        TimeSpan[] spans = ColumnArrays<TimeSpan>.Pool.Rent(array.Length);
        try
        {
            ReadOnlySpan<TArrow> counts = array.Values;
            for (int i = 0; i < array.Length; i++)
            {
                if (!ParquetTime.TrySpan(array.IsNull(i) ? 0 : long.CreateTruncating(counts[i]), unitTicks, out spans[i]))
                {
                    return i;
                }
            }

            return ValueConverter.Convert<TimeSpan, T>(spans.AsSpan(0, array.Length), destination);
        }
        finally
        {
            ColumnArrays<TimeSpan>.Pool.Return(spans);
        }
    }

    /// <summary>The ticks in one unit of a time, duration or timestamp type; 0 for nanoseconds, which <see cref="ParquetTime.TrySpan"/> rounds down.</summary>
    private static long UnitTicks(Apache.Arrow.Types.TimeBasedType type) => type.Unit switch
    {
        Apache.Arrow.Types.TimeUnit.Second => TimeSpan.TicksPerSecond,
        Apache.Arrow.Types.TimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
        Apache.Arrow.Types.TimeUnit.Microsecond => 10,
        _ => 0,
    };

    /// <summary>
    /// Timestamps as <see cref="DateTime"/>s, read as the Parquet reader reads TIMESTAMP: nanoseconds rounded down (so
    /// instants before 1970 keep their order), kind <see cref="DateTimeKind.Utc"/> for an instant (a timestamp with a
    /// time zone) and <see cref="DateTimeKind.Unspecified"/> for a wall-clock time (one without, as Parquet's not
    /// UTC-adjusted ones); a count outside <see cref="DateTime"/> is the misfit returned.
    /// </summary>
    private static int Timestamps<T>(TimestampArray array, Span<T> destination)
    {
        var type = (Apache.Arrow.Types.TimestampType)array.Data.DataType;
        long unitTicks = UnitTicks(type);
        DateTimeKind kind = string.IsNullOrEmpty(type.Timezone) ? DateTimeKind.Unspecified : DateTimeKind.Utc;
        DateTime[] times = ColumnArrays<DateTime>.Pool.Rent(array.Length);
        try
        {
            ReadOnlySpan<long> counts = array.Values;
            for (int i = 0; i < array.Length; i++)
            {
                if (!ParquetTime.TrySpan(array.IsNull(i) ? 0 : counts[i], unitTicks, out TimeSpan sinceEpoch)
                    || sinceEpoch.Ticks < -DateTime.UnixEpoch.Ticks || sinceEpoch.Ticks > DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks)
                {
                    return i;
                }

                times[i] = new DateTime(DateTime.UnixEpoch.Ticks + sinceEpoch.Ticks, kind);
            }

            return ValueConverter.Convert<DateTime, T>(times.AsSpan(0, array.Length), destination);
        }
        finally
        {
            ColumnArrays<DateTime>.Pool.Return(times);
        }
    }

    /// <summary>
    /// Arrow intervals (signed months, days and nanoseconds) as Parquet's unsigned months, days and milliseconds, below a
    /// millisecond dropped; milliseconds past 32 bits (about 49 days) move whole days of 24 hours into the days. A
    /// negative part, which no Parquet interval holds, is the misfit returned.
    /// </summary>
    private static int Intervals<T>(IArrowArray array, Func<int, (int Months, int Days, long Nanoseconds)> get, Span<T> destination)
    {
        ParquetInterval[] values = ColumnArrays<ParquetInterval>.Pool.Rent(array.Length);
        try
        {
            for (int i = 0; i < array.Length; i++)
            {
                (int months, int days, long nanoseconds) = get(i);
                long milliseconds = nanoseconds / 1_000_000;
                long allDays = days;
                if (milliseconds > uint.MaxValue)
                {
                    allDays += milliseconds / 86_400_000;
                    milliseconds %= 86_400_000;
                }

                if (months < 0 || days < 0 || nanoseconds < 0 || allDays > uint.MaxValue)
                {
                    return i;
                }

                values[i] = new ParquetInterval((uint)months, (uint)allDays, (uint)milliseconds);
            }

            return ValueConverter.Convert<ParquetInterval, T>(values.AsSpan(0, array.Length), destination);
        }
        finally
        {
            ColumnArrays<ParquetInterval>.Pool.Return(values);
        }
    }

    private static int Convert<TArrow, T>(IArrowArray array, Func<int, TArrow> get, Span<T> destination)
    {
        TArrow[] values = ColumnArrays<TArrow>.Pool.Rent(array.Length);
        try
        {
            for (int i = 0; i < array.Length; i++)
            {
                values[i] = get(i);
            }

            return ValueConverter.Convert<TArrow, T>(values.AsSpan(0, array.Length), destination);
        }
        finally
        {
            ColumnArrays<TArrow>.Pool.Return(values);
        }
    }

    private ValueTask CheckNulls(int column, IArrowArray array)
    {
        if (FirstNull(array) is var firstNull and >= 0 && !_binding.RowSchema.Columns[column].IsNullable)
        {
            throw NullAt(column, firstNull);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Variants from a struct of their <c>metadata</c> and <c>value</c> binaries (Arrow's <c>arrow.parquet.variant</c>
    /// form, as this runtime writes them), the column's own or the values of its lists and records; bytes that are not
    /// a variant are an error naming the batch, column and row (or, below the top, the entry among the struct's).
    /// </summary>
    private void Variants(int column, StructArray group, Span<ParquetVariant> destination)
    {
        var type = (Apache.Arrow.Types.StructType)group.Data.DataType;
        IArrowArray metadata = group.Fields[type.GetFieldIndex("metadata")];
        IArrowArray value = group.Fields[type.GetFieldIndex("value")];
        bool top = ReferenceEquals(group, ArrayOf(column));
        for (int i = 0; i < destination.Length; i++)
        {
            if (group.IsNull(i))
            {
                destination[i] = default;
                continue;
            }

            try
            {
                // A struct's children are not sliced with it: its offset places its entries in theirs.
                int at = group.Offset + i;
                destination[i] = new ParquetVariant(ArrowBytes.Get(metadata, at).ToArray(), ArrowBytes.Get(value, at).ToArray());
            }
            catch (FormatException error)
            {
                string where = top ? $"row {i}" : $"value {i} of its nested variants";
                throw AlimentarThrow.Unreadable(_binding.Name, $"batch {_batchIndex}, column '{_binding.FieldName(column)}', {where} holds no variant ({error.Message.TrimEnd('.')})", error);
            }
        }
    }

    private UnexpectedNullException NullAt(int column, int row) => _binding.UnexpectedNull(column, _batchIndex, row, "cannot hold null");

    private static int FirstNull(IArrowArray array)
    {
        if (array.NullCount == 0)
        {
            return -1;
        }

        for (int i = 0; i < array.Length; i++)
        {
            if (array.IsNull(i))
            {
                return i;
            }
        }

        return -1;
    }

    private IArrowArray ArrayOf(int column) => _batch.Column(_binding.FieldIndex(column));
}
