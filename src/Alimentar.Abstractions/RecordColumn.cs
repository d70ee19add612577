namespace Alimentar;

/// <summary>
/// One batch of a record member (a Parquet group), or of a list of records, as its leaves' levels describe it:
/// each leaf's values per entry, and which groups are null. Generated code builds the member's objects from it
/// entry by entry. An entry is a row for a record member, and an element of a row's list for a list of records.
/// This type supports generated code and is not meant to be used directly.
/// </summary>
/// <remarks>
/// Groups are numbered depth first from 0 (the member's own record) and leaves in the same walk, as the
/// member's <see cref="ColumnDescriptor.Fields"/> list them.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class RecordColumn
{
    private readonly Array[] _values;
    private readonly byte[] _groupPresence;
    private readonly int _groups;
    private readonly int[]? _offsets;
    private readonly bool[]? _nullLists;
    private readonly Func<int, int, string, Exception> _unexpectedNull;
    private readonly Func<int, string, Exception> _duplicateKey;
    private readonly (int[] Offsets, bool[] Nulls)?[] _leafLists;

    /// <summary>Wraps a batch's record entries.</summary>
    /// <param name="entries">How many entries there are.</param>
    /// <param name="values">Per leaf, one value per entry: a <c>T?[]</c> for a value type, a <c>T[]</c> of references (null where absent).</param>
    /// <param name="groupPresence">Per group and entry (<c>group * entries + entry</c>), 1 where the group is present.</param>
    /// <param name="offsets">For a list of records, <c>rows + 1</c> offsets into the entries; null for a record member.</param>
    /// <param name="nullLists">For a list of records, true where a row's list is null.</param>
    /// <param name="unexpectedNull">
    /// The error for a null met where the member cannot hold one, given the row, what is null (a leaf index from 0 for
    /// a value or a list of values, <see cref="GroupPart"/> of a group for a record, <see cref="ListPart"/> for a row's
    /// list of records) and a few words saying what.
    /// </param>
    /// <param name="duplicateKey">For a map, the error for a key met twice in a row: given the row and the key's text.</param>
    /// <param name="leafLists">
    /// Per leaf, null for a value, or for a list of values inside the record: <c>entries + 1</c> offsets into the
    /// leaf's values and, per entry, whether the list is null.
    /// </param>
    public RecordColumn(int entries, Array[] values, byte[] groupPresence, int[]? offsets, bool[]? nullLists, Func<int, int, string, Exception> unexpectedNull, Func<int, string, Exception>? duplicateKey = null, (int[] Offsets, bool[] Nulls)?[]? leafLists = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(groupPresence);
        ArgumentNullException.ThrowIfNull(unexpectedNull);
        if (entries > 0 && groupPresence.Length % entries != 0)
        {
            throw new ArgumentException("Group presence holds one flag per group and entry.", nameof(groupPresence));
        }

        Count = entries;
        _values = values;
        _groupPresence = groupPresence;
        _groups = entries == 0 ? 0 : groupPresence.Length / entries;
        _offsets = offsets;
        _nullLists = nullLists;
        _unexpectedNull = unexpectedNull;
        _duplicateKey = duplicateKey ?? ((row, key) => new InvalidOperationException($"Row {row} holds the key '{key}' twice."));
        _leafLists = leafLists ?? new (int[] Offsets, bool[] Nulls)?[values.Length];
    }

    /// <summary>What a null error is about when it is the row's list of records rather than a leaf or a group.</summary>
    public const int ListPart = int.MinValue;

    /// <summary>What a null error is about when it is group <paramref name="group"/>: a negative number, apart from leaves.</summary>
    /// <param name="group">The group, from 0.</param>
    /// <returns>The number the error callback receives.</returns>
    public static int GroupPart(int group) => -1 - group;

    /// <summary>The entries: rows for a record member, list elements of every row for a list of records.</summary>
    public int Count { get; }

    /// <summary>Whether group <paramref name="group"/> is null at <paramref name="entry"/>; a null where the member cannot hold one throws.</summary>
    /// <param name="group">The group, 0 for the member's own record.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds null here.</param>
    /// <returns>True when the group is null.</returns>
    public bool IsNull(int group, int entry, bool nullable)
    {
        if (_groupPresence[(group * Count) + entry] != 0)
        {
            return false;
        }

        return nullable ? true : throw _unexpectedNull(RowOf(entry), GroupPart(group), "is a null record");
    }

    /// <summary>Leaf <paramref name="leaf"/>'s value at <paramref name="entry"/>, or null.</summary>
    /// <typeparam name="T">The leaf's value type.</typeparam>
    /// <param name="leaf">The leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The value, or null.</returns>
    public T? Nullable<T>(int leaf, int entry)
        where T : struct => ((T?[])_values[leaf])[entry];

    /// <summary>Leaf <paramref name="leaf"/>'s value at <paramref name="entry"/>; a null throws, naming the row.</summary>
    /// <typeparam name="T">The leaf's value type.</typeparam>
    /// <param name="leaf">The leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The value.</returns>
    public T Required<T>(int leaf, int entry)
        where T : struct => ((T?[])_values[leaf])[entry] ?? throw _unexpectedNull(RowOf(entry), leaf, "holds a null value");

    /// <summary>Leaf <paramref name="leaf"/>'s string or byte array at <paramref name="entry"/>, or null.</summary>
    /// <typeparam name="T">The leaf's type.</typeparam>
    /// <param name="leaf">The leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The value, or null.</returns>
    public T? Reference<T>(int leaf, int entry)
        where T : class => ((T?[])_values[leaf])[entry];

    /// <summary>Leaf <paramref name="leaf"/>'s string or byte array at <paramref name="entry"/>; a null throws, naming the row.</summary>
    /// <typeparam name="T">The leaf's type.</typeparam>
    /// <param name="leaf">The leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The value.</returns>
    public T RequiredReference<T>(int leaf, int entry)
        where T : class => ((T?[])_values[leaf])[entry] ?? throw _unexpectedNull(RowOf(entry), leaf, "holds a null value");

    /// <summary>Leaf <paramref name="leaf"/>, a list of values inside the record, at <paramref name="entry"/>: its non-null values, or null.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="leaf">The leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>A new array, or null.</returns>
    public T[]? Values<T>(int leaf, int entry, bool nullable)
        where T : struct => Elements<T?, T>(leaf, entry, nullable, static value => !value.HasValue, static value => value.GetValueOrDefault());

    /// <summary>As <see cref="Values{T}"/>, with null elements kept.</summary>
    /// <typeparam name="T">The element's value type.</typeparam>
    /// <param name="leaf">The leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>A new array, or null.</returns>
    public T?[]? NullableValues<T>(int leaf, int entry, bool nullable)
        where T : struct => Elements<T?, T?>(leaf, entry, nullable, null, static value => value);

    /// <summary>As <see cref="Values{T}"/>, for strings and byte arrays that are never null.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="leaf">The leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>A new array, or null.</returns>
    public T[]? References<T>(int leaf, int entry, bool nullable)
        where T : class => Elements<T?, T>(leaf, entry, nullable, static value => value is null, static value => value!);

    /// <summary>As <see cref="Values{T}"/>, for strings and byte arrays, null elements kept.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="leaf">The leaf.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>A new array, or null.</returns>
    public T?[]? NullableReferences<T>(int leaf, int entry, bool nullable)
        where T : class => Elements<T?, T?>(leaf, entry, nullable, null, static value => value);

    /// <summary>The list at an entry: null, or its elements mapped; <paramref name="isNull"/>, when given, finds a null element that is an error.</summary>
    private TElement[]? Elements<TStored, TElement>(int leaf, int entry, bool nullable, Func<TStored, bool>? isNull, Func<TStored, TElement> map)
    {
        (int[] offsets, bool[] nulls) = _leafLists[leaf] ?? throw new InvalidOperationException($"Leaf {leaf} is no list.");
        if (nulls[entry])
        {
            return nullable ? null : throw _unexpectedNull(RowOf(entry), leaf, "holds a null list");
        }

        var stored = (TStored[])_values[leaf];
        var list = new TElement[offsets[entry + 1] - offsets[entry]];
        for (int i = 0; i < list.Length; i++)
        {
            TStored value = stored[offsets[entry] + i];
            if (isNull is not null && isNull(value))
            {
                throw _unexpectedNull(RowOf(entry), leaf, "holds a null value");
            }

            list[i] = map(value);
        }

        return list;
    }

    /// <summary>For a list of records, whether row <paramref name="row"/>'s list is null; a null where the member cannot hold one throws.</summary>
    /// <param name="row">The row.</param>
    /// <param name="nullable">Whether the member holds a null list.</param>
    /// <returns>True when the list is null.</returns>
    public bool IsNullList(int row, bool nullable)
    {
        if (_nullLists is null || !_nullLists[row])
        {
            return false;
        }

        return nullable ? true : throw _unexpectedNull(row, ListPart, "is a null list");
    }

    /// <summary>For a list of records, the first entry of row <paramref name="row"/>'s list.</summary>
    /// <param name="row">The row.</param>
    /// <returns>An entry index.</returns>
    public int Start(int row) => Offsets[row];

    /// <summary>For a list of records, the length of row <paramref name="row"/>'s list.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The entries of the row.</returns>
    public int LengthOf(int row) => Offsets[row + 1] - Offsets[row];

    /// <summary>For a map, checks that row <paramref name="row"/>'s entries hold each key once; a key met twice throws, naming the row.</summary>
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
    /// The rows <paramref name="rows"/> lists, in that order: what a filter keeps. Entries of a list of records
    /// move with their rows.
    /// </summary>
    /// <param name="rows">Row indexes, ascending.</param>
    /// <returns>A column of those rows.</returns>
    public RecordColumn Select(ReadOnlySpan<int> rows)
    {
        int[] entries;
        int[]? offsets = null;
        bool[]? nullLists = null;
        if (_offsets is null)
        {
            entries = rows.ToArray();
        }
        else
        {
            offsets = new int[rows.Length + 1];
            nullLists = new bool[rows.Length];
            var kept = new List<int>();
            for (int i = 0; i < rows.Length; i++)
            {
                nullLists[i] = _nullLists?[rows[i]] ?? false;
                for (int entry = _offsets[rows[i]]; entry < _offsets[rows[i] + 1]; entry++)
                {
                    kept.Add(entry);
                }

                offsets[i + 1] = kept.Count;
            }

            entries = [.. kept];
        }

        var values = new Array[_values.Length];
        var leafLists = new (int[] Offsets, bool[] Nulls)?[_values.Length];
        for (int leaf = 0; leaf < values.Length; leaf++)
        {
            // A copy of the leaf's array, of its own element type, with the kept entries' values moved to the front.
            Array all = _values[leaf];
            var picked = (Array)all.Clone();
            if (_leafLists[leaf] is not { } lists)
            {
                for (int i = 0; i < entries.Length; i++)
                {
                    Array.Copy(all, entries[i], picked, i, 1);
                }
            }
            else
            {
                int[] listOffsets = new int[entries.Length + 1];
                bool[] listNulls = new bool[entries.Length];
                for (int i = 0; i < entries.Length; i++)
                {
                    int start = lists.Offsets[entries[i]];
                    int length = lists.Offsets[entries[i] + 1] - start;
                    Array.Copy(all, start, picked, listOffsets[i], length);
                    listOffsets[i + 1] = listOffsets[i] + length;
                    listNulls[i] = lists.Nulls[entries[i]];
                }

                leafLists[leaf] = (listOffsets, listNulls);
            }

            values[leaf] = picked;
        }

        byte[] presence = new byte[_groups * entries.Length];
        for (int group = 0; group < _groups; group++)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                presence[(group * entries.Length) + i] = _groupPresence[(group * Count) + entries[i]];
            }
        }

        Func<int, int, string, Exception> unexpectedNull = _unexpectedNull;
        Func<int, string, Exception> duplicateKey = _duplicateKey;
        int[] originalRows = rows.ToArray();
        return new RecordColumn(entries.Length, values, presence, offsets, nullLists,
            (row, node, what) => unexpectedNull(originalRows[row], node, what),
            (row, key) => duplicateKey(originalRows[row], key),
            leafLists);
    }

    private int[] Offsets => _offsets ?? throw new InvalidOperationException("A record member has no lists.");

    /// <summary>The row an entry lies in: the entry itself for a record member, else the last list starting at or before it.</summary>
    private int RowOf(int entry) => _offsets is null ? entry : ListOffsets.Owner(_offsets, entry);
}
