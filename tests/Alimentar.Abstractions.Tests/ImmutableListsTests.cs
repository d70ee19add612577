using System.Collections.Immutable;

namespace Alimentar.Abstractions.Tests;

/// <summary>An <see cref="ImmutableArray{T}"/> member wraps the array a reader builds and gives a writer the array it wraps, neither copied; a default one is a null list.</summary>
public sealed class ImmutableListsTests
{
    [Fact]
    public void A_read_array_is_wrapped_without_a_copy_and_a_null_one_is_a_null_list()
    {
        int[] read = [1, 2, 3];

        ImmutableArray<int>? wrapped = ImmutableLists.Nullable(read);

        Assert.True(wrapped.HasValue);
        Assert.Same(read, ImmutableLists.AsArray(wrapped));
        Assert.Null(ImmutableLists.Nullable<int>(null));
    }

    [Fact]
    public void A_writer_walks_the_wrapped_array_and_a_default_or_null_list_is_null()
    {
        ImmutableArray<string> names = ["a", "b"];

        Assert.Equal(["a", "b"], ImmutableLists.AsArray(names)!);
        Assert.Null(ImmutableLists.AsArray(default(ImmutableArray<string>)));
        Assert.Null(ImmutableLists.AsArray((ImmutableArray<string>?)null));
        Assert.Null(ImmutableLists.AsArray((ImmutableArray<string>?)default(ImmutableArray<string>)));
        Assert.Empty(ImmutableLists.AsArray(ImmutableArray<string>.Empty)!);
    }
}
