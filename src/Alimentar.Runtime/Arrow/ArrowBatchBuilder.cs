using System.Runtime.InteropServices;
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
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private readonly RowSchema _schema;
    private readonly List<Field> _fields = [];
    private readonly List<IArrowArray> _arrays = [];

    /// <summary>Gives each zero-copy buffer its own hold on the arrays it views (a share of the batch), or nothing when null.</summary>
    private readonly Func<IDisposable>? _keepAlive;

    public ArrowBatchBuilder(RowSchema schema, Func<IDisposable>? keepAlive = null)
    {
        _schema = schema;
        _keepAlive = keepAlive;
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

    /// <summary>The Arrow type a column is exposed as: what pyarrow and DuckDB produce for the same data.</summary>
    public static IArrowType ArrowTypeOf(ColumnDescriptor column) => column.IsList
        ? new ListType(new Field("item", ElementTypeOf(column), column.ElementIsNullable, null))
        : ElementTypeOf(column);

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
        ColumnType.DateTime or ColumnType.DateTimeOffset => new TimestampType(TimeUnit.Microsecond, "UTC"),
        ColumnType.DateOnly => Date32Type.Default,
        ColumnType.TimeOnly or ColumnType.TimeSpan => new Time64Type(TimeUnit.Microsecond),
        ColumnType.Guid => new FixedSizeBinaryType(16),
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
            Add(descriptor, Build(descriptor, values.Span, null));
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

        Add(descriptor, Build(descriptor, present, valid));
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
        AddList(descriptor, lists, Build(ElementOf(descriptor), lists.Values, null));
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

        AddList(descriptor, lists, Build(ElementOf(descriptor), values, valid));
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
        if (column.Type == ColumnType.Decimal)
        {
            var builder = new Decimal128Array.Builder((Decimal128Type)type);
            for (int i = 0; i < length; i++)
            {
                if (valid is not null && !valid[i])
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append((decimal)(object)values[i]);
                }
            }

            return builder.Build();
        }

        ArrowBuffer data = column.Type switch
        {
            ColumnType.Boolean => Bitmap(MemoryMarshal.Cast<T, bool>(values)),
            ColumnType.DateTime => Bytes(values, static v => ((DateTime)(object)v).ToUniversalTime().Ticks, static t => (t - UnixEpochTicks) / 10),
            ColumnType.DateTimeOffset => Bytes(values, static v => ((DateTimeOffset)(object)v).UtcTicks, static t => (t - UnixEpochTicks) / 10),
            ColumnType.DateOnly => Bytes(values, static v => ((DateOnly)(object)v).DayNumber, static d => d - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
            ColumnType.TimeOnly => Bytes(values, static v => ((TimeOnly)(object)v).Ticks, static t => t / 10),
            ColumnType.TimeSpan => Bytes(values, static v => ((TimeSpan)(object)v).Ticks, static t => t / 10),
            ColumnType.Guid => new ArrowBuffer(GuidBytes(MemoryMarshal.Cast<T, Guid>(values))),
            _ => new ArrowBuffer(MemoryMarshal.AsBytes(values).ToArray()),
        };
        return ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, 0, [bitmap, data]));
    }

    private static ArrowBuffer Bytes<T, TRaw>(ReadOnlySpan<T> values, Func<T, TRaw> raw, Func<TRaw, TRaw> toArrow)
        where TRaw : unmanaged
    {
        var converted = new TRaw[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            converted[i] = toArrow(raw(values[i]));
        }

        return new ArrowBuffer(MemoryMarshal.AsBytes(converted.AsSpan()).ToArray());
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

    private void Add(ColumnDescriptor column, ArrayData data) => Add(column, ArrowArrayFactory.BuildArray(data));

    private void Add(ColumnDescriptor column, IArrowArray array)
    {
        _fields.Add(new Field(column.Name, ArrowTypeOf(column), column.IsNullable, null));
        _arrays.Add(array);
    }
}
