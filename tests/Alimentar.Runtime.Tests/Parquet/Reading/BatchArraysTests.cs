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
        string?[] texts = arrays.Rent<string?>(10);
        texts[0] = "kept until returned";

        Assert.True(values.Length >= 1_000);
        Assert.True(arrays.SizeInBytes >= (1_000 * sizeof(long)) + (10 * IntPtr.Size));

        arrays.ReturnAll();

        Assert.Equal(0, arrays.SizeInBytes);
        Assert.Null(texts[0]);
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
}
