using Alimentar.Parquet.Reading;

namespace Alimentar.Runtime.Tests;

/// <summary>The arrays one batch is assembled from: counted while held, all given back together, lists reused empty.</summary>
public sealed class BatchArraysTests
{
    [Fact]
    public void Rented_arrays_are_counted_until_all_are_given_back_with_their_references_cleared()
    {
        using var arrays = new BatchArrays();
        long[] values = arrays.Rent<long>(1_000);
        // The pools are shared by the whole process: a type only this test rents keeps parallel tests from renting
        // the returned array and filling it again before the assert looks.
        OnlyThisTestRents?[] held = arrays.Rent<OnlyThisTestRents?>(10);
        held[0] = new OnlyThisTestRents();

        Assert.True(values.Length >= 1_000);
        Assert.True(arrays.SizeInBytes >= (1_000 * sizeof(long)) + (10 * IntPtr.Size));

        arrays.ReturnAll();

        Assert.Equal(0, arrays.SizeInBytes);
        Assert.Null(held[0]);
    }

    [Fact]
    public void A_scratch_list_is_the_same_list_each_time_and_empty()
    {
        using var arrays = new BatchArrays();
        List<int> first = arrays.ScratchList<int>();
        first.AddRange([1, 2, 3]);

        List<int> again = arrays.ScratchList<int>();

        Assert.Same(first, again);
        Assert.Empty(again);
        Assert.NotSame(first, arrays.ScratchList<long>());
    }

    private sealed class OnlyThisTestRents;
}
