using System.Runtime.CompilerServices;

namespace Alimentar.Parquet.Writing;

/// <summary>A list on pooled arrays, cleared and refilled page after page without allocating.</summary>
internal sealed class GrowableArray<T> : IDisposable
{
    private T[] _items = ColumnArrays<T>.Pool.Rent(1024);

    public int Count { get; private set; }

    public ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[Count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        EnsureRoomFor(items.Length);
        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    /// <summary>Adds <paramref name="count"/> items the caller writes into the span returned.</summary>
    public Span<T> AddUninitialized(int count)
    {
        EnsureRoomFor(count);
        Span<T> added = _items.AsSpan(Count, count);
        Count += count;
        return added;
    }

    public void AddRepeated(T item, int count)
    {
        EnsureRoomFor(count);
        _items.AsSpan(Count, count).Fill(item);
        Count += count;
    }

    /// <summary>A reference to item <paramref name="index"/>, which must be below <see cref="Count"/>.</summary>
    public ref T ItemRef(int index) => ref _items[index];

    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_items, 0, Count);
        }

        Count = 0;
    }

    public void Dispose()
    {
        Clear();
        if (_items.Length > 0)
        {
            ColumnArrays<T>.Pool.Return(_items);
            _items = [];
        }
    }

    private void EnsureRoomFor(int count)
    {
        while (_items.Length - Count < count)
        {
            Grow();
        }
    }

    private void Grow()
    {
        T[] grown = ColumnArrays<T>.Pool.Rent(Math.Max(1024, _items.Length * 2));
        _items.AsSpan(0, Count).CopyTo(grown);
        ColumnArrays<T>.Pool.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _items = grown;
    }
}
