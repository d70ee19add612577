using System.Buffers;

namespace Alimentar.Runtime.Tests;

public sealed class CastMemoryManagerTests
{
    [Fact]
    public void A_pin_is_released_when_the_last_handle_is_disposed()
    {
        var manager = new CastMemoryManager<long>([1, 2, 3, 4], 1, 2);
        Memory<byte> memory = manager.Memory;

        MemoryHandle first = memory.Pin();
        MemoryHandle second = memory.Pin();
        Assert.True(manager.IsPinned);

        first.Dispose();
        Assert.True(manager.IsPinned);
        second.Dispose();
        Assert.False(manager.IsPinned);
        Assert.Equal(16, memory.Length);
    }

    [Fact]
    public void A_share_that_fails_to_release_on_the_finalizer_thread_does_not_end_the_process()
    {
        var owner = new FailingOwner();
        Drop(owner);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        // Had the exception left the finalizer, the process would have ended here.
        Assert.True(owner.Disposed);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Drop(IDisposable owner) => _ = new CastMemoryManager<long>([1, 2], 0, 2, owner);

    private sealed class FailingOwner : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose()
        {
            Disposed = true;
            throw new NullReferenceException("a pool the collector finalized first");
        }
    }
}
