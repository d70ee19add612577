using System.Buffers;
using System.Runtime.InteropServices;

namespace Alimentar.ArrowInterop;

/// <summary>Views a slice of an unmanaged-value array as bytes without copying, so Arrow can point at a column store's buffer.</summary>
internal sealed class CastMemoryManager<T> : MemoryManager<byte>
    where T : unmanaged
{
    private readonly T[] _array;
    private readonly int _start;
    private readonly int _length;
    private GCHandle _pin;

    public CastMemoryManager(T[] array, int start, int length)
    {
        _array = array;
        _start = start;
        _length = length;
    }

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_array.AsSpan(_start, _length));

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        if (!_pin.IsAllocated)
        {
            _pin = GCHandle.Alloc(_array, GCHandleType.Pinned);
        }

        byte* start = (byte*)_pin.AddrOfPinnedObject() + (_start * sizeof(T)) + elementIndex;
        return new MemoryHandle(start, default, this);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_pin.IsAllocated)
        {
            _pin.Free();
        }
    }
}
