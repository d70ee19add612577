using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Alimentar;

/// <summary>
/// List and map members of the immutable, frozen, sorted and read-only collection types, built from the array or
/// dictionary a reader fills; a null list or map stays null. Written, each is walked as the sequence it enumerates
/// (a set and a sorted or frozen dictionary in their own order). This type supports generated code and is not meant
/// to be used directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class MemberCollections
{
    /// <summary>An <see cref="ImmutableList{T}"/> (or <see cref="IImmutableList{T}"/>) member's list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The list, or null.</returns>
    [return: NotNullIfNotNull(nameof(array))]
    public static ImmutableList<T>? ImmutableList<T>(T[]? array) => array is null ? null : System.Collections.Immutable.ImmutableList.Create(array);

    /// <summary>An <see cref="ImmutableHashSet{T}"/> (or <see cref="IImmutableSet{T}"/>) member's set: a value met twice is kept once.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The set, or null.</returns>
    [return: NotNullIfNotNull(nameof(array))]
    public static ImmutableHashSet<T>? ImmutableHashSet<T>(T[]? array) => array is null ? null : System.Collections.Immutable.ImmutableHashSet.Create(array);

    /// <summary>A <see cref="FrozenSet{T}"/> member's set: a value met twice is kept once.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The set, or null.</returns>
    [return: NotNullIfNotNull(nameof(array))]
    public static FrozenSet<T>? FrozenSet<T>(T[]? array) => array?.ToFrozenSet();

    /// <summary>
    /// A <see cref="SortedSet{T}"/> member's set, in the elements' default order, strings in ordinal order: a value met
    /// twice is kept once.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The set, or null.</returns>
    [return: NotNullIfNotNull(nameof(array))]
    public static SortedSet<T>? SortedSet<T>(T[]? array) => array is null ? null : new SortedSet<T>(array, OrdinalFor<T>());

    /// <summary>A <see cref="ReadOnlyCollection{T}"/> member's list: the array read, wrapped without a copy.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The list, or null.</returns>
    [return: NotNullIfNotNull(nameof(array))]
    public static ReadOnlyCollection<T>? ReadOnlyCollection<T>(T[]? array) => array is null ? null : new ReadOnlyCollection<T>(array);

    /// <summary>An <see cref="ImmutableDictionary{TKey, TValue}"/> (or <see cref="IImmutableDictionary{TKey, TValue}"/>) member's map.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="map">The map as read, or null.</param>
    /// <returns>The map, or null.</returns>
    [return: NotNullIfNotNull(nameof(map))]
    public static ImmutableDictionary<TKey, TValue>? ImmutableDictionary<TKey, TValue>(Dictionary<TKey, TValue>? map)
        where TKey : notnull => map?.ToImmutableDictionary();

    /// <summary>A <see cref="FrozenDictionary{TKey, TValue}"/> member's map.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="map">The map as read, or null.</param>
    /// <returns>The map, or null.</returns>
    [return: NotNullIfNotNull(nameof(map))]
    public static FrozenDictionary<TKey, TValue>? FrozenDictionary<TKey, TValue>(Dictionary<TKey, TValue>? map)
        where TKey : notnull => map?.ToFrozenDictionary();

    /// <summary>A <see cref="SortedDictionary{TKey, TValue}"/> member's map, in the keys' default order, strings in ordinal order.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="map">The map as read, or null.</param>
    /// <returns>The map, or null.</returns>
    [return: NotNullIfNotNull(nameof(map))]
    public static SortedDictionary<TKey, TValue>? SortedDictionary<TKey, TValue>(Dictionary<TKey, TValue>? map)
        where TKey : notnull => map is null ? null : new SortedDictionary<TKey, TValue>(map, OrdinalFor<TKey>());

    /// <summary>
    /// The ordinal comparer for strings, the default (null) for every other type. The default string comparer follows the
    /// machine's culture, which takes distinct strings for equal (<c>"coop"</c> and <c>"co\u00ADop"</c>, with a soft
    /// hyphen): a sorted set would drop one of them and a sorted dictionary refuse a map the file holds, and the order
    /// would change from machine to machine. Parquet orders strings by their bytes, which is the ordinal order.
    /// </summary>
    private static IComparer<T>? OrdinalFor<T>() => typeof(T) == typeof(string) ? (IComparer<T>)(object)StringComparer.Ordinal : null;

    /// <summary>A <see cref="ReadOnlyDictionary{TKey, TValue}"/> member's map: the dictionary read, wrapped without a copy.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="map">The map as read, or null.</param>
    /// <returns>The map, or null.</returns>
    [return: NotNullIfNotNull(nameof(map))]
    public static ReadOnlyDictionary<TKey, TValue>? ReadOnlyDictionary<TKey, TValue>(Dictionary<TKey, TValue>? map)
        where TKey : notnull => map is null ? null : new ReadOnlyDictionary<TKey, TValue>(map);
}
