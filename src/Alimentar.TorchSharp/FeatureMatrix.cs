using System.Numerics;
using Alimentar.Torch;
using TorchSharp;

namespace Alimentar;

/// <summary>
/// Collates numeric columns of a batch into one [rows, features] float32 tensor, the input of most models: each
/// column is written once, converted to float, straight into its place in the tensor.
/// </summary>
/// <example>
/// <code>
/// using var features = new FeatureMatrix(batch.Count, 3).Add(batch.Distance).Add(batch.Passengers).Add(batch.Paid);
/// using torch.Tensor x = features.ToTensor();                         // [batch.Count, 3]
/// </code>
/// </example>
public sealed class FeatureMatrix : IDisposable
{
    private torch.Tensor? _tensor;
    private int _added;

    /// <summary>Starts a matrix of <paramref name="rows"/> rows and <paramref name="features"/> columns, on the CPU.</summary>
    /// <param name="rows">The batch's rows.</param>
    /// <param name="features">How many columns will be added.</param>
    public FeatureMatrix(int rows, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        Rows = rows;
        Features = features;
        _tensor = TensorMemory.Allocate<float>([rows, features], out _);
    }

    /// <summary>The rows of the matrix.</summary>
    public int Rows { get; }

    /// <summary>The columns the matrix takes.</summary>
    public int Features { get; }

    /// <summary>Adds the next feature: a numeric column, converted to float (saturating where it does not fit).</summary>
    /// <typeparam name="T">The column's numeric type.</typeparam>
    /// <param name="column">The column, one value per row.</param>
    /// <returns>This matrix.</returns>
    public FeatureMatrix Add<T>(ReadOnlySpan<T> column)
        where T : INumberBase<T>
    {
        TensorLayout.WriteFeature(column, Next(column.Length), Features, _added++);
        return this;
    }

    /// <summary>Adds the next feature: a bool column, as 1 and 0.</summary>
    /// <param name="column">The column, one value per row.</param>
    /// <returns>This matrix.</returns>
    public FeatureMatrix Add(ReadOnlySpan<bool> column)
    {
        TensorLayout.WriteFeature(column, Next(column.Length), Features, _added++);
        return this;
    }

    /// <summary>Hands the tensor over, on <paramref name="device"/> (the CPU by default); the caller then owns it.</summary>
    /// <param name="device">Where the tensor should live.</param>
    /// <returns>The [rows, features] float32 tensor.</returns>
    /// <exception cref="InvalidOperationException">Fewer columns were added than the matrix has features.</exception>
    public torch.Tensor ToTensor(torch.Device? device = null)
    {
        torch.Tensor tensor = _tensor ?? throw new InvalidOperationException("The matrix's tensor was already handed over.");
        if (_added != Features)
        {
            throw new InvalidOperationException($"{_added} of the matrix's {Features} features were added.");
        }

        _tensor = null;
        return TensorMemory.MoveTo(tensor, device);
    }

    /// <summary>Disposes the tensor unless it was handed over.</summary>
    public void Dispose()
    {
        _tensor?.Dispose();
        _tensor = null;
    }

    private Span<float> Next(int length)
    {
        torch.Tensor tensor = _tensor ?? throw new InvalidOperationException("The matrix's tensor was already handed over.");
        if (_added == Features)
        {
            throw new InvalidOperationException($"The matrix takes {Features} features; a column more was added.");
        }

        if (length != Rows)
        {
            throw new ArgumentException($"Feature {_added} has {length} values; the matrix has {Rows} rows.", "column");
        }

        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.bytes);
    }
}
