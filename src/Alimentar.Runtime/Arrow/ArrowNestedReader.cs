using Apache.Arrow;
using Apache.Arrow.Types;
using Array = System.Array;

namespace Alimentar.Arrow;

/// <summary>
/// Reads a nested Arrow column — structs, lists (large and fixed-size too), maps, at any depth — into the layout the
/// generated code builds members from: a <see cref="RecordColumn"/> node per struct, list and value for a member
/// that holds records, or <see cref="NestedLists{T}"/> for a list of lists of values. Arrow's layout is that layout
/// already (validity per struct, offsets and validity per list, values per leaf), so this copies, never assembles.
/// </summary>
internal sealed class ArrowNestedReader(ArrowColumnReader reader, ArrowBinding binding, int column, int batchIndex)
{
    private readonly List<RecordColumnNode> _nodes = [];
    private readonly List<string> _names = [];

    /// <summary>The member's records: its type walked node by node over the column's arrays.</summary>
    public RecordColumn Records(IArrowArray array, int rows)
    {
        ColumnDescriptor member = binding.RowSchema.Columns[column];
        Node(member, array, 0, rows, member.ListDepth, member.MemberName);
        string[] names = [.. _names];
        return new RecordColumn(rows, [.. _nodes], (row, node, what) => Null(row, $"({names[node]}) {what}"), (row, key) => new DuplicateKeyException(
            $"Duplicate key in '{binding.Name}', batch {batchIndex}, column '{binding.FieldName(column)}', row {row}: a map holds the key '{key}' twice, which member {binding.RowSchema.RowTypeName}.{member.MemberName} (a dictionary) cannot hold.")
        {
            FilePath = binding.Name,
            ColumnName = binding.FieldName(column),
            RowGroup = batchIndex,
            Row = row,
            Key = key,
        });
    }

    /// <summary>
    /// A list of lists of values: each depth's offsets (from 0) and null lists, then the innermost values, a null
    /// value an error unless the member's elements are nullable.
    /// </summary>
    public NestedLists<TValue> Lists<T, TValue>(IArrowArray array, int rows, Func<T, TValue> wrap)
        where T : struct => Lists<TValue>(array, rows, (values, start, count) =>
        {
            T[] converted = new T[values.Length];
            Convert(values, converted.AsSpan());
            var picked = new TValue[count];
            for (int i = 0; i < count; i++)
            {
                picked[i] = values.IsNull(start + i) ? default! : wrap(converted[start + i]);
            }

            return picked;
        });

    /// <summary>As <see cref="Lists{T, TValue}"/>, for strings and byte arrays, each value made by <paramref name="make"/> from its bytes.</summary>
    public NestedLists<TValue> ByteLists<TValue>(IArrowArray array, int rows, Func<ReadOnlySpan<byte>, TValue> make) => Lists<TValue>(array, rows, (values, start, count) =>
    {
        var picked = new TValue[count];
        for (int i = 0; i < count; i++)
        {
            picked[i] = values.IsNull(start + i) ? default! : make(ArrowBytes.Get(values, start + i));
        }

        return picked;
    });

    private NestedLists<TValue> Lists<TValue>(IArrowArray array, int rows, Func<IArrowArray, int, int, TValue[]> values)
    {
        ColumnDescriptor member = binding.RowSchema.Columns[column];
        var offsets = new int[member.ListDepth][];
        var nulls = new bool[member.ListDepth][];
        int start = 0;
        int count = rows;
        for (int depth = 0; depth < offsets.Length; depth++)
        {
            (offsets[depth], nulls[depth], array, start) = ListOf(array, start, count);
            count = offsets[depth][^1];
        }

        TValue[] innermost = values(array, start, count);
        if (!member.ElementIsNullable)
        {
            for (int i = 0; i < count; i++)
            {
                if (array.IsNull(start + i))
                {
                    throw Null(RowOf(offsets, i), "holds a null value in a list of lists");
                }
            }
        }

        return new NestedLists<TValue>(offsets, nulls, innermost, (row, what) => Null(row, what));
    }

    /// <summary>
    /// Adds the node for <paramref name="descriptor"/> (with <paramref name="lists"/> lists still to go) over
    /// <paramref name="count"/> entries of <paramref name="array"/> from logical index <paramref name="start"/>.
    /// </summary>
    private void Node(ColumnDescriptor descriptor, IArrowArray array, int start, int count, int lists, string name)
    {
        int self = _nodes.Count;
        _nodes.Add(null!);
        _names.Add(name);
        if (lists > 0)
        {
            (int[] offsets, bool[] nulls, IArrowArray values, int valuesStart) = ListOf(array, start, count);
            int element = _nodes.Count;
            Node(descriptor, values, valuesStart, offsets[^1], lists - 1, name);
            _nodes[self] = new RecordColumnNode(count, [element]) { Offsets = offsets, NullLists = nulls };
            return;
        }

        if (descriptor.Fields is { } fields)
        {
            var group = (StructArray)array;
            var type = (StructType)group.Data.DataType;
            byte[] presence = new byte[count];
            for (int i = 0; i < count; i++)
            {
                presence[i] = group.IsNull(start + i) ? (byte)0 : (byte)1;
            }

            string[] fieldNames = type.Fields.Select(f => f.Name).ToArray();
            int[] children = new int[fields.Count];
            for (int f = 0; f < fields.Count; f++)
            {
                children[f] = _nodes.Count;
                int match = ArrowBinding.FieldOf(fields[f], fieldNames, f);
                // A struct's children are not sliced with it: its own offset places its entries in theirs.
                Node(fields[f], group.Fields[match], group.Offset + start, count, fields[f].ListDepth, $"{name}.{fields[f].MemberName}");
            }

            _nodes[self] = new RecordColumnNode(count, children) { Presence = presence };
            return;
        }

        _nodes[self] = new RecordColumnNode(count, []) { Values = ColumnTypes.Accept<Array, LeafValues>(descriptor.Type, new LeafValues(this, array, start, count)) };
    }

    private StringPool Strings => binding.StringPoolFor(column);

    private void Convert<T>(IArrowArray array, Span<T> destination) => reader.Convert(column, array, destination);

    /// <summary>One leaf's values per entry, in the member's type, null where the array has none.</summary>
    private readonly struct LeafValues(ArrowNestedReader owner, IArrowArray array, int start, int count) : IColumnTypeVisitor<Array>
    {
        public Array Value<T>()
            where T : struct
        {
            T[] converted = new T[array.Length];
            owner.Convert(array, converted.AsSpan());
            var values = new T?[Math.Max(1, count)];
            for (int i = 0; i < count; i++)
            {
                values[i] = array.IsNull(start + i) ? null : converted[start + i];
            }

            return values;
        }

        public Array String()
        {
            StringPool strings = owner.Strings;
            return Bytes(bytes => strings.Get(bytes));
        }

        public Array Binary() => Bytes(bytes => bytes.ToArray());

        private TValue?[] Bytes<TValue>(Func<ReadOnlySpan<byte>, TValue> make)
            where TValue : class
        {
            var values = new TValue?[Math.Max(1, count)];
            for (int i = 0; i < count; i++)
            {
                values[i] = array.IsNull(start + i) ? null : make(ArrowBytes.Get(array, start + i));
            }

            return values;
        }
    }

    /// <summary>
    /// A list array's <paramref name="count"/> entries from logical index <paramref name="start"/>: offsets from 0 into
    /// its values, which are null, and its values array with the logical index of the first value in it.
    /// </summary>
    /// <exception cref="InvalidDataException">The offsets go backwards or past the values array: damage, which would otherwise walk a billion values before failing.</exception>
    internal static (int[] Offsets, bool[] Nulls, IArrowArray Values, int ValuesStart) ListOf(IArrowArray array, int start, int count)
    {
        (int[] offsets, bool[] nulls, IArrowArray values, int first) = Entries(array, start, count);
        for (int i = 0; i < count; i++)
        {
            if (offsets[i + 1] < offsets[i])
            {
                throw new InvalidDataException($"list {start + i} of an Arrow {array.Data.DataType.Name} array ends before it starts");
            }
        }

        if (first < 0 || (long)first + offsets[count] > values.Length)
        {
            throw new InvalidDataException($"an Arrow {array.Data.DataType.Name} array's lists reach value {(long)first + offsets[count]} of {values.Length}");
        }

        return (offsets, nulls, values, first);
    }

    private static (int[] Offsets, bool[] Nulls, IArrowArray Values, int ValuesStart) Entries(IArrowArray array, int start, int count)
    {
        int at = start;
        int[] offsets = new int[count + 1];
        bool[] nulls = new bool[count];
        for (int i = 0; i < count; i++)
        {
            nulls[i] = array.IsNull(at + i);
        }

        switch (array)
        {
            case ListArray list:
            {
                ReadOnlySpan<int> ends = list.ValueOffsets;
                for (int i = 0; i <= count; i++)
                {
                    offsets[i] = ends[at + i] - ends[at];
                }

                // A map is a list of key-value structs; its own Values property is the values alone.
                return (offsets, nulls, list.Values, ends[at]);
            }

            case LargeListArray large:
            {
                ReadOnlySpan<long> ends = large.ValueOffsets;
                for (int i = 0; i <= count; i++)
                {
                    offsets[i] = checked((int)(ends[at + i] - ends[at]));
                }

                return (offsets, nulls, large.Values, checked((int)ends[at]));
            }

            case FixedSizeListArray fixedSize:
            {
                int size = ((FixedSizeListType)fixedSize.Data.DataType).ListSize;
                for (int i = 0; i <= count; i++)
                {
                    offsets[i] = i * size;
                }

                return (offsets, nulls, fixedSize.Values, (fixedSize.Offset + start) * size);
            }

            default:
                throw new InvalidOperationException($"Arrow {array.Data.DataType.Name} is no list.");
        }
    }

    private static int RowOf(int[][] offsets, int value)
    {
        for (int depth = offsets.Length - 1; depth >= 0; depth--)
        {
            value = ListOffsets.Owner(offsets[depth], value);
        }

        return value;
    }

    private UnexpectedNullException Null(int row, string what) => binding.UnexpectedNull(column, batchIndex, row, $"{what}, which it cannot hold");
}
