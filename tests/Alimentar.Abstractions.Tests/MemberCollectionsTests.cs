using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Alimentar.Abstractions.Tests;

/// <summary>
/// The immutable, frozen, sorted and read-only collections a member declares are built from the array or dictionary a
/// reader fills, keeping its elements (a set keeping a repeated value once) and wrapping where they can; null stays null.
/// </summary>
public sealed class MemberCollectionsTests
{
    [Fact]
    public void Lists_and_sets_hold_the_elements_read_and_a_null_list_stays_null()
    {
        int[] read = [3, 1, 3, 2];

        Assert.Equal(read, MemberCollections.ImmutableList(read));
        Assert.Equal([1, 2, 3], MemberCollections.ImmutableHashSet(read).Order());
        Assert.Equal([1, 2, 3], MemberCollections.FrozenSet(read).Order());
        Assert.Equal([1, 2, 3], MemberCollections.SortedSet(read));
        Assert.Null(MemberCollections.ImmutableList<int>(null));
        Assert.Null(MemberCollections.ImmutableHashSet<int>(null));
        Assert.Null(MemberCollections.FrozenSet<int>(null));
        Assert.Null(MemberCollections.SortedSet<int>(null));
        Assert.Null(MemberCollections.ReadOnlyCollection<int>(null));
    }

    [Fact]
    public void Sorted_sets_and_maps_of_strings_keep_every_distinct_string_in_ordinal_order_whatever_the_culture()
    {
        // A soft hyphen is ignored by culture comparison, so a culture comparer takes these two for one string.
        string plain = "coop", hyphenated = "co\u00ADop";
        string[] read = [hyphenated, "Zebra", plain, "apple", plain];
        var map = new Dictionary<string, int> { [hyphenated] = 1, ["Zebra"] = 2, [plain] = 3, ["apple"] = 4 };
        string[] ordinal = [.. read.Distinct().Order(StringComparer.Ordinal)];

        using var culture = new CultureScope("en-US");
        Assert.Equal(ordinal, MemberCollections.SortedSet(read));
        Assert.Equal(ordinal, MemberCollections.SortedDictionary(map).Keys);
        Assert.Equal(3, MemberCollections.SortedDictionary(map)[plain]);
    }

    [Fact]
    public void A_read_only_collection_wraps_the_array_read_without_a_copy()
    {
        int[] read = [1, 2];

        var wrapped = MemberCollections.ReadOnlyCollection(read);

        read[0] = 9;
        Assert.Equal([9, 2], wrapped);
    }

    [Fact]
    public void Maps_hold_the_entries_read_and_a_null_map_stays_null()
    {
        var read = new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 };

        Assert.Equal(read.OrderBy(p => p.Key), MemberCollections.ImmutableDictionary(read).OrderBy(p => p.Key));
        Assert.IsAssignableFrom<FrozenDictionary<string, int>>(MemberCollections.FrozenDictionary(read));
        Assert.Equal(read.OrderBy(p => p.Key), MemberCollections.FrozenDictionary(read).OrderBy(p => p.Key));
        Assert.Equal(["a", "b"], MemberCollections.SortedDictionary(read).Keys);
        Assert.Equal(2, MemberCollections.ReadOnlyDictionary(read)["b"]);
        Assert.Null(MemberCollections.ImmutableDictionary<string, int>(null));
        Assert.Null(MemberCollections.FrozenDictionary<string, int>(null));
        Assert.Null(MemberCollections.SortedDictionary<string, int>(null));
        Assert.Null(MemberCollections.ReadOnlyDictionary<string, int>(null));
    }
}
