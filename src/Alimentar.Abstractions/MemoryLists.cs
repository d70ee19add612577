using System.Runtime.InteropServices;

namespace Alimentar;

/// <summary>
/// <see cref="ReadOnlyMemory{T}"/> and <see cref="Memory{T}"/> members read and written as lists: the array a reader
/// builds is wrapped without a copy, and a writer takes the array a memory covers, copying only a memory that covers
/// part of one. A default memory is an empty list, not a null one: only a nullable member (<c>ReadOnlyMemory&lt;T&gt;?</c>)
/// holds a null list (and a null array converted to a memory is an empty one, so null is kept apart by the type, not
/// the array). This type supports generated code and is not meant to be used directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class MemoryLists
{
    /// <summary>A nullable <see cref="ReadOnlyMemory{T}"/> member's list: the array wrapped, or null for a null list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The list, or null.</returns>
    public static ReadOnlyMemory<T>? NullableReadOnly<T>(T[]? array) => array is null ? default(ReadOnlyMemory<T>?) : new ReadOnlyMemory<T>(array);

    /// <summary>A nullable <see cref="Memory{T}"/> member's list: the array wrapped, or null for a null list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The list, or null.</returns>
    public static Memory<T>? Nullable<T>(T[]? array) => array is null ? default(Memory<T>?) : new Memory<T>(array);

    /// <summary>The elements of <paramref name="list"/> as an array: the one it covers, or a copy of the part it covers.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The member's list.</param>
    /// <returns>The array.</returns>
    public static T[] AsArray<T>(ReadOnlyMemory<T> list) =>
        MemoryMarshal.TryGetArray(list, out ArraySegment<T> segment) && segment is { Array: { } array, Offset: 0 } && segment.Count == array.Length
            ? array
            : list.ToArray();

    /// <summary>As <see cref="AsArray{T}(ReadOnlyMemory{T})"/>, for a <see cref="Memory{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The member's list.</param>
    /// <returns>The array.</returns>
    public static T[] AsArray<T>(Memory<T> list) => AsArray((ReadOnlyMemory<T>)list);

    /// <summary>The elements of a nullable member's list as an array, or null for a null list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The member's list, or null.</param>
    /// <returns>The array, or null.</returns>
    public static T[]? AsArray<T>(ReadOnlyMemory<T>? list) => list is { } value ? AsArray(value) : null;

    /// <summary>As <see cref="AsArray{T}(ReadOnlyMemory{T}?)"/>, for a nullable <see cref="Memory{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The member's list, or null.</param>
    /// <returns>The array, or null.</returns>
    public static T[]? AsArray<T>(Memory<T>? list) => list is { } value ? AsArray((ReadOnlyMemory<T>)value) : null;
}
