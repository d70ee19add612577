using TorchSharp;

namespace Alimentar;

/// <summary>
/// A ragged list column as a [rows, width] tensor padded past each list's end, with each row's length: what a
/// masked model or <c>pack_padded_sequence</c> takes. Disposing it disposes both tensors.
/// </summary>
/// <param name="Values">The lists, one per row, cut to the width and padded.</param>
/// <param name="Lengths">A [rows] int64 tensor: each row's length as kept (0 for a null list).</param>
public sealed record PaddedTensor(torch.Tensor Values, torch.Tensor Lengths) : IDisposable
{
    /// <summary>Disposes both tensors.</summary>
    public void Dispose()
    {
        Values.Dispose();
        Lengths.Dispose();
    }
}
