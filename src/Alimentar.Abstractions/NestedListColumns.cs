using System.Collections.Immutable;

namespace Alimentar;

/// <summary>
/// The inner lists of a list-of-lists column, flat too. A list of lists is flat at its outer level: its
/// <see cref="ListColumn{T}"/> holds every row's inner lists one after another, each as its declared type. Flattened,
/// those inner lists become the rows of a <see cref="ListColumn{T}"/> of their elements, so the two levels are laid out
/// as Arrow lays out a list of lists: the outer column's <see cref="ListColumn{T}.Offsets"/> say which inner lists are
/// each row's, the flattened column's which elements are each inner list's. Flatten again for a third level.
/// </summary>
/// <remarks>
/// Copies the elements once into new arrays the caller owns (valid after the batch is disposed): an offsets array, a
/// values array, and a null flag per inner list when an inner list is null. A null or default inner list has no
/// elements; only a null one is flagged.
/// </remarks>
public static class NestedListColumns
{
    /// <summary>The inner arrays of <paramref name="column"/> as a column of their elements, one row per inner array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">A list-of-lists column (a <c>T[][]</c> or <c>List&lt;T[]&gt;</c> member's).</param>
    /// <returns><c>column.ValueCount</c> rows: the inner lists, in order.</returns>
    public static ListColumn<T> Flatten<T>(this ListColumn<T[]> column) =>
        Flatten<T[], T>(column, static list => list is null, static list => list?.Length ?? 0, static (list, target) => list.CopyTo(target));

    /// <summary>The inner lists of <paramref name="column"/> as a column of their elements, one row per inner list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">A list-of-lists column whose inner lists are <see cref="List{T}"/>s.</param>
    /// <returns><c>column.ValueCount</c> rows: the inner lists, in order.</returns>
    public static ListColumn<T> Flatten<T>(this ListColumn<List<T>> column) =>
        Flatten<List<T>, T>(column, static list => list is null, static list => list?.Count ?? 0, static (list, target) => list.CopyTo(target));

    /// <summary>The inner lists of <paramref name="column"/> as a column of their elements, one row per inner list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">A list-of-lists column whose inner lists are declared <see cref="IReadOnlyList{T}"/> (read as arrays).</param>
    /// <returns><c>column.ValueCount</c> rows: the inner lists, in order.</returns>
    public static ListColumn<T> Flatten<T>(this ListColumn<IReadOnlyList<T>> column) =>
        Flatten<IReadOnlyList<T>, T>(column, static list => list is null, static list => list?.Count ?? 0, static (list, target) =>
        {
            if (list is T[] array)
            {
                array.CopyTo(target);
                return;
            }

            for (int i = 0; i < target.Length; i++)
            {
                target[i] = list[i];
            }
        });

    /// <summary>The inner lists of <paramref name="column"/> as a column of their elements, one row per inner list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">A list-of-lists column whose inner lists are <see cref="ImmutableArray{T}"/>s (a default one is null).</param>
    /// <returns><c>column.ValueCount</c> rows: the inner lists, in order.</returns>
    public static ListColumn<T> Flatten<T>(this ListColumn<ImmutableArray<T>> column) =>
        Flatten<ImmutableArray<T>, T>(column, static list => list.IsDefault, static list => list.IsDefault ? 0 : list.Length, static (list, target) => list.AsSpan().CopyTo(target));

    /// <summary>The inner lists of <paramref name="column"/> as a column of their elements, one row per inner list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">A list-of-lists column whose inner lists are memories (a default one is empty, never null).</param>
    /// <returns><c>column.ValueCount</c> rows: the inner lists, in order.</returns>
    public static ListColumn<T> Flatten<T>(this ListColumn<ReadOnlyMemory<T>> column) =>
        Flatten<ReadOnlyMemory<T>, T>(column, static _ => false, static list => list.Length, static (list, target) => list.Span.CopyTo(target));

    private static ListColumn<T> Flatten<TList, T>(ListColumn<TList> column, Func<TList, bool> isNull, Func<TList, int> length, CopyTo<TList, T> copy)
    {
        ReadOnlySpan<TList> lists = column.Values;
        var offsets = new int[lists.Length + 1];
        bool[]? nulls = null;
        for (int i = 0; i < lists.Length; i++)
        {
            if (isNull(lists[i]))
            {
                nulls ??= new bool[lists.Length];
                nulls[i] = true;
            }

            offsets[i + 1] = checked(offsets[i] + length(lists[i]));
        }

        var values = new T[offsets[^1]];
        for (int i = 0; i < lists.Length; i++)
        {
            if (offsets[i + 1] > offsets[i])
            {
                copy(lists[i], values.AsSpan(offsets[i], offsets[i + 1] - offsets[i]));
            }
        }

        return new ListColumn<T>(offsets, values, nulls, 0, lists.Length);
    }

    /// <summary>Copies one inner list's elements into <paramref name="target"/>, which is exactly as long as the list.</summary>
    private delegate void CopyTo<TList, T>(TList list, Span<T> target);
}
