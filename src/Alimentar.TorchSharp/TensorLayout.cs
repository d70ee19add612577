using System.Numerics;

namespace Alimentar.Torch;

/// <summary>
/// How batch columns are laid out in tensor memory, written straight into the tensor's own buffer: the only copy
/// between the batch's arrays and the tensor. Kept apart from libtorch so the layout is tested without it.
/// </summary>
internal static class TensorLayout
{
    /// <summary>A nullable column's values, with <paramref name="missing"/> where a value is null.</summary>
    public static void FillMissing<T>(ReadOnlySpan<T?> source, T missing, Span<T> target)
        where T : struct
    {
        for (int row = 0; row < source.Length; row++)
        {
            target[row] = source[row] ?? missing;
        }
    }

    /// <summary>Writes a numeric column as feature <paramref name="feature"/> of a row-major [rows, features] float matrix.</summary>
    public static void WriteFeature<T>(ReadOnlySpan<T> column, Span<float> matrix, int features, int feature)
        where T : INumberBase<T>
    {
        for (int row = 0, at = feature; row < column.Length; row++, at += features)
        {
            matrix[at] = float.CreateSaturating(column[row]);
        }
    }

    /// <summary>Writes a bool column as feature <paramref name="feature"/>: 1 for true, 0 for false.</summary>
    public static void WriteFeature(ReadOnlySpan<bool> column, Span<float> matrix, int features, int feature)
    {
        for (int row = 0, at = feature; row < column.Length; row++, at += features)
        {
            matrix[at] = column[row] ? 1f : 0f;
        }
    }

    /// <summary>The one length every list of the column has; a null list, or one of another length, is an error naming its row.</summary>
    public static int FixedLength<T>(ListColumn<T> lists)
    {
        int length = lists.Count == 0 ? 0 : lists.LengthOf(0);
        for (int row = 0; row < lists.Count; row++)
        {
            if (lists.IsNull(row))
            {
                throw new InvalidOperationException($"Row {row} of the list column is null; a [rows, length] tensor needs a list in every row. Use ToPaddedTensor for missing or ragged lists.");
            }

            if (lists.LengthOf(row) != length)
            {
                throw new InvalidOperationException($"Row {row} of the list column holds {lists.LengthOf(row)} elements where row 0 holds {length}; a [rows, length] tensor needs lists of one length. Use ToPaddedTensor or ToPackedSequence for ragged lists.");
            }
        }

        return length;
    }

    /// <summary>
    /// Writes each row's list into a row of <paramref name="width"/> elements, cut to the width and filled with
    /// <paramref name="padding"/> past its end, and its kept length into <paramref name="lengths"/> (0 for a null list).
    /// </summary>
    public static void Pad<T>(ListColumn<T> lists, int width, T padding, Span<T> target, Span<long> lengths)
    {
        for (int row = 0; row < lists.Count; row++)
        {
            ReadOnlySpan<T> list = lists[row];
            int kept = Math.Min(list.Length, width);
            Span<T> line = target.Slice(row * width, width);
            list[..kept].CopyTo(line);
            line[kept..].Fill(padding);
            lengths[row] = kept;
        }
    }

    /// <summary>
    /// The extent a list-of-lists column pads to: the most inner lists a row holds, or <paramref name="maxLists"/>, and
    /// the longest inner list among those kept, or <paramref name="maxLength"/>.
    /// </summary>
    public static (int Lists, int Width) NestedExtent<TInner, T>(ListColumn<TInner> lists, Func<TInner, ReadOnlySpan<T>> inner, int? maxLists, int? maxLength)
    {
        int most = maxLists ?? lists.MaxLength;
        if (maxLength is { } width)
        {
            return (most, width);
        }

        int longest = 0;
        for (int row = 0; row < lists.Count; row++)
        {
            ReadOnlySpan<TInner> entries = lists[row];
            for (int entry = 0; entry < Math.Min(entries.Length, most); entry++)
            {
                longest = Math.Max(longest, inner(entries[entry]).Length);
            }
        }

        return (most, longest);
    }

    /// <summary>
    /// Writes each row's inner lists into a [<paramref name="listsWidth"/>, <paramref name="width"/>] block, each cut to
    /// the width and padded with <paramref name="padding"/>, and the lists past the row's own padded whole; records how
    /// many inner lists each row kept in <paramref name="counts"/> and each kept list's length in <paramref name="lengths"/>
    /// ([rows, lists], 0 for a null list and for padding).
    /// </summary>
    public static void PadNested<TInner, T>(
        ListColumn<TInner> lists, Func<TInner, ReadOnlySpan<T>> inner, int listsWidth, int width, T padding, Span<T> target, Span<long> counts, Span<long> lengths)
    {
        for (int row = 0; row < lists.Count; row++)
        {
            ReadOnlySpan<TInner> entries = lists[row];
            int keptLists = Math.Min(entries.Length, listsWidth);
            counts[row] = keptLists;
            for (int entry = 0; entry < listsWidth; entry++)
            {
                Span<T> line = target.Slice(((row * listsWidth) + entry) * width, width);
                ReadOnlySpan<T> list = entry < keptLists ? inner(entries[entry]) : [];
                int kept = Math.Min(list.Length, width);
                list[..kept].CopyTo(line);
                line[kept..].Fill(padding);
                lengths[(row * listsWidth) + entry] = kept;
            }
        }
    }
}
