using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Alimentar;

/// <summary>
/// <see cref="ImmutableArray{T}"/> members read and written as lists: the array a reader builds is wrapped without a
/// copy, and a writer walks the array an immutable array wraps. A default <see cref="ImmutableArray{T}"/> holds no
/// array at all, so it is taken for a null list (written as one where the column allows it, refused where it does not).
/// This type supports generated code and is not meant to be used directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ImmutableLists
{
    /// <summary>A nullable member's list: the array wrapped, or null for a null list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The list, or null.</returns>
    public static ImmutableArray<T>? Nullable<T>(T[]? array) => array is null ? null : ImmutableCollectionsMarshal.AsImmutableArray(array);

    /// <summary>The array <paramref name="list"/> wraps; null for a default one.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The member's list.</param>
    /// <returns>The array, not copied.</returns>
    public static T[]? AsArray<T>(ImmutableArray<T> list) => ImmutableCollectionsMarshal.AsArray(list);

    /// <summary>The array a nullable member's list wraps; null for a null or default one.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The member's list, or null.</param>
    /// <returns>The array, not copied, or null.</returns>
    public static T[]? AsArray<T>(ImmutableArray<T>? list) => list is { } value ? ImmutableCollectionsMarshal.AsArray(value) : null;
}
