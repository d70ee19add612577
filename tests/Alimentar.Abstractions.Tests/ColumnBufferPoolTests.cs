namespace Alimentar.Abstractions.Tests;

public sealed class ColumnBufferPoolTests
{
    [Fact]
    public void Outstanding_buffers_count_rents_minus_returns()
    {
        var pool = new ColumnBufferPool();
        int[] first = pool.Rent<int>(10);
        string[] second = pool.Rent<string>(3);

        Assert.Equal(2, pool.OutstandingBuffers);
        Assert.True(first.Length >= 10);

        pool.Return(first);
        pool.Return(second);

        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.Equal(2, pool.RentedBuffers);
    }

    [Fact]
    public void Reference_arrays_are_cleared_on_return_so_the_pool_keeps_nothing_alive()
    {
        // Arrays come from one pool per element type for the whole process: a type only this test rents keeps
        // parallel tests from taking the returned array and filling it again before the assert looks.
        var pool = new ColumnBufferPool();
        OnlyThisTestRents?[] array = pool.Rent<OnlyThisTestRents?>(4);
        array[0] = new OnlyThisTestRents();

        pool.Return(array);

        Assert.Null(array[0]);
    }

    [Fact]
    public void A_negative_length_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColumnBufferPool().Rent<int>(-1));
    }

    [Fact]
    public void With_poisoning_on_returned_arrays_are_overwritten_returning_twice_is_refused_and_sizes_vary()
    {
        // The test projects turn the switch on (tests/Directory.Build.props), as a user chasing a pooling bug would.
        Assert.True(ColumnBufferPool.PoisonReturnedBuffers);
        var pool = new ColumnBufferPool();
        OnlyThisTestRentsToo[] array = pool.Rent<OnlyThisTestRentsToo>(4);
        OnlyThisTestRentsToo[] other = pool.Rent<OnlyThisTestRentsToo>(4);
        Assert.NotEqual(array.Length, other.Length);
        array.AsSpan().Fill(new OnlyThisTestRentsToo(7));

        pool.Return(array);

        Assert.All(array, value => Assert.Equal(unchecked((long)0xDBDBDBDBDBDBDBDB), value.Value));
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => pool.Return(array));
        Assert.Contains("returned to the column pool twice", error.Message, StringComparison.Ordinal);
        Assert.Same(array, pool.Rent<OnlyThisTestRentsToo>(4));
        pool.Return(other);

        // Past 64 KiB (a page's or a chunk's buffer) arrays come at the size asked for, so that doubling them at random
        // does not swamp what tests of memory accounting measure.
        OnlyThisTestRentsToo[] large = pool.Rent<OnlyThisTestRentsToo>(10_000);
        OnlyThisTestRentsToo[] alike = pool.Rent<OnlyThisTestRentsToo>(10_000);
        Assert.Equal(large.Length, alike.Length);
        pool.Return(large);
        pool.Return(alike);
    }

    private sealed class OnlyThisTestRents;

    private readonly record struct OnlyThisTestRentsToo(long Value);
}
