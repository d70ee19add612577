using TorchSharp;

namespace Alimentar.Torch;

/// <summary>The torch element type that holds a column's values as they are, bit for bit.</summary>
internal static class TensorTypes
{
    public static torch.ScalarType Of<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return torch.ScalarType.Float32;
        if (typeof(T) == typeof(double)) return torch.ScalarType.Float64;
        if (typeof(T) == typeof(int)) return torch.ScalarType.Int32;
        if (typeof(T) == typeof(long)) return torch.ScalarType.Int64;
        if (typeof(T) == typeof(short)) return torch.ScalarType.Int16;
        if (typeof(T) == typeof(sbyte)) return torch.ScalarType.Int8;
        if (typeof(T) == typeof(byte)) return torch.ScalarType.Byte;
        if (typeof(T) == typeof(bool)) return torch.ScalarType.Bool;
        if (typeof(T) == typeof(Half)) return torch.ScalarType.Float16;
        throw new NotSupportedException(
            $"A column of {typeof(T).Name} has no torch element type that holds it as it is (torch has no unsigned 16-, 32- or 64-bit integers); convert it to a signed or floating-point column first.");
    }
}
