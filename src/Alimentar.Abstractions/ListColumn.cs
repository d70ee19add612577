using System.Runtime.InteropServices;

namespace Alimentar;

/// <summary>
/// A batch's list column held flat, as Arrow and Parquet readers in other languages hold it: the elements of
/// every row one after another in <see cref="Values"/>, and <see cref="Count"/> + 1 <see cref="Offsets"/>
/// saying where each row's list starts and ends. Token ids go from <see cref="Values"/> straight into a
/// tensor; <c>column[row]</c> is one row's list as a slice, without an array per row.
/// </summary>
/// <remarks>
/// A view of the batch's pooled buffers: valid while the batch is held, like the spans of its other columns.
/// <see cref="Offsets"/> always starts at 0. A null list and an empty list both have no elements; only
/// <see cref="IsNull"/> tells them apart.
/// </remarks>
/// <typeparam name="T">The element type (<c>int</c>, <c>float?</c>, <c>string</c>, <c>byte[]</c>, or an array for a list of lists).</typeparam>
public readonly struct ListColumn<T>
{
    private readonly int[]? _offsets;
    private readonly T[]? _values;
    private readonly bool[]? _nulls;
    private readonly int _start;

    /// <summary>Views rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of flat list buffers.</summary>
    /// <param name="offsets">At least <paramref name="start"/> + <paramref name="count"/> + 1 non-decreasing offsets into <paramref name="values"/>.</param>
    /// <param name="values">The elements of every row.</param>
    /// <param name="nulls">True where a row's list is null; null when no list is.</param>
    /// <param name="start">The first row viewed.</param>
    /// <param name="count">How many rows are viewed.</param>
    public ListColumn(int[] offsets, T[] values, bool[]? nulls, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count + 1, offsets.Length, nameof(count));
        if (nulls is not null)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, nulls.Length, nameof(count));
        }

        _offsets = offsets;
        _values = values;
        _nulls = nulls;
        _start = start;
        Count = count;
    }

    /// <summary>The rows (lists) of the column.</summary>
    public int Count { get; }

    /// <summary>
    /// <see cref="Count"/> + 1 offsets into <see cref="Values"/>: row <c>i</c>'s list is
    /// <c>Values[Offsets[i]..Offsets[i + 1]]</c>. Starts at 0. A batch read from a file starts its store, so this
    /// is a view; for a slice that starts inside a store (a resumed or shuffled batch), each read rebases a copy:
    /// hold the span rather than reading the property in a loop.
    /// </summary>
    public ReadOnlySpan<int> Offsets
    {
        get
        {
            if (_offsets is null)
            {
                return [0];
            }

            ReadOnlySpan<int> offsets = _offsets.AsSpan(_start, Count + 1);
            if (offsets[0] == 0)
            {
                return offsets;
            }

            int[] rebased = new int[offsets.Length];
            for (int i = 0; i < rebased.Length; i++)
            {
                rebased[i] = offsets[i] - offsets[0];
            }

            return rebased;
        }
    }

    /// <summary>Every element of every row of the column, contiguous.</summary>
    public ReadOnlySpan<T> Values => _offsets is null ? [] : _values.AsSpan(_offsets[_start], _offsets[_start + Count] - _offsets[_start]);

    /// <summary>The number of elements of every row together.</summary>
    public int ValueCount => _offsets is null ? 0 : _offsets[_start + Count] - _offsets[_start];

    /// <summary>Row <paramref name="row"/>'s list, a slice of <see cref="Values"/>; empty for a null list.</summary>
    /// <param name="row">From 0 to <see cref="Count"/> - 1.</param>
    public ReadOnlySpan<T> this[int row]
    {
        get
        {
            CheckRow(row);
            int first = _offsets![_start + row];
            return _values.AsSpan(first, _offsets[_start + row + 1] - first);
        }
    }

    /// <summary>True when row <paramref name="row"/> holds a null list rather than a list (perhaps empty).</summary>
    /// <param name="row">From 0 to <see cref="Count"/> - 1.</param>
    /// <returns>Whether the list is null.</returns>
    public bool IsNull(int row)
    {
        CheckRow(row);
        return _nulls is not null && _nulls[_start + row];
    }

    /// <summary>The length of row <paramref name="row"/>'s list (0 for a null list).</summary>
    /// <param name="row">From 0 to <see cref="Count"/> - 1.</param>
    /// <returns>The element count.</returns>
    public int LengthOf(int row)
    {
        CheckRow(row);
        return _offsets![_start + row + 1] - _offsets[_start + row];
    }

    /// <summary>The longest list of the column, for padding rows to one length.</summary>
    public int MaxLength
    {
        get
        {
            int longest = 0;
            for (int row = 0; row < Count; row++)
            {
                longest = Math.Max(longest, _offsets![_start + row + 1] - _offsets[_start + row]);
            }

            return longest;
        }
    }

    /// <summary>Row <paramref name="row"/>'s list as a new array, or null for a null list.</summary>
    /// <param name="row">From 0 to <see cref="Count"/> - 1.</param>
    /// <returns>A copy the caller owns.</returns>
    public T[]? ToArray(int row) => IsNull(row) ? null : this[row].ToArray();

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"The column has {Count} rows.");
        }
    }

    /// <summary>The column's rows as arrays (null for a null list): a convenience that allocates one array per row.</summary>
    /// <returns>One array per row.</returns>
    public T[]?[] ToArrays()
    {
        var rows = new T[]?[Count];
        for (int row = 0; row < Count; row++)
        {
            rows[row] = ToArray(row);
        }

        return rows;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Count} lists, {ValueCount} values";
}
