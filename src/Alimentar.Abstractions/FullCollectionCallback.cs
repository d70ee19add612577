using System.Runtime.InteropServices;

namespace Alimentar;

/// <summary>
/// An object the collector finalizes at each gen 2 collection, once it has been promoted there, and that re-registers
/// itself for as long as its pool lives: the way the runtime's own pools hear of full collections. Each time, the pool
/// trims what sat idle, or everything when memory load is high.
/// </summary>
/// <remarks>
/// It holds its pool by a weak handle rather than a <see cref="WeakReference{T}"/>: a weak reference is an object with
/// a finalizer of its own, unreachable along with this one, and finalized in the same collection, after which it no
/// longer finds its target.
/// </remarks>
internal sealed class FullCollectionCallback
{
    private GCHandle _pool;

    private FullCollectionCallback(ITrimmable pool) => _pool = GCHandle.Alloc(pool, GCHandleType.Weak);

    ~FullCollectionCallback()
    {
        if (_pool.Target is not ITrimmable pool)
        {
            _pool.Free();
            return;
        }

        try
        {
            GCMemoryInfo memory = GC.GetGCMemoryInfo();
            pool.Trim(all: memory.MemoryLoadBytes >= memory.HighMemoryLoadThresholdBytes * 9 / 10);
        }
        catch (OutOfMemoryException)
        {
            // Trimming allocates a little (the collector's figures, a stack's smaller slots); an exception on the
            // finalizer thread would end the process, so a trim that finds no memory waits for the next collection.
        }

        GC.ReRegisterForFinalize(this);
    }

    /// <summary>Trims <paramref name="pool"/> at every gen 2 collection from now on, until the pool is collected.</summary>
    public static void Register(ITrimmable pool) => _ = new FullCollectionCallback(pool);
}
