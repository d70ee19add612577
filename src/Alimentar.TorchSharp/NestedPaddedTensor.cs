using TorchSharp;

namespace Alimentar;

/// <summary>
/// A list-of-lists column as a [rows, lists, width] tensor: each row's inner lists padded to one width, and the rows'
/// lists padded to one count, with how many lists each row kept and each kept list's length, for a model that masks
/// both (boxes per image, turns per conversation). Disposing it disposes the three tensors.
/// </summary>
/// <param name="Values">The inner lists, cut to the width and padded; lists past a row's last are all padding.</param>
/// <param name="Counts">A [rows] int64 tensor: the inner lists each row kept (0 for a null list).</param>
/// <param name="Lengths">A [rows, lists] int64 tensor: each kept inner list's length as kept, 0 for a null one and for padding.</param>
public sealed record NestedPaddedTensor(torch.Tensor Values, torch.Tensor Counts, torch.Tensor Lengths) : IDisposable
{
    /// <summary>Disposes the three tensors.</summary>
    public void Dispose()
    {
        Values.Dispose();
        Counts.Dispose();
        Lengths.Dispose();
    }
}
