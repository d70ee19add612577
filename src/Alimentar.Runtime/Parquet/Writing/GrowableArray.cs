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

    private void Grow()
    {
        T[] grown = ColumnArrays<T>.Pool.Rent(Math.Max(1024, _items.Length * 2));
        _items.AsSpan(0, Count).CopyTo(grown);
        ColumnArrays<T>.Pool.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _items = grown;
    }
}
