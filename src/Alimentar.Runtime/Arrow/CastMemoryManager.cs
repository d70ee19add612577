using System.Buffers;
using System.Runtime.InteropServices;

namespace Alimentar.Arrow;

/// <summary>
/// Views a slice of an unmanaged-value array as bytes without copying, so Arrow can point at a column
/// store's buffer. It holds a share of the batch the array belongs to, released only when the manager is
/// collected: Arrow's buffers offer no dispose hook, so this is what keeps the array out of the pool (and
/// so from showing another batch's data) for as long as any Arrow buffer can still reach it.
/// </summary>
internal sealed class CastMemoryManager<T> : MemoryManager<byte>
    where T : unmanaged
{
    private readonly T[] _array;
    private readonly int _start;
    private readonly int _length;
    private IDisposable? _owner;
    private readonly Lock _gate = new();
    private GCHandle _pin;
    private int _pins;

    public CastMemoryManager(T[] array, int start, int length, IDisposable? owner = null)
    {
        _array = array;
        _start = start;
        _length = length;
        _owner = owner;
    }

    // CA2015 warns that a finalizer may free memory a Span<T> still uses. Here the finalizer only releases a
    // share of the batch: the arrays reach the pool once neither the record batch (which holds this manager
    // through its buffers) nor the manager is reachable, which is the lifetime Arrow code uses spans within.
#pragma warning disable CA2015
    ~CastMemoryManager()
    {
        try
        {
            Interlocked.Exchange(ref _owner, null)?.Dispose();
        }
        catch (Exception)
        {
            // An exception on the finalizer thread would end the process, and there is no caller to tell. Releasing
            // the last share runs the row type's code returning its buffers, which may reach objects the collector
            // finalized in the same pass (an unloaded plugin's pools go together with its batches); the buffers are
            // then left to the collector.
        }
    }
#pragma warning restore CA2015

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
        Interlocked.Exchange(ref _owner, null)?.Dispose();
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
