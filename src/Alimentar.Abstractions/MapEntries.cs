namespace Alimentar;

/// <summary>
/// A map column's rows as dictionaries. A map member (<c>Dictionary&lt;K, V&gt;</c>, <c>IReadOnlyDictionary&lt;K, V&gt;</c>)
/// is held like a list of its entries, so its batch accessor is a <see cref="ListColumn{T}"/> of
/// <see cref="KeyValuePair{TKey, TValue}"/>; these build one row's dictionary from it.
/// </summary>
public static class MapEntries
{
    /// <summary>Row <paramref name="row"/>'s entries as a new dictionary, or null for a null map.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="column">A map column of a batch.</param>
    /// <param name="row">From 0 to the column's count - 1.</param>
    /// <returns>The dictionary, or null.</returns>
    /// <exception cref="ArgumentException">A key occurs twice (a file read by Alimentar is checked for that when it is read).</exception>
    public static Dictionary<TKey, TValue>? ToDictionary<TKey, TValue>(ListColumn<KeyValuePair<TKey, TValue>> column, int row)
        where TKey : notnull => column.IsNull(row) ? null : Build(column[row]);

    /// <summary>Row <paramref name="row"/>'s entries as a new dictionary (empty for a null map): what generated code builds a map member with.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="buffer">A store's map column.</param>
    /// <param name="row">A filled row.</param>
    /// <returns>The dictionary.</returns>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static Dictionary<TKey, TValue> ToDictionary<TKey, TValue>(ListBuffer<KeyValuePair<TKey, TValue>> buffer, int row)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return Build(buffer.View(row, 1)[0]);
    }

    private static Dictionary<TKey, TValue> Build<TKey, TValue>(ReadOnlySpan<KeyValuePair<TKey, TValue>> entries)
        where TKey : notnull
    {
        var dictionary = new Dictionary<TKey, TValue>(entries.Length);
        foreach (KeyValuePair<TKey, TValue> entry in entries)
        {
            dictionary.Add(entry.Key, entry.Value);
        }

        return dictionary;
    }
}
