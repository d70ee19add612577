using System.Buffers;
using global::Parquet.Schema;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// Lists flattened for writing: the present elements in order, and per slot a definition level (null
/// list, empty list, null element, element) and a repetition level (0 starts a row). Buffers are pooled.
/// </summary>
internal sealed class FlatList<T> : IDisposable
{
    private readonly T[] _values;
    private readonly int[] _definitions;
    private readonly int[] _repetitions;
    private readonly int _valueCount;
    private readonly int _slotCount;

    private FlatList(T[] values, int valueCount, int[] definitions, int[] repetitions, int slotCount)
    {
        _values = values;
        _valueCount = valueCount;
        _definitions = definitions;
        _repetitions = repetitions;
        _slotCount = slotCount;
    }

    /// <summary>Gets an element's value; false when the element is null.</summary>
    public delegate bool TryGet<TElement>(TElement element, out T value);

    public ReadOnlyMemory<T> Values => new(_values, 0, _valueCount);

    public ReadOnlyMemory<int> Definitions => new(_definitions, 0, _slotCount);

    public ReadOnlyMemory<int> Repetitions => new(_repetitions, 0, _slotCount);

    public static FlatList<T> Create<TElement>(ListColumn<TElement> lists, DataField leaf, TryGet<TElement> tryGet)
    {
        int maxLevel = leaf.MaxDefinitionLevel;
        int elementLevel = maxLevel - (leaf.IsNullable ? 1 : 0);
        int slots = 0;
        for (int row = 0; row < lists.Count; row++)
        {
            slots += Math.Max(1, lists.LengthOf(row));
        }

        var flat = new FlatList<T>(ColumnArrays<T>.Pool.Rent(lists.ValueCount), 0, ColumnArrays<int>.Pool.Rent(slots), ColumnArrays<int>.Pool.Rent(slots), slots);
        int slot = 0;
        int value = 0;
        for (int row = 0; row < lists.Count; row++)
        {
            ReadOnlySpan<TElement> list = lists[row];
            if (list.Length == 0)
            {
                flat._definitions[slot] = lists.IsNull(row) ? elementLevel - 2 : elementLevel - 1;
                flat._repetitions[slot++] = 0;
                continue;
            }

            for (int i = 0; i < list.Length; i++)
            {
                bool present = tryGet(list[i], out T element);
                if (present)
                {
                    flat._values[value++] = element;
                }

                flat._definitions[slot] = present ? maxLevel : elementLevel;
                flat._repetitions[slot++] = i == 0 ? 0 : 1;
            }
        }

        return new FlatList<T>(flat._values, value, flat._definitions, flat._repetitions, slots);
    }

    public void Dispose()
    {
        ColumnArrays<T>.Pool.Return(_values, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        ColumnArrays<int>.Pool.Return(_definitions);
        ColumnArrays<int>.Pool.Return(_repetitions);
    }
}
