using Microsoft.ML;
using Microsoft.ML.Data;

namespace Alimentar;

/// <summary>
/// One column of the view: a member of the row type, its ML.NET type, and how a cursor reads the current row's value
/// from the captured batch column. <see cref="For"/> is the one place member types map to ML.NET's.
/// </summary>
internal abstract class DataViewColumn(string name, int member, DataViewType type)
{
    public string Name { get; } = name;

    public DataViewType Type { get; } = type;

    /// <summary>The member's index in the row schema, which is its captured column's index.</summary>
    protected int Member { get; } = member;

    /// <summary>The columns of a row type ML.NET has types for, in declaration order.</summary>
    public static DataViewColumn[] For(RowSchema schema, IReadOnlyDictionary<string, int> vectorSizes)
    {
        var columns = new List<DataViewColumn>();
        for (int member = 0; member < schema.Columns.Count; member++)
        {
            ColumnDescriptor descriptor = schema.Columns[member];
            int size = vectorSizes.TryGetValue(descriptor.Name, out int given) ? given : 0;
            if (size < 0 || (size > 0 && !descriptor.IsList))
            {
                throw new ArgumentException($"Column '{descriptor.Name}' cannot be a vector of {size} values: only lists can, at a positive size.", nameof(vectorSizes));
            }

            if (Create(descriptor, member, size) is { } column)
            {
                columns.Add(column);
            }
        }

        return [.. columns];
    }

    public ValueGetter<TValue> Getter<TValue, TRow>(StreamingRowCursor<TRow> cursor)
        where TRow : IStreamingRow<TRow> =>
        MakeGetter(() => cursor.Columns, () => cursor.Row) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{Name}' holds {Type}, not {typeof(TValue).Name}.");

    protected abstract Delegate MakeGetter(Func<BatchColumns> columns, Func<int> row);

    /// <summary>A list's length, checked against a fixed vector size.</summary>
    protected int LengthOf(int length, int size, int row) => size == 0 || length == size
        ? length
        : throw new InvalidOperationException($"Column '{Name}' is a vector of {size} values, but row {row} of its batch holds a list of {length}.");

    private static DataViewColumn? Create(ColumnDescriptor d, int member, int size)
    {
        if (d.Fields is not null || d.IsMap || d.ListDepth > 1)
        {
            return null;
        }

        if (d.IsList)
        {
            return d.ElementIsNullable && d.Type != ColumnType.String ? null : d.Type switch
            {
                ColumnType.Single => new Vector<float>(d.Name, member, NumberDataViewType.Single, size),
                ColumnType.Double => new Vector<double>(d.Name, member, NumberDataViewType.Double, size),
                ColumnType.SByte => new Vector<sbyte>(d.Name, member, NumberDataViewType.SByte, size),
                ColumnType.Byte => new Vector<byte>(d.Name, member, NumberDataViewType.Byte, size),
                ColumnType.Int16 => new Vector<short>(d.Name, member, NumberDataViewType.Int16, size),
                ColumnType.UInt16 => new Vector<ushort>(d.Name, member, NumberDataViewType.UInt16, size),
                ColumnType.Int32 => new Vector<int>(d.Name, member, NumberDataViewType.Int32, size),
                ColumnType.UInt32 => new Vector<uint>(d.Name, member, NumberDataViewType.UInt32, size),
                ColumnType.Int64 => new Vector<long>(d.Name, member, NumberDataViewType.Int64, size),
                ColumnType.UInt64 => new Vector<ulong>(d.Name, member, NumberDataViewType.UInt64, size),
                ColumnType.Boolean => new Vector<bool>(d.Name, member, BooleanDataViewType.Instance, size),
                ColumnType.String => new TextVector(d.Name, member, size),
                _ => null,
            };
        }

        if (d.IsNullable)
        {
            return d.Type switch
            {
                ColumnType.Single => new NullableScalar<float, float>(d.Name, member, NumberDataViewType.Single, static v => v ?? float.NaN),
                ColumnType.Double => new NullableScalar<double, double>(d.Name, member, NumberDataViewType.Double, static v => v ?? double.NaN),
                ColumnType.Half => new NullableScalar<Half, float>(d.Name, member, NumberDataViewType.Single, static v => v is { } h ? (float)h : float.NaN),
                ColumnType.Decimal => new NullableScalar<decimal, double>(d.Name, member, NumberDataViewType.Double, static v => v is { } m ? (double)m : double.NaN),
                ColumnType.String => new Text(d.Name, member),

                // A variant is text to ML.NET: its JSON, and the empty text where it is null, as for a string.
                ColumnType.Variant => new NullableScalar<ParquetVariant, ReadOnlyMemory<char>>(d.Name, member, TextDataViewType.Instance, static v => v is { } variant ? variant.ToJson().AsMemory() : default),
                _ => null,
            };
        }

        return d.Type switch
        {
            ColumnType.Single => new Scalar<float, float>(d.Name, member, NumberDataViewType.Single, static v => v),
            ColumnType.Double => new Scalar<double, double>(d.Name, member, NumberDataViewType.Double, static v => v),
            ColumnType.Half => new Scalar<Half, float>(d.Name, member, NumberDataViewType.Single, static v => (float)v),
            ColumnType.Decimal => new Scalar<decimal, double>(d.Name, member, NumberDataViewType.Double, static v => (double)v),
            ColumnType.SByte => new Scalar<sbyte, sbyte>(d.Name, member, NumberDataViewType.SByte, static v => v),
            ColumnType.Byte => new Scalar<byte, byte>(d.Name, member, NumberDataViewType.Byte, static v => v),
            ColumnType.Int16 => new Scalar<short, short>(d.Name, member, NumberDataViewType.Int16, static v => v),
            ColumnType.UInt16 => new Scalar<ushort, ushort>(d.Name, member, NumberDataViewType.UInt16, static v => v),
            ColumnType.Int32 => new Scalar<int, int>(d.Name, member, NumberDataViewType.Int32, static v => v),
            ColumnType.UInt32 => new Scalar<uint, uint>(d.Name, member, NumberDataViewType.UInt32, static v => v),
            ColumnType.Int64 => new Scalar<long, long>(d.Name, member, NumberDataViewType.Int64, static v => v),
            ColumnType.UInt64 => new Scalar<ulong, ulong>(d.Name, member, NumberDataViewType.UInt64, static v => v),
            ColumnType.Boolean => new Scalar<bool, bool>(d.Name, member, BooleanDataViewType.Instance, static v => v),
            ColumnType.DateTime => new Scalar<DateTime, DateTime>(d.Name, member, DateTimeDataViewType.Instance, static v => v),
            ColumnType.DateTimeOffset => new Scalar<DateTimeOffset, DateTimeOffset>(d.Name, member, DateTimeOffsetDataViewType.Instance, static v => v),
            ColumnType.TimeSpan => new Scalar<TimeSpan, TimeSpan>(d.Name, member, TimeSpanDataViewType.Instance, static v => v),
            ColumnType.String => new Text(d.Name, member),
            ColumnType.Variant => new Scalar<ParquetVariant, ReadOnlyMemory<char>>(d.Name, member, TextDataViewType.Instance, static v => v.ToJson().AsMemory()),
            _ => null,
        };
    }

    private sealed class Scalar<TMember, TValue>(string name, int member, DataViewType type, Func<TMember, TValue> convert) : DataViewColumn(name, member, type)
        where TMember : struct
    {
        protected override Delegate MakeGetter(Func<BatchColumns> columns, Func<int> row) =>
            (ValueGetter<TValue>)((ref TValue value) => value = convert(columns().Get<ReadOnlyMemory<TMember>>(Member).Span[row()]));
    }

    private sealed class NullableScalar<TMember, TValue>(string name, int member, DataViewType type, Func<TMember?, TValue> convert) : DataViewColumn(name, member, type)
        where TMember : struct
    {
        protected override Delegate MakeGetter(Func<BatchColumns> columns, Func<int> row) =>
            (ValueGetter<TValue>)((ref TValue value) => value = convert(columns().Get<ReadOnlyMemory<TMember?>>(Member).Span[row()]));
    }

    /// <summary>Text: ML.NET's empty text for null, as <c>LoadFromEnumerable</c> reads a null string.</summary>
    private sealed class Text(string name, int member) : DataViewColumn(name, member, TextDataViewType.Instance)
    {
        protected override Delegate MakeGetter(Func<BatchColumns> columns, Func<int> row) =>
            (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = columns().Get<ReadOnlyMemory<string?>>(Member).Span[row()].AsMemory());
    }

    /// <summary>A variable-length vector of a list's values; a null list is an empty vector.</summary>
    private sealed class Vector<T>(string name, int member, PrimitiveDataViewType element, int size) : DataViewColumn(name, member, new VectorDataViewType(element, size))
        where T : struct
    {
        protected override Delegate MakeGetter(Func<BatchColumns> columns, Func<int> row) =>
            (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) =>
            {
                ReadOnlySpan<T> list = columns().Get<ListColumn<T>>(Member)[row()];
                VBufferEditor<T> editor = VBufferEditor.Create(ref value, LengthOf(list.Length, size, row()));
                list.CopyTo(editor.Values);
                value = editor.Commit();
            });
    }

    private sealed class TextVector(string name, int member, int size) : DataViewColumn(name, member, new VectorDataViewType(TextDataViewType.Instance, size))
    {
        protected override Delegate MakeGetter(Func<BatchColumns> columns, Func<int> row) =>
            (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)((ref VBuffer<ReadOnlyMemory<char>> value) =>
            {
                ReadOnlySpan<string?> list = columns().Get<ListColumn<string?>>(Member)[row()];
                VBufferEditor<ReadOnlyMemory<char>> editor = VBufferEditor.Create(ref value, LengthOf(list.Length, size, row()));
                for (int i = 0; i < list.Length; i++)
                {
                    editor.Values[i] = list[i].AsMemory();
                }

                value = editor.Commit();
            });
    }
}
