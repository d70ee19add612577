using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Pooled scratch space for decoding, in a few numbered slots so one step's output can feed the next
/// (raw integers, then file values, then member values). Grown on demand, returned on dispose.
/// </summary>
internal sealed class ScratchBuffers : IDisposable
{
    private readonly byte[][] _slots = [[], [], []];

    public long SizeInBytes => (long)_slots[0].Length + _slots[1].Length + _slots[2].Length;

    /// <summary>A span of <paramref name="count"/> elements over slot <paramref name="slot"/>; its contents are undefined.</summary>
    public Span<T> Get<T>(int slot, int count)
        where T : struct
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            throw new InvalidOperationException($"Scratch space holds plain values only, not {typeof(T).Name}.");
        }

        int bytes = checked(count * Unsafe.SizeOf<T>());
        ref byte[] buffer = ref _slots[slot];
        if (buffer.Length < bytes)
        {
            if (buffer.Length > 0)
            {
                ColumnArrays<byte>.Pool.Return(buffer);
            }

            buffer = [];
            buffer = ColumnArrays<byte>.Pool.Rent(Math.Max(bytes, 4096));
        }

        return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(buffer)), count);
    }

    public void Dispose()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Length > 0)
            {
                ColumnArrays<byte>.Pool.Return(_slots[i]);
                _slots[i] = [];
            }
        }
    }
}
