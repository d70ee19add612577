using System.Collections.Immutable;
using System.Runtime.InteropServices;

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
        Flatten(column, static list => list is null, static list => list ?? []);

    /// <summary>The inner lists of <paramref name="column"/> as a column of their elements, one row per inner list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">A list-of-lists column whose inner lists are <see cref="List{T}"/>s.</param>
    /// <returns><c>column.ValueCount</c> rows: the inner lists, in order.</returns>
    public static ListColumn<T> Flatten<T>(this ListColumn<List<T>> column) =>
        Flatten(column, static list => list is null, static list => CollectionsMarshal.AsSpan(list));

    /// <summary>The inner lists of <paramref name="column"/> as a column of their elements, one row per inner list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">A list-of-lists column whose inner lists are <see cref="ImmutableArray{T}"/>s (a default one is null).</param>
    /// <returns><c>column.ValueCount</c> rows: the inner lists, in order.</returns>
    public static ListColumn<T> Flatten<T>(this ListColumn<ImmutableArray<T>> column) =>
        Flatten(column, static list => list.IsDefault, static list => list.AsSpan());

    /// <summary>The inner lists of <paramref name="column"/> as a column of their elements, one row per inner list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">A list-of-lists column whose inner lists are memories (a default one is empty, never null).</param>
    /// <returns><c>column.ValueCount</c> rows: the inner lists, in order.</returns>
    public static ListColumn<T> Flatten<T>(this ListColumn<ReadOnlyMemory<T>> column) =>
        Flatten(column, static _ => false, static list => list.Span);

    private static ListColumn<T> Flatten<TList, T>(ListColumn<TList> column, Func<TList, bool> isNull, SpanOf<TList, T> spanOf)
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

            offsets[i + 1] = checked(offsets[i] + spanOf(lists[i]).Length);
        }

        var values = new T[offsets[^1]];
        for (int i = 0; i < lists.Length; i++)
        {
            spanOf(lists[i]).CopyTo(values.AsSpan(offsets[i]));
        }

        return new ListColumn<T>(offsets, values, nulls, 0, lists.Length);
    }

    private delegate ReadOnlySpan<T> SpanOf<TList, T>(TList list);
}
