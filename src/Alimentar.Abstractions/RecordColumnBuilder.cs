namespace Alimentar;

/// <summary>
/// Lays a nested member's values out as a <see cref="RecordColumn"/>, row after row, node by node: the inverse of
/// reading, for writers (Arrow today) that take the member as groups, lists and leaves. Generated code walks each
/// row's objects and calls it in the order the nodes are numbered (depth first: a group, then its fields; a list,
/// then its element). This type supports generated code and is not meant to be used directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class RecordColumnBuilder
{
    private readonly List<int[]> _children = [];
    private readonly List<PooledList<byte>?> _presence = [];
    private readonly List<PooledList<int>?> _ends = [];
    private readonly List<PooledList<bool>?> _nulls = [];
    private readonly List<ILeaf?> _leaves = [];

    /// <summary>Numbers the nodes of <paramref name="member"/>'s type, as the reader does.</summary>
    /// <param name="member">A member that holds records, or lists of lists.</param>
    public RecordColumnBuilder(ColumnDescriptor member)
    {
        ArgumentNullException.ThrowIfNull(member);
        Add(member, member.ListDepth);
    }

    private interface ILeaf
    {
        int Count { get; }

        void AddNull();

        Array Items { get; }

        void Return();
    }

    /// <summary>Says that leaf <paramref name="node"/> holds values of <typeparamref name="T"/>; every leaf is declared before the first row.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="node">A leaf node.</param>
    public void DeclareValue<T>(int node)
        where T : struct => _leaves[node] = new Leaf<T?>();

    /// <summary>Says that leaf <paramref name="node"/> holds strings or byte arrays.</summary>
    /// <typeparam name="T">The reference type.</typeparam>
    /// <param name="node">A leaf node.</param>
    public void DeclareReference<T>(int node)
        where T : class => _leaves[node] = new Leaf<T?>();

    /// <summary>Adds an entry to group <paramref name="node"/>: present, its fields to follow, or null with every node under it absent.</summary>
    /// <param name="node">A group node.</param>
    /// <param name="present">Whether the record is there.</param>
    public void Group(int node, bool present)
    {
        if (!present)
        {
            Absent(node);
            return;
        }

        (_presence[node] ?? throw NotA(node, "group")).Add(1);
    }

    /// <summary>Adds a null entry to <paramref name="node"/> and to every node under it, as a null record's fields have.</summary>
    /// <param name="node">Any node.</param>
    public void Absent(int node)
    {
        if (_presence[node] is { } presence)
        {
            presence.Add(0);
            foreach (int child in _children[node])
            {
                Absent(child);
            }
        }
        else if (_ends[node] is not null)
        {
            List(node, null);
        }
        else
        {
            (_leaves[node] ?? throw Undeclared(node)).AddNull();
        }
    }

    /// <summary>Adds an entry to list <paramref name="node"/>: null, or a list whose <paramref name="length"/> elements follow.</summary>
    /// <param name="node">A list node.</param>
    /// <param name="length">How many elements follow, or null for a null list.</param>
    public void List(int node, int? length)
    {
        PooledList<int> ends = _ends[node] ?? throw NotA(node, "list");
        ends.Add(ends.Last + (length ?? 0));
        _nulls[node]!.Add(length is null);
    }

    /// <summary>Adds a value to leaf <paramref name="node"/>.</summary>
    /// <typeparam name="T">The declared value type.</typeparam>
    /// <param name="node">A leaf node.</param>
    /// <param name="value">The value, or null.</param>
    public void Value<T>(int node, T? value)
        where T : struct => ((Leaf<T?>)(_leaves[node] ?? throw Undeclared(node))).Values.Add(value);

    /// <summary>Adds a string or byte array to leaf <paramref name="node"/>.</summary>
    /// <typeparam name="T">The declared reference type.</typeparam>
    /// <param name="node">A leaf node.</param>
    /// <param name="value">The value, or null.</param>
    public void Reference<T>(int node, T? value)
        where T : class => ((Leaf<T?>)(_leaves[node] ?? throw Undeclared(node))).Values.Add(value);

    /// <summary>The column of the rows added, checked as any <see cref="RecordColumn"/> is.</summary>
    /// <param name="rows">How many rows were added.</param>
    /// <returns>The column.</returns>
    /// <remarks>
    /// Presence, null lists and values are the builder's pooled arrays, longer than their entries; a writer that is done
    /// with the column gives them back. A slice's nodes hold hundreds of
    /// thousands of entries: growing them afresh slice after slice, in the large object heap, cost a fifth of a nested write.
    /// </remarks>
    public RecordColumn Build(int rows)
    {
        var nodes = new RecordColumnNode[_children.Count];
        for (int node = 0; node < nodes.Length; node++)
        {
            nodes[node] = _presence[node] is { } presence ? new RecordColumnNode(presence.Count, _children[node]) { Presence = presence.Items }
                : _ends[node] is { } ends ? new RecordColumnNode(ends.Count - 1, _children[node]) { Offsets = ends.ToArray(), NullLists = _nulls[node]!.Items }
                : _leaves[node] is { } leaf ? new RecordColumnNode(leaf.Count, []) { Values = leaf.Items }
                : throw Undeclared(node);
        }

        return new RecordColumn(rows, nodes, (row, node, what) => new InvalidOperationException($"Row {row}, node {node} {what}."))
        {
            ReleaseBuffers = ReturnBuffers,
        };
    }

    private void ReturnBuffers()
    {
        for (int node = 0; node < _children.Count; node++)
        {
            _presence[node]?.Return();
            _ends[node]?.Return();
            _nulls[node]?.Return();
            _leaves[node]?.Return();
        }
    }

    private void Add(ColumnDescriptor descriptor, int lists)
    {
        int self = _children.Count;
        _children.Add([]);
        _presence.Add(null);
        _ends.Add(null);
        _nulls.Add(null);
        _leaves.Add(null);
        if (lists > 0)
        {
            _ends[self] = new PooledList<int>();
            _ends[self]!.Add(0);
            _nulls[self] = new PooledList<bool>();
            _children[self] = [_children.Count];
            Add(descriptor, lists - 1);
        }
        else if (descriptor.Fields is { } fields)
        {
            _presence[self] = new PooledList<byte>();
            var children = new int[fields.Count];
            for (int f = 0; f < fields.Count; f++)
            {
                children[f] = _children.Count;
                Add(fields[f], fields[f].ListDepth);
            }

            _children[self] = children;
        }
    }

    private static InvalidOperationException NotA(int node, string kind) => new($"Node {node} is not a {kind}.");

    private static InvalidOperationException Undeclared(int node) => new($"Leaf {node} was not declared.");

    private sealed class Leaf<T> : ILeaf
    {
        public PooledList<T> Values { get; } = new();

        public int Count => Values.Count;

        public Array Items => Values.Items;

        public void AddNull() => Values.Add(default!);

        public void Return() => Values.Return();
    }

    /// <summary>A list on an array of the column pool, handed over as it is (longer than its count) and returned whole.</summary>
    private sealed class PooledList<T>
    {
        private const int FirstLength = 256;

        private T[] _items = ColumnArrays<T>.Pool.Rent(FirstLength);

        public int Count { get; private set; }

        public T[] Items => _items;

        public T Last => _items[Count - 1];

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Add(T item)
        {
            if (Count == _items.Length)
            {
                Grow();
            }

            _items[Count++] = item;
        }

        public T[] ToArray() => _items.AsSpan(0, Count).ToArray();

        public void Return()
        {
            if (_items.Length == 0)
            {
                return;
            }

            ColumnArrays<T>.Pool.Return(_items, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _items = [];
            Count = 0;
        }

        private void Grow()
        {
            T[] grown = ColumnArrays<T>.Pool.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(grown);
            ColumnArrays<T>.Pool.Return(_items, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _items = grown;
        }
    }
}
