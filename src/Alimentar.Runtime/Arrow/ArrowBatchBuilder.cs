using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Values;
using Alimentar.Parquet.Writing.Encoding;
using Apache.Arrow;
using Apache.Arrow.Types;
using TimeUnit = Apache.Arrow.Types.TimeUnit;

namespace Alimentar.Arrow;

/// <summary>
/// Builds Arrow arrays from a column store's columns, handed to it in schema order through
/// <see cref="IColumnWriter"/>. Required primitive columns are not copied: their Arrow buffers view the store.
/// </summary>
internal sealed class ArrowBatchBuilder : IColumnWriter
{
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    private readonly RowSchema _schema;
    private readonly List<Field> _fields = [];
    private readonly List<IArrowArray> _arrays = [];

    /// <summary>Gives each zero-copy buffer its own hold on the arrays it views (a share of the batch), or nothing when null.</summary>
    private readonly Func<IDisposable>? _keepAlive;

    /// <summary>The batch's first row in the stream written, so that a value refused is named by its row there; null when the batch stands alone.</summary>
    private readonly long? _firstRow;

    public ArrowBatchBuilder(RowSchema schema, Func<IDisposable>? keepAlive = null, long? firstRow = null)
    {
        _schema = schema;
        _keepAlive = keepAlive;
        _firstRow = firstRow;
    }

    public RecordBatch Build(int length)
    {
        var schema = new Schema.Builder();
        foreach (Field field in _fields)
        {
            schema.Field(field);
        }

        return new RecordBatch(schema.Build(), _arrays, length);
    }

    /// <summary>The Arrow field a column is exposed as: its name, type and nullability, and a variant or UUID marked as one.</summary>
    public static Field FieldOf(ColumnDescriptor column) =>
        new(column.Name, ArrowTypeOf(column), column.IsNullable, column.IsList ? null : ExtensionOf(column.Type));

    /// <summary>The Arrow type a column is exposed as: what pyarrow and DuckDB produce for the same data.</summary>
    public static IArrowType ArrowTypeOf(ColumnDescriptor column) => TypeOf(column, column.ListDepth);

    /// <summary>
    /// The Arrow type of <paramref name="column"/> with <paramref name="lists"/> lists still to go: a list (a map for a
    /// map's pairs) around the rest, a struct of the fields' types for a record, else the value's type.
    /// </summary>
    private static IArrowType TypeOf(ColumnDescriptor column, int lists)
    {
        if (lists > 0)
        {
            IArrowType element = TypeOf(column, lists - 1);
            return lists == 1 && column.IsMap
                ? new MapType((StructType)element, false)
                : new ListType(new Field("item", element, lists == 1 && column.Fields is null ? column.ElementIsNullable : true, lists == 1 ? ExtensionOf(column.Type) : null));
        }

        return column.Fields is { } fields
            ? new StructType(fields.Select(f => new Field(f.Name, TypeOf(f, f.ListDepth), IsNullableField(f), f.IsList ? null : ExtensionOf(f.Type))).ToList())
            : ElementTypeOf(column);
    }

    /// <summary>Whether a record's field is a nullable Arrow field: a nullable value, or any list.</summary>
    private static bool IsNullableField(ColumnDescriptor field) => field.IsNullable || field.IsList;

    /// <summary>The canonical extension marking values of <paramref name="type"/>, or null when their Arrow type says it all.</summary>
    private static Dictionary<string, string>? ExtensionOf(ColumnType type) => type switch
    {
        ColumnType.Variant => VariantExtension,
        ColumnType.Guid => UuidExtension,
        _ => null,
    };

    /// <summary>
    /// What marks 16 bytes as a UUID to Arrow readers that know the canonical extension (Arrow C++ and pyarrow 18 and
    /// later, DuckDB), so that they, and the Parquet Arrow C++ writes from them, keep the UUID type.
    /// </summary>
    private static readonly Dictionary<string, string> UuidExtension = new() { ["ARROW:extension:name"] = "arrow.uuid", ["ARROW:extension:metadata"] = string.Empty };

    /// <summary>A variant as Arrow's canonical <c>arrow.parquet.variant</c> extension stores one: a struct of its two binaries.</summary>
    private static readonly StructType VariantType = new([new Field("metadata", BinaryType.Default, false), new Field("value", BinaryType.Default, false)]);

    /// <summary>What marks a field as a variant to Arrow readers that know the extension (pyarrow 21 and later).</summary>
    private static readonly Dictionary<string, string> VariantExtension = new() { ["ARROW:extension:name"] = "arrow.parquet.variant", ["ARROW:extension:metadata"] = string.Empty };

    private static IArrowType ElementTypeOf(ColumnDescriptor column) => column.Type switch
    {
        ColumnType.Boolean => BooleanType.Default,
        ColumnType.SByte => Int8Type.Default,
        ColumnType.Byte => UInt8Type.Default,
        ColumnType.Int16 => Int16Type.Default,
        ColumnType.UInt16 => UInt16Type.Default,
        ColumnType.Int32 => Int32Type.Default,
        ColumnType.UInt32 => UInt32Type.Default,
        ColumnType.Int64 => Int64Type.Default,
        ColumnType.UInt64 => UInt64Type.Default,
        ColumnType.Single => FloatType.Default,
        ColumnType.Half => HalfFloatType.Default,
        ColumnType.Double => DoubleType.Default,
        ColumnType.Decimal => new Decimal128Type(column.Precision > 0 ? column.Precision : 38, column.Precision > 0 ? column.Scale : 18),
        ColumnType.String => StringType.Default,
        ColumnType.Binary => BinaryType.Default,
        // A timestamp without a time zone is Arrow's local (wall-clock) one, as pandas' naive datetime64 is.
        ColumnType.DateTime when column.IsLocalTimestamp => new TimestampType(TimeUnit.Microsecond, (string?)null),
        ColumnType.DateTime or ColumnType.DateTimeOffset => new TimestampType(TimeUnit.Microsecond, "UTC"),
        ColumnType.DateOnly => Date32Type.Default,
        ColumnType.TimeOnly => new Time64Type(TimeUnit.Microsecond),

        // A TimeSpan is a duration, a day or more or below zero alike; Arrow's time64 is a time of day.
        ColumnType.TimeSpan => DurationType.Microsecond,
        ColumnType.Guid => new FixedSizeBinaryType(16),
        ColumnType.Interval => new IntervalType(IntervalUnit.MonthDayNanosecond),
        ColumnType.Variant => VariantType,
        _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.Type} has no Arrow form."),
    };

    public ValueTask WriteValuesAsync<T>(int column, ReadOnlyMemory<T> values, CancellationToken cancellationToken)
        where T : struct
    {
        ColumnDescriptor descriptor = Describe(column);
        if (IsArrowPrimitive<T>() && MemoryMarshal.TryGetArray(values, out ArraySegment<T> segment))
        {
            // Zero copy: the Arrow buffer views the store's own array.
            ArrowBuffer buffer = ZeroCopy(segment);
            Add(descriptor, new ArrayData(ArrowTypeOf(descriptor), values.Length, 0, 0, [ArrowBuffer.Empty, buffer]));
        }
        else
        {
            Add(descriptor, Named(column, () => Build(descriptor, values.Span, null)));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask WriteNullableValuesAsync<T>(int column, ReadOnlyMemory<T?> values, CancellationToken cancellationToken)
        where T : struct
    {
        ColumnDescriptor descriptor = Describe(column);
        ReadOnlySpan<T?> source = values.Span;
        var present = new T[source.Length];
        var valid = new bool[source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            valid[i] = source[i].HasValue;
            present[i] = source[i].GetValueOrDefault();
        }

        Add(descriptor, Named(column, () => Build(descriptor, present, valid)));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteStringsAsync(int column, ReadOnlyMemory<string?> values, CancellationToken cancellationToken)
    {
        var builder = new StringArray.Builder();
        foreach (string? value in values.Span)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value);
            }
        }

        Add(Describe(column), builder.Build());
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteBinaryAsync(int column, ReadOnlyMemory<byte[]?> values, CancellationToken cancellationToken)
    {
        var builder = new BinaryArray.Builder();
        foreach (byte[]? value in values.Span)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value.AsSpan());
            }
        }

        Add(Describe(column), builder.Build());
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteListsAsync<T>(int column, ListColumn<T> lists, CancellationToken cancellationToken)
        where T : struct
    {
        ColumnDescriptor descriptor = Describe(column);
        AddList(descriptor, lists, Named(column, () => InLists(() => lists.Offsets.ToArray(), lists.Count, () => Build(ElementOf(descriptor), lists.Values, null))));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteNullableElementListsAsync<T>(int column, ListColumn<T?> lists, CancellationToken cancellationToken)
        where T : struct
    {
        ColumnDescriptor descriptor = Describe(column);
        ReadOnlySpan<T?> flat = lists.Values;
        var values = new T[flat.Length];
        var valid = new bool[flat.Length];
        for (int i = 0; i < flat.Length; i++)
        {
            values[i] = flat[i].GetValueOrDefault();
            valid[i] = flat[i].HasValue;
        }

        AddList(descriptor, lists, Named(column, () => InLists(() => lists.Offsets.ToArray(), lists.Count, () => Build(ElementOf(descriptor), values, valid))));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteStringListsAsync(int column, ListColumn<string?> lists, CancellationToken cancellationToken)
    {
        var items = new StringArray.Builder();
        foreach (string? item in lists.Values)
        {
            if (item is null)
            {
                items.AppendNull();
            }
            else
            {
                items.Append(item);
            }
        }

        AddList(Describe(column), lists, items.Build());
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteBinaryListsAsync(int column, ListColumn<byte[]?> lists, CancellationToken cancellationToken)
    {
        var items = new BinaryArray.Builder();
        foreach (byte[]? item in lists.Values)
        {
            if (item is null)
            {
                items.AppendNull();
            }
            else
            {
                items.Append(item.AsSpan());
            }
        }

        AddList(Describe(column), lists, items.Build());
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteRecordsAsync(int column, RecordColumn records, CancellationToken cancellationToken)
    {
        ColumnDescriptor descriptor = Describe(column);
        Add(descriptor, Named(column, () =>
        {
            int node = 0;
            return NodeArray(records, descriptor, descriptor.ListDepth, ref node);
        }));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The Arrow array of one node and those under it: a struct array per group, a list (or map) array per list, a
    /// typed array per leaf, with validity where entries are null. Arrow's nested layout is the node layout.
    /// </summary>
    private static IArrowArray NodeArray(RecordColumn records, ColumnDescriptor descriptor, int lists, ref int node)
    {
        RecordColumnNode entries = records.Nodes[node++];
        if (lists > 0)
        {
            int child = node;
            IArrowArray values = InLists(() => entries.Offsets!, entries.Entries, () => NodeArray(records, descriptor, lists - 1, ref child));
            node = child;
            (ArrowBuffer validity, int nullCount) = Validity(entries.Entries, i => !entries.NullLists![i]);
            var offsets = new ArrowBuffer(MemoryMarshal.AsBytes(entries.Offsets.AsSpan()).ToArray());
            IArrowType type = TypeOf(descriptor, lists);
            return type is MapType
                ? new MapArray(type, entries.Entries, offsets, values, validity, nullCount, 0)
                : new ListArray(type, entries.Entries, offsets, values, validity, nullCount, 0);
        }

        if (descriptor.Fields is { } fields)
        {
            var children = new IArrowArray[fields.Count];
            for (int f = 0; f < fields.Count; f++)
            {
                children[f] = NodeArray(records, fields[f], fields[f].ListDepth, ref node);
                if (!IsNullableField(fields[f]))
                {
                    children[f] = AllValid(children[f]);
                }
            }

            (ArrowBuffer validity, int nullCount) = Validity(entries.Entries, i => entries.Presence![i] != 0);
            return new StructArray(TypeOf(descriptor, 0), entries.Entries, children, validity, nullCount, 0);
        }

        return ColumnTypes.Accept<IArrowArray, LeafArray>(descriptor.Type, new LeafArray(descriptor with { IsList = false, Fields = null }, entries));
    }

    /// <summary>
    /// A non-nullable field's array without its validity bitmap: its nulls lie only where the record holding it is
    /// null (the slot holds a default), and Arrow consumers (Arrow C++'s Parquet writer among them) refuse any null in a
    /// field declared non-nullable.
    /// </summary>
    private static IArrowArray AllValid(IArrowArray array)
    {
        if (array.NullCount == 0)
        {
            return array;
        }

        ArrayData data = array.Data;
        ArrowBuffer[] buffers = [ArrowBuffer.Empty, .. data.Buffers.Skip(1)];
        return ArrowArrayFactory.BuildArray(new ArrayData(data.DataType, data.Length, 0, data.Offset, buffers, data.Children, data.Dictionary));
    }

    private static (ArrowBuffer Validity, int NullCount) Validity(int length, Func<int, bool> valid)
    {
        var bits = new bool[length];
        int nulls = 0;
        for (int i = 0; i < length; i++)
        {
            bits[i] = valid(i);
            nulls += bits[i] ? 0 : 1;
        }

        return nulls == 0 ? (ArrowBuffer.Empty, 0) : (Bitmap(bits), nulls);
    }

    /// <summary>A leaf node's values as a typed Arrow array, null where the node holds none.</summary>
    private readonly struct LeafArray(ColumnDescriptor leaf, RecordColumnNode entries) : IColumnTypeVisitor<IArrowArray>
    {
        public IArrowArray Value<T>()
            where T : struct
        {
            var values = (T?[])entries.Values!;
            var present = new T[entries.Entries];
            var valid = new bool[entries.Entries];
            for (int i = 0; i < present.Length; i++)
            {
                valid[i] = values[i].HasValue;
                present[i] = values[i].GetValueOrDefault();
            }

            return Build(leaf, present, valid);
        }

        public IArrowArray String()
        {
            var builder = new StringArray.Builder();
            var values = (string?[])entries.Values!;
            for (int i = 0; i < entries.Entries; i++)
            {
                if (values[i] is { } value)
                {
                    builder.Append(value);
                }
                else
                {
                    builder.AppendNull();
                }
            }

            return builder.Build();
        }

        public IArrowArray Binary()
        {
            var builder = new BinaryArray.Builder();
            var values = (byte[]?[])entries.Values!;
            for (int i = 0; i < entries.Entries; i++)
            {
                if (values[i] is { } value)
                {
                    builder.Append(value.AsSpan());
                }
                else
                {
                    builder.AppendNull();
                }
            }

            return builder.Build();
        }
    }

    /// <summary>Wraps the flattened elements in a list array: the column's offsets, a null bit per null list.</summary>
    private void AddList<TElement>(ColumnDescriptor column, ListColumn<TElement> lists, IArrowArray items)
    {
        var valid = new bool[lists.Count];
        int nullCount = 0;
        for (int row = 0; row < lists.Count; row++)
        {
            valid[row] = !lists.IsNull(row);
            nullCount += valid[row] ? 0 : 1;
        }

        var array = new ListArray(
            ArrowTypeOf(column),
            lists.Count,
            new ArrowBuffer(MemoryMarshal.AsBytes(lists.Offsets).ToArray()),
            items,
            nullCount == 0 ? ArrowBuffer.Empty : Bitmap(valid),
            nullCount,
            0);
        Add(column, array);
    }

    private static ColumnDescriptor ElementOf(ColumnDescriptor list) =>
        list with { IsList = false, IsNullable = list.ElementIsNullable };

    private static bool IsArrowPrimitive<T>() =>
        typeof(T) == typeof(sbyte) || typeof(T) == typeof(byte) || typeof(T) == typeof(short) || typeof(T) == typeof(ushort)
        || typeof(T) == typeof(int) || typeof(T) == typeof(uint) || typeof(T) == typeof(long) || typeof(T) == typeof(ulong)
        || typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);

    private ArrowBuffer ZeroCopy<T>(ArraySegment<T> segment)
        where T : struct
    {
        // T is one of the primitives above; the generic hop below only exists to satisfy the unmanaged constraint.
        if (typeof(T) == typeof(long)) return Wrap((ArraySegment<long>)(object)segment);
        if (typeof(T) == typeof(int)) return Wrap((ArraySegment<int>)(object)segment);
        if (typeof(T) == typeof(double)) return Wrap((ArraySegment<double>)(object)segment);
        if (typeof(T) == typeof(float)) return Wrap((ArraySegment<float>)(object)segment);
        if (typeof(T) == typeof(short)) return Wrap((ArraySegment<short>)(object)segment);
        if (typeof(T) == typeof(ushort)) return Wrap((ArraySegment<ushort>)(object)segment);
        if (typeof(T) == typeof(uint)) return Wrap((ArraySegment<uint>)(object)segment);
        if (typeof(T) == typeof(ulong)) return Wrap((ArraySegment<ulong>)(object)segment);
        if (typeof(T) == typeof(sbyte)) return Wrap((ArraySegment<sbyte>)(object)segment);
        if (typeof(T) == typeof(Half)) return Wrap((ArraySegment<Half>)(object)segment);
        return Wrap((ArraySegment<byte>)(object)segment);
    }

    private ArrowBuffer Wrap<TValue>(ArraySegment<TValue> segment)
        where TValue : unmanaged =>
        new(new CastMemoryManager<TValue>(segment.Array!, segment.Offset, segment.Count, _keepAlive?.Invoke()).Memory);

    /// <summary>Copies fixed-width values into Arrow's layout for the column's type, with a validity bitmap when some are null.</summary>
    private static IArrowArray Build<T>(ColumnDescriptor column, ReadOnlySpan<T> values, bool[]? valid)
        where T : struct
    {
        int length = values.Length;
        int nullCount = valid is null ? 0 : valid.Count(v => !v);
        ArrowBuffer bitmap = nullCount == 0 ? ArrowBuffer.Empty : Bitmap(valid!);
        IArrowType type = ArrowTypeOf(column);
        if (column.Type == ColumnType.Variant)
        {
            var metadata = new BinaryArray.Builder();
            var value = new BinaryArray.Builder();
            ReadOnlySpan<ParquetVariant> variants = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, ParquetVariant>(ref MemoryMarshal.GetReference(values)), length);
            foreach (ParquetVariant variant in variants)
            {
                // A null variant's slot holds the variant null, as a struct's children must hold something.
                metadata.Append(variant.Metadata.Span);
                value.Append(variant.Value.Span);
            }

            return new StructArray(type, length, [metadata.Build(), value.Build()], bitmap, nullCount);
        }

        if (column.Type == ColumnType.Decimal)
        {
            // Scaled as the Parquet writer scales them (places past the scale rounded half to even), not refused as
            // Arrow's own builder refuses them, so a row writes alike to either.
            var decimalType = (Decimal128Type)type;
            byte[] unscaled = new byte[length * 16];
            ReadOnlySpan<decimal> decimals = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, decimal>(ref MemoryMarshal.GetReference(values)), length);
            for (int i = 0; i < length; i++)
            {
                if (valid is null || valid[i])
                {
                    if (DecimalUnscaler.Misfit(decimals[i], decimalType.Precision, decimalType.Scale) is string reason)
                    {
                        throw new DecimalMisfitException(i, reason);
                    }

                    BinaryPrimitives.WriteInt128LittleEndian(unscaled.AsSpan(i * 16, 16), DecimalUnscaler.Unscale(decimals[i], decimalType.Precision, decimalType.Scale));
                }
            }

            return ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, 0, [bitmap, new ArrowBuffer(unscaled)]));
        }

        ArrowBuffer data = column.Type switch
        {
            ColumnType.Boolean => Bitmap(MemoryMarshal.Cast<T, bool>(values)),
            // Times are converted as the Parquet writer converts them, so a row reads back alike from either.
            ColumnType.DateTime when column.IsLocalTimestamp => Bytes(values, static v => ParquetTime.WallClockMicroseconds((DateTime)(object)v)),
            ColumnType.DateTime => Bytes(values, static v => ParquetTime.UnixMicroseconds((DateTime)(object)v)),
            ColumnType.DateTimeOffset => Bytes(values, static v => ParquetTime.UnixMicroseconds((DateTimeOffset)(object)v)),
            ColumnType.DateOnly => Bytes(values, static v => ((DateOnly)(object)v).DayNumber - UnixEpochDay),
            ColumnType.TimeOnly => Bytes(values, static v => ParquetTime.Microseconds(((TimeOnly)(object)v).Ticks)),
            ColumnType.TimeSpan => Bytes(values, static v => ParquetTime.Microseconds(((TimeSpan)(object)v).Ticks)),
            ColumnType.Guid => new ArrowBuffer(GuidBytes(MemoryMarshal.Cast<T, Guid>(values))),
            ColumnType.Interval => new ArrowBuffer(IntervalBytes(MemoryMarshal.Cast<T, ParquetInterval>(values))),
            _ => new ArrowBuffer(MemoryMarshal.AsBytes(values).ToArray()),
        };
        return ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, 0, [bitmap, data]));
    }

    private static ArrowBuffer Bytes<T, TRaw>(ReadOnlySpan<T> values, Func<T, TRaw> toArrow)
        where TRaw : unmanaged
    {
        var converted = new TRaw[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            converted[i] = toArrow(values[i]);
        }

        return new ArrowBuffer(MemoryMarshal.AsBytes(converted.AsSpan()).ToArray());
    }

    /// <summary>
    /// Intervals as Arrow's month-day-nanosecond ones: months and days as signed 32-bit integers (counts past 2^31, some
    /// 178 million years, have no Arrow form), then nanoseconds as a 64-bit one.
    /// </summary>
    private static byte[] IntervalBytes(ReadOnlySpan<ParquetInterval> values)
    {
        byte[] bytes = new byte[values.Length * 16];
        for (int i = 0; i < values.Length; i++)
        {
            Span<byte> value = bytes.AsSpan(i * 16, 16);
            BinaryPrimitives.WriteInt32LittleEndian(value, Signed(values[i].Months, "months"));
            BinaryPrimitives.WriteInt32LittleEndian(value[4..], Signed(values[i].Days, "days"));
            BinaryPrimitives.WriteInt64LittleEndian(value[8..], values[i].Milliseconds * 1_000_000L);
        }

        return bytes;

        static int Signed(uint count, string unit) => count <= int.MaxValue
            ? (int)count
            : throw new NotSupportedException($"An interval of {count} {unit} has no Arrow form: Arrow counts them in signed 32-bit integers.");
    }

    /// <summary>UUIDs as Arrow and the RFC lay them out: big-endian.</summary>
    private static byte[] GuidBytes(ReadOnlySpan<Guid> values)
    {
        byte[] bytes = new byte[values.Length * 16];
        for (int i = 0; i < values.Length; i++)
        {
            values[i].TryWriteBytes(bytes.AsSpan(i * 16, 16), bigEndian: true, out _);
        }

        return bytes;
    }

    private static ArrowBuffer Bitmap(ReadOnlySpan<bool> bits)
    {
        byte[] bytes = new byte[(bits.Length + 7) / 8];
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                bytes[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        return new ArrowBuffer(bytes);
    }

    private ColumnDescriptor Describe(int column) => _schema.Columns[column];

    /// <summary>Builds a column's array; a decimal its DECIMAL cannot hold, wherever it lies in the column, is named by its member and row.</summary>
    private IArrowArray Named(int column, Func<IArrowArray> build)
    {
        try
        {
            return build();
        }
        catch (DecimalMisfitException misfit)
        {
            string row = _firstRow is { } first ? $"row {first + misfit.Row}" : $"row {misfit.Row} of the batch";
            throw new OverflowException($"{_schema.RowTypeName}.{Describe(column).MemberName} in {row}: {misfit.Message}");
        }
    }

    /// <summary>
    /// Builds the items of <paramref name="count"/> lists whose bounds <paramref name="offsets"/> gives; a value refused
    /// among the items is renumbered by the list holding it, so that, list by list up to the column, it ends numbered by
    /// its row. The bounds are asked for only then, as a sliced list column's are a copy.
    /// </summary>
    private static IArrowArray InLists(Func<int[]> offsets, int count, Func<IArrowArray> buildItems)
    {
        try
        {
            return buildItems();
        }
        catch (DecimalMisfitException misfit)
        {
            throw new DecimalMisfitException(ListHolding(offsets().AsSpan(0, count), misfit.Row), misfit.Message);
        }
    }

    /// <summary>The list an item lies in: the last to start at or before it (an empty list may start there too, but ends there).</summary>
    private static int ListHolding(ReadOnlySpan<int> starts, int item)
    {
        int at = starts.BinarySearch(item);
        if (at < 0)
        {
            return ~at - 1;
        }

        while (at + 1 < starts.Length && starts[at + 1] == item)
        {
            at++;
        }

        return at;
    }

    private void Add(ColumnDescriptor column, ArrayData data) => Add(column, ArrowArrayFactory.BuildArray(data));

    private void Add(ColumnDescriptor column, IArrowArray array)
    {
        _fields.Add(FieldOf(column));
        _arrays.Add(array);
    }
}
