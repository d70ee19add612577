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
    private readonly Lock _gate = new();
    private GCHandle _pin;
    private int _pins;

    public CastMemoryManager(T[] array, int start, int length)
    {
        _array = array;
        _start = start;
        _length = length;
    }

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_array.AsSpan(_start, _length));

    /// <summary>True while some caller holds a pin; for tests that check every pin is released.</summary>
    internal bool IsPinned
    {
        get
        {
            lock (_gate)
            {
                return _pins > 0;
            }
        }
    }

    /// <summary>Pins the array; the handle is freed when the last <see cref="MemoryHandle"/> returned is disposed.</summary>
    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        lock (_gate)
        {
            if (_pins++ == 0)
            {
                _pin = GCHandle.Alloc(_array, GCHandleType.Pinned);
            }

            byte* start = (byte*)_pin.AddrOfPinnedObject() + (_start * sizeof(T)) + elementIndex;
            return new MemoryHandle(start, default, this);
        }
    }

    /// <summary>Called by each <see cref="MemoryHandle"/> <see cref="Pin"/> returned, when it is disposed.</summary>
    public override void Unpin()
    {
        lock (_gate)
        {
            if (_pins > 0 && --_pins == 0)
            {
                _pin.Free();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            if (_pin.IsAllocated)
            {
                _pin.Free();
            }

            _pins = 0;
        }
    }
}
