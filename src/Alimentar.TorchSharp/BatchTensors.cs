using Alimentar.Torch;
using TorchSharp;

namespace Alimentar;

/// <summary>
/// Tensors from a batch's columns, each copied once, straight from the batch's arrays into the tensor's memory, with
/// no reflection: a column as a 1-D tensor, fixed-length lists as [rows, length], ragged lists padded with their
/// lengths or as a packed sequence, lists of lists padded to [rows, lists, width]. Collate several columns with <see cref="FeatureMatrix"/>.
/// </summary>
/// <remarks>
/// The tensors own their memory. They do not alias the batch's pooled arrays, which go back to the pool when the
/// batch is disposed while libtorch may still hold the tensor (in an autograd graph, say); one copy per column is
/// the price of that safety.
/// </remarks>
/// <example>
/// <code>
/// foreach (Batch&lt;Document&gt; batch in streaming)
/// {
///     using (batch)
///     using (torch.Tensor labels = batch.Label.ToTensor())                       // [rows]
///     using (PaddedTensor tokens = batch.Tokens.ToPaddedTensor(padding: 0))      // [rows, longest], lengths [rows]
///     {
///         // ... model step
///     }
/// }
/// </code>
/// </example>
public static class BatchTensors
{
    /// <summary>The column as a 1-D tensor of its own element type.</summary>
    /// <typeparam name="T">float, double, int, long, short, sbyte, byte, bool or Half.</typeparam>
    /// <param name="column">The column, one value per row.</param>
    /// <param name="device">Where the tensor should live (the CPU by default).</param>
    /// <returns>A [rows] tensor.</returns>
    public static torch.Tensor ToTensor<T>(this ReadOnlySpan<T> column, torch.Device? device = null)
        where T : unmanaged
    {
        torch.Tensor tensor = TensorMemory.Allocate([column.Length], out Span<T> memory);
        column.CopyTo(memory);
        return TensorMemory.MoveTo(tensor, device);
    }

    /// <summary>A nullable column as a 1-D tensor, with <paramref name="missing"/> where a value is null.</summary>
    /// <typeparam name="T">float, double, int, long, short, sbyte, byte, bool or Half.</typeparam>
    /// <param name="column">The column, one value per row.</param>
    /// <param name="missing">What a null becomes.</param>
    /// <param name="device">Where the tensor should live (the CPU by default).</param>
    /// <returns>A [rows] tensor.</returns>
    public static torch.Tensor ToTensor<T>(this ReadOnlySpan<T?> column, T missing, torch.Device? device = null)
        where T : unmanaged
    {
        torch.Tensor tensor = TensorMemory.Allocate([column.Length], out Span<T> memory);
        TensorLayout.FillMissing(column, missing, memory);
        return TensorMemory.MoveTo(tensor, device);
    }

    /// <summary>A list column whose lists all have one length (embeddings, fixed windows) as a [rows, length] tensor.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="lists">The column.</param>
    /// <param name="device">Where the tensor should live (the CPU by default).</param>
    /// <returns>A [rows, length] tensor.</returns>
    /// <exception cref="InvalidOperationException">A list is null or of another length; the message names its row.</exception>
    public static torch.Tensor ToTensor<T>(this ListColumn<T> lists, torch.Device? device = null)
        where T : unmanaged
    {
        int length = TensorLayout.FixedLength(lists);
        torch.Tensor tensor = TensorMemory.Allocate([lists.Count, length], out Span<T> memory);

        // Lists of one length with no null among them lie end to end: one block copy.
        lists.Values.CopyTo(memory);
        return TensorMemory.MoveTo(tensor, device);
    }

    /// <summary>
    /// A ragged list column (token ids, say) as a [rows, width] tensor padded with <paramref name="padding"/>, where the
    /// width is the longest list's length or <paramref name="maxLength"/> (longer lists are cut), with each row's length.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="lists">The column.</param>
    /// <param name="padding">The value past each list's end.</param>
    /// <param name="maxLength">The width; null for the longest list's length.</param>
    /// <param name="device">Where the tensors should live (the CPU by default).</param>
    /// <returns>The padded values and the lengths.</returns>
    public static PaddedTensor ToPaddedTensor<T>(this ListColumn<T> lists, T padding, int? maxLength = null, torch.Device? device = null)
        where T : unmanaged
    {
        if (maxLength is { } most)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(most, nameof(maxLength));
        }

        int width = maxLength ?? lists.MaxLength;
        torch.Tensor values = TensorMemory.Allocate([lists.Count, width], out Span<T> memory);
        torch.Tensor lengths;
        try
        {
            lengths = TensorMemory.Allocate([lists.Count], out Span<long> counts);
            TensorLayout.Pad(lists, width, padding, memory, counts);
        }
        catch
        {
            values.Dispose();
            throw;
        }

        return new PaddedTensor(TensorMemory.MoveTo(values, device), TensorMemory.MoveTo(lengths, device));
    }

    /// <summary>
    /// A list-of-lists column (boxes per image, token ids per turn) as a [rows, lists, width] tensor: each row's inner
    /// lists, up to the most any row holds or <paramref name="maxLists"/>, each padded with <paramref name="padding"/>
    /// to the longest kept or <paramref name="maxLength"/> (longer ones cut), with how many lists each row kept and
    /// each kept list's length. A null list, inner or outer, pads as an empty one.
    /// </summary>
    /// <typeparam name="T">The innermost element type.</typeparam>
    /// <param name="lists">The column (an <c>int[][]</c> member's, say).</param>
    /// <param name="padding">The value past each inner list's end, and of the lists past a row's last.</param>
    /// <param name="maxLists">The inner lists kept per row; null for the most any row holds.</param>
    /// <param name="maxLength">The width; null for the longest inner list kept.</param>
    /// <param name="device">Where the tensors should live (the CPU by default).</param>
    /// <returns>The padded values, the counts and the lengths.</returns>
    public static NestedPaddedTensor ToPaddedTensor<T>(this ListColumn<T[]> lists, T padding, int? maxLists = null, int? maxLength = null, torch.Device? device = null)
        where T : unmanaged =>
        PadNested(lists, static list => list, padding, maxLists, maxLength, device);

    /// <summary>As <see cref="ToPaddedTensor{T}(ListColumn{T[]}, T, int?, int?, torch.Device?)"/>, for a column whose inner lists are <see cref="List{T}"/>s.</summary>
    /// <typeparam name="T">The innermost element type.</typeparam>
    /// <param name="lists">The column (a <c>List&lt;List&lt;int&gt;&gt;</c> member's, say).</param>
    /// <param name="padding">The value past each inner list's end.</param>
    /// <param name="maxLists">The inner lists kept per row; null for the most any row holds.</param>
    /// <param name="maxLength">The width; null for the longest inner list kept.</param>
    /// <param name="device">Where the tensors should live (the CPU by default).</param>
    /// <returns>The padded values, the counts and the lengths.</returns>
    public static NestedPaddedTensor ToPaddedTensor<T>(this ListColumn<List<T>> lists, T padding, int? maxLists = null, int? maxLength = null, torch.Device? device = null)
        where T : unmanaged =>
        PadNested(lists, static list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), padding, maxLists, maxLength, device);

    /// <summary>As <see cref="ToPaddedTensor{T}(ListColumn{T[]}, T, int?, int?, torch.Device?)"/>, for a column whose inner lists are <see cref="System.Collections.Immutable.ImmutableArray{T}"/>s (a default one pads as empty).</summary>
    /// <typeparam name="T">The innermost element type.</typeparam>
    /// <param name="lists">The column (an <c>ImmutableArray&lt;ImmutableArray&lt;int&gt;&gt;</c> member's, say).</param>
    /// <param name="padding">The value past each inner list's end.</param>
    /// <param name="maxLists">The inner lists kept per row; null for the most any row holds.</param>
    /// <param name="maxLength">The width; null for the longest inner list kept.</param>
    /// <param name="device">Where the tensors should live (the CPU by default).</param>
    /// <returns>The padded values, the counts and the lengths.</returns>
    public static NestedPaddedTensor ToPaddedTensor<T>(this ListColumn<System.Collections.Immutable.ImmutableArray<T>> lists, T padding, int? maxLists = null, int? maxLength = null, torch.Device? device = null)
        where T : unmanaged =>
        PadNested(lists, static list => list.AsSpan(), padding, maxLists, maxLength, device);

    /// <summary>As <see cref="ToPaddedTensor{T}(ListColumn{T[]}, T, int?, int?, torch.Device?)"/>, for a column whose inner lists are <see cref="ReadOnlyMemory{T}"/>s.</summary>
    /// <typeparam name="T">The innermost element type.</typeparam>
    /// <param name="lists">The column (a <c>ReadOnlyMemory&lt;ReadOnlyMemory&lt;float&gt;&gt;</c> member's, say).</param>
    /// <param name="padding">The value past each inner list's end.</param>
    /// <param name="maxLists">The inner lists kept per row; null for the most any row holds.</param>
    /// <param name="maxLength">The width; null for the longest inner list kept.</param>
    /// <param name="device">Where the tensors should live (the CPU by default).</param>
    /// <returns>The padded values, the counts and the lengths.</returns>
    public static NestedPaddedTensor ToPaddedTensor<T>(this ListColumn<ReadOnlyMemory<T>> lists, T padding, int? maxLists = null, int? maxLength = null, torch.Device? device = null)
        where T : unmanaged =>
        PadNested(lists, static list => list.Span, padding, maxLists, maxLength, device);

    private static NestedPaddedTensor PadNested<TInner, T>(ListColumn<TInner> lists, Func<TInner, ReadOnlySpan<T>> inner, T padding, int? maxLists, int? maxLength, torch.Device? device)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLists ?? 0, nameof(maxLists));
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength ?? 0, nameof(maxLength));
        (int listsWidth, int width) = TensorLayout.NestedExtent(lists, inner, maxLists, maxLength);
        var created = new List<torch.Tensor>(3);
        try
        {
            created.Add(TensorMemory.Allocate([lists.Count, listsWidth, width], out Span<T> memory));
            created.Add(TensorMemory.Allocate([lists.Count], out Span<long> counts));
            created.Add(TensorMemory.Allocate([lists.Count, listsWidth], out Span<long> lengths));
            TensorLayout.PadNested(lists, inner, listsWidth, width, padding, memory, counts, lengths);
        }
        catch
        {
            created.ForEach(tensor => tensor.Dispose());
            throw;
        }

        return new NestedPaddedTensor(TensorMemory.MoveTo(created[0], device), TensorMemory.MoveTo(created[1], device), TensorMemory.MoveTo(created[2], device));
    }

    /// <summary>
    /// A ragged list column as a packed sequence for recurrent layers (rows need not be sorted by length). Every list
    /// must hold at least one element, as torch requires.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="lists">The column.</param>
    /// <param name="device">Where the sequence should live (the CPU by default).</param>
    /// <returns>The packed sequence.</returns>
    /// <exception cref="InvalidOperationException">A list is null or empty; the message names its row.</exception>
    public static torch.nn.utils.rnn.PackedSequence ToPackedSequence<T>(this ListColumn<T> lists, torch.Device? device = null)
        where T : unmanaged
    {
        for (int row = 0; row < lists.Count; row++)
        {
            if (lists.LengthOf(row) == 0)
            {
                throw new InvalidOperationException($"Row {row} of the list column is {(lists.IsNull(row) ? "null" : "empty")}; a packed sequence needs at least one element per row. Use ToPaddedTensor instead.");
            }
        }

        // The values go to the device; torch takes the lengths on the CPU.
        using PaddedTensor padded = lists.ToPaddedTensor(default(T), device: null);
        using torch.Tensor values = TensorMemory.MoveTo(padded.Values.alias(), device);
        return torch.nn.utils.rnn.pack_padded_sequence(values, padded.Lengths, batch_first: true, enforce_sorted: false);
    }
}
