namespace Alimentar;

/// <summary>
/// One batch of a list-of-lists column as its levels describe it: for each depth, where each list's entries
/// start in the next depth and which lists are null, then the innermost values. Generated code builds each
/// element of the outermost lists from it, depth by depth, into the member's own types. This type supports
/// generated code and is not meant to be used directly.
/// </summary>
/// <typeparam name="T">The innermost value type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class NestedLists<T>
{
    private readonly int[][] _offsets;
    private readonly bool[][] _nulls;
    private readonly T[] _values;
    private readonly Func<int, string, Exception> _unexpectedNull;

    /// <summary>Wraps the levels of a batch.</summary>
    /// <param name="offsets">Per depth from 0 (the rows), each list's first entry in the next depth (or in <paramref name="values"/>), plus one end.</param>
    /// <param name="nulls">Per depth, true where a list is null.</param>
    /// <param name="values">The innermost values.</param>
    /// <param name="unexpectedNull">The error for a null met where the member cannot hold one, given the row and what is null.</param>
    public NestedLists(int[][] offsets, bool[][] nulls, T[] values, Func<int, string, Exception> unexpectedNull)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(nulls);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(unexpectedNull);
        if (offsets.Length < 2 || nulls.Length != offsets.Length)
        {
            throw new ArgumentException("A list of lists has at least two depths, each with offsets and nulls.", nameof(offsets));
        }

        _offsets = offsets;
        _nulls = nulls;
        _values = values;
        _unexpectedNull = unexpectedNull;
    }

    /// <summary>How many lists deep the values lie.</summary>
    public int Depth => _offsets.Length;

    /// <summary>List <paramref name="entry"/> of depth <paramref name="depth"/> as an array whose elements <paramref name="element"/> builds from the next depth's entries.</summary>
    /// <typeparam name="TElement">The element type.</typeparam>
    /// <param name="depth">From 1 (the elements of the rows' lists) to <see cref="Depth"/> - 2.</param>
    /// <param name="entry">The list's index in its depth.</param>
    /// <param name="nullable">Whether the member holds null here; if not, a null list is an error naming the row.</param>
    /// <param name="element">Builds one element from this and its entry in the next depth.</param>
    /// <returns>The list, or null.</returns>
    public TElement[]? Array<TElement>(int depth, int entry, bool nullable, Func<NestedLists<T>, int, TElement> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (IsNull(depth, entry, nullable))
        {
            return null;
        }

        int first = _offsets[depth][entry];
        var list = new TElement[_offsets[depth][entry + 1] - first];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = element(this, first + i);
        }

        return list;
    }

    /// <summary>As <see cref="Array{TElement}"/>, into a <see cref="List{T}"/>.</summary>
    /// <typeparam name="TElement">The element type.</typeparam>
    /// <param name="depth">From 1 to <see cref="Depth"/> - 2.</param>
    /// <param name="entry">The list's index in its depth.</param>
    /// <param name="nullable">Whether the member holds null here.</param>
    /// <param name="element">Builds one element from this and its entry in the next depth.</param>
    /// <returns>The list, or null.</returns>
    public List<TElement>? List<TElement>(int depth, int entry, bool nullable, Func<NestedLists<T>, int, TElement> element) =>
        Array(depth, entry, nullable, element) is { } array ? [.. array] : null;

    /// <summary>List <paramref name="entry"/> of the innermost depth: a copy of its values.</summary>
    /// <param name="entry">The list's index in the innermost depth.</param>
    /// <param name="nullable">Whether the member holds null here.</param>
    /// <returns>The values, or null.</returns>
    public T[]? Values(int entry, bool nullable)
    {
        int depth = Depth - 1;
        if (IsNull(depth, entry, nullable))
        {
            return null;
        }

        int first = _offsets[depth][entry];
        return _values.AsSpan(first, _offsets[depth][entry + 1] - first).ToArray();
    }

    /// <summary>As <see cref="Values"/>, into a <see cref="List{T}"/>.</summary>
    /// <param name="entry">The list's index in the innermost depth.</param>
    /// <param name="nullable">Whether the member holds null here.</param>
    /// <returns>The values, or null.</returns>
    public List<T>? ValueList(int entry, bool nullable) => Values(entry, nullable) is { } values ? [.. values] : null;

    private bool IsNull(int depth, int entry, bool nullable)
    {
        if (depth < 1 || depth >= Depth)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"Inner lists lie at depths 1 to {Depth - 1}.");
        }

        if (!_nulls[depth][entry])
        {
            return false;
        }

        return nullable ? true : throw _unexpectedNull(RowOf(depth, entry), $"holds a null list {depth} deep");
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the batch's rows: each row's list of elements that
    /// <paramref name="element"/> builds from the entries of depth 1, or a null list where the member holds one.
    /// </summary>
    /// <typeparam name="TElement">The element type of the member's outermost list.</typeparam>
    /// <param name="destination">The store's list column, cleared first.</param>
    /// <param name="nullable">Whether the member holds a null list; if not, a null one is an error naming the row.</param>
    /// <param name="element">Builds one element from this and its entry in depth 1.</param>
    public void FillRows<TElement>(ListBuffer<TElement> destination, bool nullable, Func<NestedLists<T>, int, TElement> element)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(element);
        int[] rows = _offsets[0];
        destination.Clear();
        for (int row = 0; row < rows.Length - 1; row++)
        {
            if (_nulls[0][row])
            {
                if (!nullable)
                {
                    throw _unexpectedNull(row, "is a null list");
                }

                destination.AppendNull();
                continue;
            }

            Span<TElement> list = destination.AppendList(rows[row + 1] - rows[row]);
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = element(this, rows[row] + i);
            }
        }
    }

    /// <summary>The row an entry lies in: up depth by depth, each time to the last list starting at or before it (empty lists before it start there too).</summary>
    private int RowOf(int depth, int entry)
    {
        for (int d = depth - 1; d >= 0; d--)
        {
            entry = ListOffsets.Owner(_offsets[d], entry);
        }

        return entry;
    }
}
