namespace Alimentar;

/// <summary>
/// One batch of a member that holds records (a record, a list or map of them, lists inside them, at any depth) as
/// its leaves' levels describe it: a node per group, list and leaf of the member's type, each with its entries.
/// Generated code builds the member's objects from it node by node.
/// This type supports generated code and is not meant to be used directly.
/// </summary>
/// <remarks>
/// Nodes are numbered depth first from 0 (the member itself): a group, then its fields; a list, then its element; a
/// map is a list of key-value groups. The member's <see cref="ColumnDescriptor"/> describes the same tree.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class RecordColumn
{
    private readonly RecordColumnNode[] _nodes;
    private readonly int[] _parents;
    private readonly Func<int, int, string, Exception> _unexpectedNull;
    private readonly Func<int, string, Exception> _duplicateKey;

    /// <summary>Wraps a batch's nodes, checking that every node's entries fit its parent's, so reading one never goes out of range.</summary>
    /// <param name="rows">The batch's rows: the entries of node 0.</param>
    /// <param name="nodes">The member's nodes, depth first.</param>
    /// <param name="unexpectedNull">
    /// The error for a null met where the member cannot hold one, given the row, the node that is null and a few words saying what.
    /// </param>
    /// <param name="duplicateKey">For a map, the error for a key met twice in one map: given the row and the key's text.</param>
    /// <exception cref="ArgumentException">The nodes do not form a tree whose entries agree.</exception>
    public RecordColumn(int rows, RecordColumnNode[] nodes, Func<int, int, string, Exception> unexpectedNull, Func<int, string, Exception>? duplicateKey = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(unexpectedNull);
        if (nodes.Length == 0 || nodes[0].Entries != rows)
        {
            throw new ArgumentException("Node 0 is the member itself, with one entry per row.", nameof(nodes));
        }

        _nodes = nodes;
        _parents = Parents(nodes);
        _unexpectedNull = unexpectedNull;
        _duplicateKey = duplicateKey ?? ((row, key) => new InvalidOperationException($"Row {row} holds the key '{key}' twice."));
        Rows = rows;
    }

    /// <summary>The batch's rows.</summary>
    public int Rows { get; }

    /// <summary>Gives a builder's pooled arrays back once a writer is done with the column; null for a column read from a file.</summary>
    internal Action? ReleaseBuffers { get; init; }

    /// <summary>The member's nodes, depth first.</summary>
    public IReadOnlyList<RecordColumnNode> Nodes => _nodes;

    /// <summary>Whether group <paramref name="node"/> is null at <paramref name="entry"/>; a null where the member cannot hold one throws.</summary>
    /// <param name="node">A group node.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds null here.</param>
    /// <returns>True when the group is null.</returns>
    public bool IsNull(int node, int entry, bool nullable)
    {
        if (_nodes[node].Presence![entry] != 0)
        {
            return false;
        }

        return nullable ? true : throw _unexpectedNull(RowOf(node, entry), node, "is a null record");
    }

    /// <summary>Leaf <paramref name="node"/>'s value at <paramref name="entry"/>, or null.</summary>
    /// <typeparam name="T">The leaf's value type.</typeparam>
    /// <param name="node">A leaf node.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The value, or null.</returns>
    public T? Nullable<T>(int node, int entry)
        where T : struct => ((T?[])_nodes[node].Values!)[entry];

    /// <summary>Leaf <paramref name="node"/>'s value at <paramref name="entry"/>; a null throws, naming the row.</summary>
    /// <typeparam name="T">The leaf's value type.</typeparam>
    /// <param name="node">A leaf node.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The value.</returns>
    public T Required<T>(int node, int entry)
        where T : struct => ((T?[])_nodes[node].Values!)[entry] ?? throw _unexpectedNull(RowOf(node, entry), node, "holds a null value");

    /// <summary>Leaf <paramref name="node"/>'s string or byte array at <paramref name="entry"/>, or null.</summary>
    /// <typeparam name="T">The leaf's type.</typeparam>
    /// <param name="node">A leaf node.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The value, or null.</returns>
    public T? Reference<T>(int node, int entry)
        where T : class => ((T?[])_nodes[node].Values!)[entry];

    /// <summary>Leaf <paramref name="node"/>'s string or byte array at <paramref name="entry"/>; a null throws, naming the row.</summary>
    /// <typeparam name="T">The leaf's type.</typeparam>
    /// <param name="node">A leaf node.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The value.</returns>
    public T RequiredReference<T>(int node, int entry)
        where T : class => ((T?[])_nodes[node].Values!)[entry] ?? throw _unexpectedNull(RowOf(node, entry), node, "holds a null value");

    /// <summary>Whether list <paramref name="node"/> is null at <paramref name="entry"/>; a null where the member cannot hold one throws.</summary>
    /// <param name="node">A list node.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list here.</param>
    /// <returns>True when the list is null.</returns>
    public bool IsNullList(int node, int entry, bool nullable)
    {
        if (!_nodes[node].NullLists![entry])
        {
            return false;
        }

        return nullable ? true : throw _unexpectedNull(RowOf(node, entry), node, "is a null list");
    }

    /// <summary>The first element entry of list <paramref name="node"/> at <paramref name="entry"/>.</summary>
    /// <param name="node">A list node.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>An entry of the list's element node.</returns>
    public int Start(int node, int entry) => _nodes[node].Offsets![entry];

    /// <summary>The length of list <paramref name="node"/> at <paramref name="entry"/>.</summary>
    /// <param name="node">A list node.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>How many elements it holds.</returns>
    public int LengthOf(int node, int entry)
    {
        int[] offsets = _nodes[node].Offsets!;
        return offsets[entry + 1] - offsets[entry];
    }

    /// <summary>List <paramref name="node"/> of values at <paramref name="entry"/>: its values, none null, or a null list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="node">A list node whose element is a leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>A new array, or null.</returns>
    public T[]? Values<T>(int node, int entry, bool nullable)
        where T : struct => Elements<T?, T>(node, entry, nullable, static value => !value.HasValue, static value => value.GetValueOrDefault());

    /// <summary>As <see cref="Values{T}"/>, with null elements kept.</summary>
    /// <typeparam name="T">The element's value type.</typeparam>
    /// <param name="node">A list node whose element is a leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>A new array, or null.</returns>
    public T?[]? NullableValues<T>(int node, int entry, bool nullable)
        where T : struct => Elements<T?, T?>(node, entry, nullable, null, static value => value);

    /// <summary>As <see cref="Values{T}"/>, for strings and byte arrays that are never null.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="node">A list node whose element is a leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>A new array, or null.</returns>
    public T[]? References<T>(int node, int entry, bool nullable)
        where T : class => Elements<T?, T>(node, entry, nullable, static value => value is null, static value => value!);

    /// <summary>As <see cref="Values{T}"/>, for strings and byte arrays, null elements kept.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="node">A list node whose element is a leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>A new array, or null.</returns>
    public T?[]? NullableReferences<T>(int node, int entry, bool nullable)
        where T : class => Elements<T?, T?>(node, entry, nullable, null, static value => value);

    /// <summary>List <paramref name="node"/> at <paramref name="entry"/> as an array, each element built by <paramref name="element"/> from its entry; or a null list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="node">A list node.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <param name="element">Builds an element from this column and the element's entry.</param>
    /// <returns>A new array, or null.</returns>
    public T[]? Array<T>(int node, int entry, bool nullable, Func<RecordColumn, int, T> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (IsNullList(node, entry, nullable))
        {
            return null;
        }

        int start = Start(node, entry);
        var list = new T[LengthOf(node, entry)];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = element(this, start + i);
        }

        return list;
    }

    /// <summary>As <see cref="Array{T}"/>, as a <see cref="System.Collections.Generic.List{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="node">A list node.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <param name="element">Builds an element from this column and the element's entry.</param>
    /// <returns>A new list, or null.</returns>
    public List<T>? List<T>(int node, int entry, bool nullable, Func<RecordColumn, int, T> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (IsNullList(node, entry, nullable))
        {
            return null;
        }

        int start = Start(node, entry);
        int length = LengthOf(node, entry);
        var list = new List<T>(length);
        for (int i = 0; i < length; i++)
        {
            list.Add(element(this, start + i));
        }

        return list;
    }

    /// <summary>Map <paramref name="node"/> at <paramref name="entry"/> as a dictionary, each pair built by <paramref name="pair"/>; a key met twice throws, naming the row.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="node">A list node of key-value groups.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null map.</param>
    /// <param name="pair">Builds a key and value from this column and the pair's entry.</param>
    /// <returns>A new dictionary, or null.</returns>
    public Dictionary<TKey, TValue>? Dictionary<TKey, TValue>(int node, int entry, bool nullable, Func<RecordColumn, int, KeyValuePair<TKey, TValue>> pair)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (IsNullList(node, entry, nullable))
        {
            return null;
        }

        int start = Start(node, entry);
        int length = LengthOf(node, entry);
        var map = new Dictionary<TKey, TValue>(length);
        for (int i = 0; i < length; i++)
        {
            KeyValuePair<TKey, TValue> built = pair(this, start + i);
            if (!map.TryAdd(built.Key, built.Value))
            {
                throw _duplicateKey(RowOf(node, entry), built.Key.ToString() ?? string.Empty);
            }
        }

        return map;
    }

    /// <summary>The most entries a map's keys are compared pair by pair for; larger maps use a hash set.</summary>
    private const int SmallMap = 16;

    /// <summary>For a map member, checks that row <paramref name="row"/>'s entries hold each key once; a key met twice throws, naming the row.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="row">The row.</param>
    /// <param name="entries">The row's entries, as built.</param>
    public void RequireDistinctKeys<TKey, TValue>(int row, ReadOnlySpan<KeyValuePair<TKey, TValue>> entries)
        where TKey : notnull
    {
        if (entries.Length < 2)
        {
            return;
        }

        if (entries.Length <= SmallMap)
        {
            // Most maps hold a few keys: comparing each pair costs less than a hash set made for every row.
            EqualityComparer<TKey> comparer = EqualityComparer<TKey>.Default;
            for (int i = 1; i < entries.Length; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if (comparer.Equals(entries[i].Key, entries[j].Key))
                    {
                        throw _duplicateKey(row, entries[i].Key.ToString() ?? string.Empty);
                    }
                }
            }

            return;
        }

        var seen = new HashSet<TKey>(entries.Length);
        foreach (KeyValuePair<TKey, TValue> entry in entries)
        {
            if (!seen.Add(entry.Key))
            {
                throw _duplicateKey(row, entry.Key.ToString() ?? string.Empty);
            }
        }
    }

    /// <summary>
    /// The rows <paramref name="rows"/> lists, in that order: what a filter keeps. Every node's entries move with
    /// the rows they lie in.
    /// </summary>
    /// <param name="rows">Row indexes, ascending.</param>
    /// <returns>A column of those rows.</returns>
    public RecordColumn Select(ReadOnlySpan<int> rows)
    {
        var picked = new RecordColumnNode[_nodes.Length];
        Pick(0, rows.ToArray(), picked);
        Func<int, int, string, Exception> unexpectedNull = _unexpectedNull;
        Func<int, string, Exception> duplicateKey = _duplicateKey;
        int[] originalRows = rows.ToArray();
        return new RecordColumn(rows.Length, picked,
            (row, node, what) => unexpectedNull(originalRows[row], node, what),
            (row, key) => duplicateKey(originalRows[row], key));
    }

    /// <summary>Node <paramref name="node"/> with only <paramref name="entries"/> (ascending), and its children with the entries under them.</summary>
    private void Pick(int node, int[] entries, RecordColumnNode[] picked)
    {
        RecordColumnNode source = _nodes[node];
        if (source.Values is { } values)
        {
            // A copy of the leaf's array, of its own element type, with the kept entries' values moved to the front.
            var kept = (Array)values.Clone();
            for (int i = 0; i < entries.Length; i++)
            {
                System.Array.Copy(values, entries[i], kept, i, 1);
            }

            picked[node] = source with { Entries = entries.Length, Values = kept };
            return;
        }

        if (source.Presence is { } presence)
        {
            byte[] kept = new byte[entries.Length];
            for (int i = 0; i < entries.Length; i++)
            {
                kept[i] = presence[entries[i]];
            }

            picked[node] = source with { Entries = entries.Length, Presence = kept };
            foreach (int child in source.Children)
            {
                Pick(child, entries, picked);
            }

            return;
        }

        int[] offsets = source.Offsets!;
        int[] keptOffsets = new int[entries.Length + 1];
        bool[] keptNulls = new bool[entries.Length];
        var elements = new List<int>();
        for (int i = 0; i < entries.Length; i++)
        {
            keptNulls[i] = source.NullLists![entries[i]];
            for (int element = offsets[entries[i]]; element < offsets[entries[i] + 1]; element++)
            {
                elements.Add(element);
            }

            keptOffsets[i + 1] = elements.Count;
        }

        picked[node] = source with { Entries = entries.Length, Offsets = keptOffsets, NullLists = keptNulls };
        Pick(source.Children[0], [.. elements], picked);
    }

    /// <summary>The list at an entry: null, or its element leaf's values mapped; <paramref name="isNull"/>, when given, finds a null element that is an error.</summary>
    private TElement[]? Elements<TStored, TElement>(int node, int entry, bool nullable, Func<TStored, bool>? isNull, Func<TStored, TElement> map)
    {
        if (IsNullList(node, entry, nullable))
        {
            return null;
        }

        int leaf = _nodes[node].Children[0];
        var stored = (TStored[])_nodes[leaf].Values!;
        int start = Start(node, entry);
        var list = new TElement[LengthOf(node, entry)];
        for (int i = 0; i < list.Length; i++)
        {
            TStored value = stored[start + i];
            if (isNull is not null && isNull(value))
            {
                throw _unexpectedNull(RowOf(leaf, start + i), leaf, "holds a null value");
            }

            list[i] = map(value);
        }

        return list;
    }

    /// <summary>The row an entry of a node lies in: up the tree, through each list to the entry that holds it.</summary>
    private int RowOf(int node, int entry)
    {
        for (int parent = _parents[node]; parent >= 0; node = parent, parent = _parents[node])
        {
            if (_nodes[parent].Offsets is { } offsets)
            {
                entry = ListOffsets.Owner(offsets, entry);
            }
        }

        return entry;
    }

    /// <summary>Each node's parent (-1 for node 0), checking that children follow their parent and that entries agree down the tree.</summary>
    private static int[] Parents(RecordColumnNode[] nodes)
    {
        int[] parents = new int[nodes.Length];
        parents.AsSpan().Fill(-2);
        parents[0] = -1;
        for (int node = 0; node < nodes.Length; node++)
        {
            RecordColumnNode parent = nodes[node];
            if (parents[node] == -2)
            {
                throw new ArgumentException($"Node {node} is no child of an earlier node.", nameof(nodes));
            }

            int set = (parent.Presence is null ? 0 : 1) + (parent.Offsets is null ? 0 : 1) + (parent.Values is null ? 0 : 1);
            bool fits = set == 1
                && (parent.Presence is null || parent.Presence.Length >= parent.Entries)
                && (parent.Values is null || (parent.Values.Length >= parent.Entries && parent.Children.Length == 0))
                && (parent.Offsets is null || (parent.Offsets.Length == parent.Entries + 1 && parent.NullLists?.Length >= parent.Entries && parent.Children.Length == 1 && Ascending(parent.Offsets)));
            if (!fits)
            {
                throw new ArgumentException($"Node {node} is not one group, list or leaf of {parent.Entries} entries.", nameof(nodes));
            }

            foreach (int child in parent.Children)
            {
                if (child <= node || child >= nodes.Length || parents[child] != -2)
                {
                    throw new ArgumentException($"Node {node} names child {child}, which is not a later node of its own.", nameof(nodes));
                }

                parents[child] = node;
                int expected = parent.Offsets is { } offsets ? offsets[^1] : parent.Entries;
                if (nodes[child].Entries != expected)
                {
                    throw new ArgumentException($"Node {child} has {nodes[child].Entries} entries where its parent, node {node}, holds {expected}.", nameof(nodes));
                }
            }
        }

        return parents;
    }

    private static bool Ascending(int[] offsets)
    {
        if (offsets[0] != 0)
        {
            return false;
        }

        for (int i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
