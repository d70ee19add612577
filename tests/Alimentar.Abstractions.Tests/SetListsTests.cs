namespace Alimentar.Abstractions.Tests;

/// <summary>A set member reads its list into a new <see cref="HashSet{T}"/>, a repeated value kept once, and a null list as null.</summary>
public sealed class SetListsTests
{
    [Fact]
    public void A_list_becomes_the_set_of_its_values_and_a_null_list_stays_null()
    {
        HashSet<string?>? set = SetLists.Nullable<string?>(["a", null, "a", "b"]);

        Assert.NotNull(set);
        Assert.Equal(3, set.Count);
        Assert.Contains(null, set);
        Assert.Null(SetLists.Nullable<int>(null));
    }
}
