using System.Runtime.InteropServices;
using TorchSharp;

namespace Alimentar.Torch;

/// <summary>Allocates tensors on the CPU and lends their memory, so batch columns are copied straight into them.</summary>
internal static class TensorMemory
{
    public static torch.Tensor Allocate<T>(long[] shape, out Span<T> memory)
        where T : unmanaged
    {
        torch.Tensor tensor = torch.empty(shape, TensorTypes.Of<T>());
        memory = MemoryMarshal.Cast<byte, T>(tensor.bytes);
        return tensor;
    }

    /// <summary>The tensor on <paramref name="device"/>: itself on the CPU, else a copy there (the CPU one is disposed).</summary>
    public static torch.Tensor MoveTo(torch.Tensor tensor, torch.Device? device)
    {
        if (device is null || device.type == DeviceType.CPU)
        {
            return tensor;
        }

        using (tensor)
        {
            return tensor.to(device);
        }
    }
}
