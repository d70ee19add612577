using Alimentar.Binding;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// Shreds a member that holds records, maps or lists of lists into its leaves' definition and repetition levels
/// (Dremel's encoding): each row's tree is walked from the member down; a null or empty node gives every leaf under
/// it one slot at the level reached, and each present value one slot at its leaf's full level. One shredder serves
/// one column, and its buffers are reused slice after slice.
/// </summary>
internal sealed class RecordShredder : IDisposable
{
    private readonly WriteNode[] _nodes;
    private readonly int[][] _leavesUnder;
    private readonly int[][] _childrenOf;
    private readonly int[] _leafSlotOf;
    private readonly LeafSlot[] _slots;
    private RecordColumn? _records;
    private int _row;
    private Func<int, string, Exception>? _error;

    public RecordShredder(WriteNode root, IReadOnlyList<ColumnDescriptor> leafDescriptors)
    {
        var nodes = new List<WriteNode>();
        Number(root, nodes);
        _nodes = [.. nodes];
        _leafSlotOf = new int[_nodes.Length];
        var slots = new List<LeafSlot>();
        for (int i = 0; i < _nodes.Length; i++)
        {
            _leafSlotOf[i] = -1;
            if (_nodes[i].Kind == WriteNodeKind.Leaf)
            {
                _leafSlotOf[i] = slots.Count;
                slots.Add(new LeafSlot(i, _nodes[i].Leaf, leafDescriptors[_nodes[i].Leaf]));
            }
        }

        _slots = [.. slots];
        _childrenOf = new int[_nodes.Length][];
        for (int i = 0; i < _nodes.Length; i++)
        {
            var children = new int[_nodes[i].Children.Length];
            int child = i + 1;
            for (int c = 0; c < children.Length; c++)
            {
                children[c] = child;
                child += Count(_nodes[i].Children[c]);
            }

            _childrenOf[i] = children;
        }

        _leavesUnder = new int[_nodes.Length][];
        for (int i = _nodes.Length - 1; i >= 0; i--)
        {
            _leavesUnder[i] = _nodes[i].Kind == WriteNodeKind.Leaf ? [_leafSlotOf[i]] : _childrenOf[i].SelectMany(c => _leavesUnder[c]).ToArray();
        }
    }

    /// <summary>Shreds a slice's rows and appends each leaf's levels and values to its writer.</summary>
    /// <param name="records">The slice of the member.</param>
    /// <param name="leaves">The file's leaf writers.</param>
    /// <param name="error">The error for a null where the member's type allows none, given the row and what is null.</param>
    public void Shred(RecordColumn records, IReadOnlyList<LeafWriter> leaves, Func<int, string, Exception> error)
    {
        _records = records;
        _error = error;
        foreach (LeafSlot slot in _slots)
        {
            slot.Clear();
        }

        WriteNode root = _nodes[0];
        for (_row = 0; _row < records.Rows; _row++)
        {
            Emit(0, _row, 0, root.Definition - (root.Optional ? 1 : 0));
        }

        foreach (LeafSlot slot in _slots)
        {
            slot.AppendTo(records.Nodes[slot.Node], leaves[slot.Leaf]);
        }

        _records = null;
    }

    public void Dispose()
    {
        foreach (LeafSlot slot in _slots)
        {
            slot.Dispose();
        }
    }

    private void Emit(int index, int entry, int repetition, int parentDefinition)
    {
        WriteNode node = _nodes[index];
        RecordColumnNode entries = _records!.Nodes[index];
        switch (node.Kind)
        {
            case WriteNodeKind.Group:
                if (entries.Presence![entry] == 0)
                {
                    Absent(index, repetition, parentDefinition, node.Optional, "is a null record");
                    return;
                }

                foreach (int child in _childrenOf[index])
                {
                    Emit(child, entry, repetition, node.Definition);
                }

                return;
            case WriteNodeKind.List:
                if (entries.NullLists![entry])
                {
                    Absent(index, repetition, parentDefinition, node.Optional, "is a null list");
                    return;
                }

                int start = entries.Offsets![entry];
                int length = entries.Offsets[entry + 1] - start;
                int element = index + 1;
                if (length == 0)
                {
                    Absent(element, repetition, node.Definition, optional: true, string.Empty);
                    return;
                }

                for (int i = 0; i < length; i++)
                {
                    Emit(element, start + i, i == 0 ? repetition : node.Repetition, node.Definition + 1);
                }

                return;
            default:
                LeafSlot slot = _slots[_leafSlotOf[index]];
                if (slot.IsNull(entries, entry))
                {
                    Absent(index, repetition, parentDefinition, node.Optional, "holds a null value");
                    return;
                }

                slot.Levels.Add(node.Definition, repetition);
                slot.Entries.Add(entry);
                return;
        }
    }

    /// <summary>Gives every leaf under a node one empty slot at <paramref name="definition"/>.</summary>
    private void Absent(int index, int repetition, int definition, bool optional, string what)
    {
        if (!optional)
        {
            throw _error!(_row, $"{(_nodes[index].Descriptor.Name is { Length: > 0 } name ? $"'{name}' " : string.Empty)}{what}");
        }

        foreach (int leaf in _leavesUnder[index])
        {
            _slots[leaf].Levels.Add(definition, repetition);
        }
    }

    private static int Count(WriteNode node) => 1 + node.Children.Sum(Count);

    private static void Number(WriteNode node, List<WriteNode> nodes)
    {
        nodes.Add(node);
        foreach (WriteNode child in node.Children)
        {
            Number(child, nodes);
        }
    }

    /// <summary>One leaf's slots in the slice: its levels and the entries of its present values.</summary>
    private sealed class LeafSlot(int node, int leaf, ColumnDescriptor descriptor) : IDisposable
    {
        public int Node { get; } = node;

        public int Leaf { get; } = leaf;

        public LevelBuffers Levels { get; } = new();

        public GrowableArray<int> Entries { get; } = new();

        public bool IsNull(RecordColumnNode entries, int entry) => ColumnTypes.Accept<bool, NullCheck>(descriptor.Type, new NullCheck(entries.Values!, entry));

        public void AppendTo(RecordColumnNode entries, LeafWriter writer) =>
            ColumnTypes.Accept<bool, Gather>(descriptor.Type, new Gather(entries.Values!, Entries, Levels, writer));

        public void Clear()
        {
            Levels.Clear();
            Entries.Clear();
        }

        public void Dispose()
        {
            Levels.Dispose();
            Entries.Dispose();
        }
    }

    private readonly struct NullCheck(Array values, int entry) : IColumnTypeVisitor<bool>
    {
        public bool Value<T>()
            where T : struct => !((T?[])values)[entry].HasValue;

        public bool String() => ((string?[])values)[entry] is null;

        public bool Binary() => ((byte[]?[])values)[entry] is null;
    }

    /// <summary>Copies a leaf's present values, in slot order, and appends them with the leaf's levels.</summary>
    private readonly struct Gather(Array values, GrowableArray<int> entries, LevelBuffers levels, LeafWriter writer) : IColumnTypeVisitor<bool>
    {
        public bool Value<T>()
            where T : struct
        {
            var typed = (T?[])values;
            return Append<T>(entry => typed[entry].GetValueOrDefault());
        }

        public bool String()
        {
            var typed = (string?[])values;
            return Append<string>(entry => typed[entry]!);
        }

        public bool Binary()
        {
            var typed = (byte[]?[])values;
            return Append<byte[]>(entry => typed[entry]!);
        }

        private bool Append<T>(Func<int, T> valueAt)
        {
            ReadOnlySpan<int> present = entries.Span;
            T[] gathered = ColumnArrays<T>.Pool.Rent(Math.Max(1, present.Length));
            try
            {
                for (int i = 0; i < present.Length; i++)
                {
                    gathered[i] = valueAt(present[i]);
                }

                LeafValues.Append<T>(writer, gathered.AsSpan(0, present.Length), levels.Definitions.Span, levels.Repetitions.Span);
            }
            finally
            {
                ColumnArrays<T>.Pool.Return(gathered, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            }

            return true;
        }
    }
}
