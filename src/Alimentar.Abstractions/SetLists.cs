namespace Alimentar;

/// <summary>
/// Set members (<see cref="HashSet{T}"/>, <see cref="ISet{T}"/>, <see cref="IReadOnlySet{T}"/>) read from lists: the
/// list's elements into a new <see cref="HashSet{T}"/>, a value met twice kept once; a null list stays null. Written,
/// a set is the list of its elements in the set's order. This type supports generated code and is not meant to be used directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class SetLists
{
    /// <summary>A nullable member's set: the list's elements, or null for a null list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The list as read, or null.</param>
    /// <returns>The set, or null.</returns>
    public static HashSet<T>? Nullable<T>(T[]? array) => array is null ? null : new HashSet<T>(array);
}
