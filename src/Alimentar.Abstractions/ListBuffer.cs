using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar;

/// <summary>
/// The pooled buffers behind a <see cref="ListColumn{T}"/>: a column store's list column, filled row after row
/// by a reader or row by row as a store sets its rows. This type supports generated code and is not meant to be used directly.
/// </summary>
/// <remarks>
/// Rows are filled in order: appending row <c>n</c> requires rows 0 to <c>n - 1</c>, and setting an earlier row
/// drops it and every row after it, so a store refilled from row 0 starts afresh.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class ListBuffer<T>
{
    private readonly ColumnBufferPool _pool;
    private readonly int _capacity;
    private int[] _offsets;
    private bool[] _nulls;
    private T[] _values;
    private bool _anyNull;
    private bool _returned;

    /// <summary>Rents buffers for up to <paramref name="capacity"/> lists.</summary>
    /// <param name="capacity">The most rows the buffer holds.</param>
    /// <param name="pool">Where the buffers are rented from and returned to.</param>
    public ListBuffer(int capacity, ColumnBufferPool pool)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentNullException.ThrowIfNull(pool);
        _pool = pool;
        _capacity = capacity;
        _offsets = pool.Rent<int>(capacity + 1);
        _offsets[0] = 0;
        _nulls = pool.Rent<bool>(capacity);
        _values = pool.Rent<T>(Math.Max(16, capacity));
    }

    /// <summary>The rows filled so far.</summary>
    public int Rows { get; private set; }

    /// <summary>The elements of the rows filled so far.</summary>
    public int ValueCount => _offsets[Rows];

    /// <summary>Drops every row.</summary>
    public void Clear() => Truncate(0);

    /// <summary>Appends a null list as the next row.</summary>
    public void AppendNull()
    {
        CheckRoom();
        _offsets[Rows + 1] = _offsets[Rows];
        _nulls[Rows] = true;
        _anyNull = true;
        Rows++;
    }

    /// <summary>Appends a list of <paramref name="length"/> elements as the next row, to be filled through the span returned.</summary>
    /// <param name="length">The list's length.</param>
    /// <returns>The list's elements, cleared.</returns>
    public Span<T> AppendList(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Span<T> list = AppendSpace(length);
        list.Clear();
        return list;
    }

    /// <summary>Appends <paramref name="list"/> as the next row.</summary>
    /// <param name="list">The elements.</param>
    public void Append(ReadOnlySpan<T> list) =>
        // Copied straight in: clearing the space first, as AppendList must, would write every element twice.
        list.CopyTo(AppendSpace(list.Length));

    /// <summary>The next row's space for <paramref name="length"/> elements, holding whatever the buffer held there before.</summary>
    private Span<T> AppendSpace(int length)
    {
        CheckRoom();
        int first = _offsets[Rows];
        EnsureValues(checked(first + length));
        _offsets[Rows + 1] = first + length;
        _nulls[Rows] = false;
        Rows++;
        return _values.AsSpan(first, length);
    }

    /// <summary>
    /// Makes room for <paramref name="valueCount"/> elements in all, so that a reader that knows a batch's element count
    /// before appending its rows grows the buffer once rather than doubling it, copying, as rows arrive.
    /// </summary>
    /// <param name="valueCount">The elements the filled rows will hold, those already appended included.</param>
    public void Reserve(int valueCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valueCount);
        EnsureValues(valueCount);
    }

    /// <summary>Stores row <paramref name="row"/>'s list, dropping any rows from <paramref name="row"/> on first.</summary>
    /// <param name="row">At most <see cref="Rows"/>.</param>
    /// <param name="list">The list, or null.</param>
    public void Set(int row, IReadOnlyList<T>? list)
    {
        RestartAt(row);
        switch (list)
        {
            case null:
                AppendNull();
                break;
            case T[] array:
                Append(array);
                break;
            case List<T> items:
                Append(CollectionsMarshal.AsSpan(items));
                break;
            default:
                Span<T> target = AppendList(list.Count);
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = list[i];
                }

                break;
        }
    }

    /// <summary>Stores row <paramref name="row"/>'s elements from a collection that is no list (a dictionary's entries), dropping any rows from <paramref name="row"/> on first.</summary>
    /// <param name="row">At most <see cref="Rows"/>.</param>
    /// <param name="items">The elements, or null.</param>
    public void Set(int row, IReadOnlyCollection<T>? items)
    {
        if (items is null or IReadOnlyList<T>)
        {
            Set(row, (IReadOnlyList<T>?)items);
            return;
        }

        RestartAt(row);
        Span<T> target = AppendList(items.Count);
        if (items is ICollection<T> collection)
        {
            // A dictionary copies its entries out itself; enumerating it through the interface boxed an enumerator a row.
            collection.CopyTo(_values, _offsets[row]);
            return;
        }

        int i = 0;
        foreach (T item in items)
        {
            target[i++] = item;
        }
    }

    /// <summary>Stores row <paramref name="row"/>'s list from a span (a row of another list column).</summary>
    /// <param name="row">At most <see cref="Rows"/>.</param>
    /// <param name="list">The elements.</param>
    /// <param name="isNull">True for a null list.</param>
    public void Set(int row, ReadOnlySpan<T> list, bool isNull)
    {
        RestartAt(row);
        if (isNull)
        {
            AppendNull();
        }
        else
        {
            Append(list);
        }
    }

    /// <summary>A view of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>.</summary>
    /// <param name="start">The first row.</param>
    /// <param name="count">How many rows.</param>
    /// <returns>The view.</returns>
    public ListColumn<T> View(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Rows, nameof(count));
        return new ListColumn<T>(_offsets, _values, _anyNull ? _nulls : null, start, count);
    }

    /// <summary>Row <paramref name="row"/>'s list as a new array (empty for a null list).</summary>
    /// <param name="row">A filled row.</param>
    /// <returns>A copy.</returns>
    public T[] ToArray(int row) => Span(row).ToArray();

    /// <summary>Row <paramref name="row"/>'s list as a new <see cref="List{T}"/> (empty for a null list).</summary>
    /// <param name="row">A filled row.</param>
    /// <returns>A copy.</returns>
    public List<T> ToList(int row)
    {
        ReadOnlySpan<T> span = Span(row);
        var list = new List<T>(span.Length);
        list.AddRange(span);
        return list;
    }

    /// <summary>True when row <paramref name="row"/> holds a null list.</summary>
    /// <param name="row">A filled row.</param>
    /// <returns>Whether the list is null.</returns>
    public bool IsNull(int row)
    {
        CheckFilled(row);
        return _nulls[row];
    }

    /// <summary>The bytes of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>: offsets, elements, and the characters or bytes of string and binary elements.</summary>
    /// <param name="start">The first row.</param>
    /// <param name="count">How many rows.</param>
    /// <returns>A byte count for memory tracking.</returns>
    public long SizeInBytes(int start, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        int first = _offsets[start];
        int end = _offsets[start + count];
        long bytes = (long)count * (sizeof(int) + sizeof(bool)) + (long)(end - first) * Unsafe.SizeOf<T>();
        // Only reference elements can be strings or arrays: matching a struct's elements (a map's entries) against
        // those types boxed each one where the JIT had not optimised the match away.
        if (!typeof(T).IsValueType)
        {
            foreach (T element in _values.AsSpan(first, end - first))
            {
                bytes += element switch
                {
                    string text => text.Length * sizeof(char),
                    byte[] binary => binary.Length,
                    Array array => (long)array.Length * 8,
                    _ => 0,
                };
            }
        }

        return bytes;
    }

    /// <summary>Returns the buffers to the pool; called once, when the store lets go of them.</summary>
    public void Return()
    {
        if (_returned)
        {
            return;
        }

        _returned = true;
        _pool.Return(_offsets);
        _pool.Return(_nulls);
        _pool.Return(_values);
    }

    private ReadOnlySpan<T> Span(int row)
    {
        CheckFilled(row);
        int first = _offsets[row];
        return _values.AsSpan(first, _offsets[row + 1] - first);
    }

    /// <summary>Makes <paramref name="row"/> the next row to append, dropping it and any after it.</summary>
    private void RestartAt(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        if (row > Rows)
        {
            throw new InvalidOperationException($"List rows are stored in order: row {row} was set before row {Rows}.");
        }

        Truncate(row);
    }

    private void Truncate(int rows)
    {
        Rows = rows;
        if (rows == 0)
        {
            _anyNull = false;
        }
    }

    private void CheckRoom()
    {
        if (Rows == _capacity)
        {
            throw new InvalidOperationException($"A list column created for {_capacity} rows cannot take another.");
        }
    }

    private void CheckFilled(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"The list column holds {Rows} rows.");
        }
    }

    private void EnsureValues(int length)
    {
        if (_values.Length >= length)
        {
            return;
        }

        T[] grown = _pool.Rent<T>(Math.Max(length, _values.Length * 2));
        _values.AsSpan(0, _offsets[Rows]).CopyTo(grown);
        _pool.Return(_values);
        _values = grown;
    }
}
