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
}
