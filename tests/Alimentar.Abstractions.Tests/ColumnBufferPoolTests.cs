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

    private sealed class OnlyThisTestRents;
}
