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
}
