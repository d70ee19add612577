using Alimentar.Parquet.Filtering;
using Alimentar.Parquet.Reading;

namespace Alimentar.Runtime.Tests;

public sealed class FooterCacheTests
{
    [Fact]
    public void A_footer_is_kept_for_its_source_and_counted_against_the_budget()
    {
        var cache = new FooterCache(1 << 20);
        var slot = new FooterCache.Slot();
        FileMetadata footer = Footer(rowGroups: 4, columns: 10);

        Assert.Null(cache.Footer(slot));
        cache.Remember(slot, footer);

        Assert.Same(footer, cache.Footer(slot));
        Assert.Equal(FooterCache.EstimateBytes(footer), cache.Bytes);
    }

    [Fact]
    public void Past_the_budget_the_footers_used_least_recently_are_let_go()
    {
        FileMetadata footer = Footer(rowGroups: 10, columns: 10);
        long each = FooterCache.EstimateBytes(footer);
        var cache = new FooterCache(3 * each);
        FooterCache.Slot[] slots = [.. Enumerable.Range(0, 5).Select(_ => new FooterCache.Slot())];
        cache.Remember(slots[0], footer);
        cache.Remember(slots[1], footer);
        cache.Remember(slots[2], footer);

        // The first is used again, so the second is now the one used least recently.
        Assert.NotNull(cache.Footer(slots[0]));
        cache.Remember(slots[3], footer);

        Assert.NotNull(cache.Footer(slots[0]));
        Assert.Null(cache.Footer(slots[1]));
        Assert.NotNull(cache.Footer(slots[2]));
        Assert.NotNull(cache.Footer(slots[3]));
        Assert.Equal(3 * each, cache.Bytes);

        // A source whose footer was let go fetches it again and keeps it as any other.
        cache.Remember(slots[1], footer);
        Assert.NotNull(cache.Footer(slots[1]));
        Assert.True(cache.Bytes <= 3 * each);
    }

    [Fact]
    public void A_footer_larger_than_the_whole_budget_is_kept_while_it_is_the_latest()
    {
        var cache = new FooterCache(100);
        var small = new FooterCache.Slot();
        var large = new FooterCache.Slot();
        cache.Remember(small, Footer(rowGroups: 1, columns: 1));
        cache.Remember(large, Footer(rowGroups: 50, columns: 50));

        Assert.Null(cache.Footer(small));
        Assert.NotNull(cache.Footer(large));
    }

    [Fact]
    public void Plans_are_kept_beside_their_footer_for_their_filter_and_go_with_it()
    {
        FileMetadata footer = Footer(rowGroups: 2, columns: 3);
        var cache = new FooterCache(1 << 20);
        var slot = new FooterCache.Slot();
        object filter = new();
        RowGroupPlan plan = Plan(0);

        // No footer, no plan: a plan is only as good as the version of the file it was made from.
        cache.Remember(slot, filter, 0, plan);
        Assert.Null(cache.Plan(slot, filter, 0));

        cache.Remember(slot, footer);
        cache.Remember(slot, filter, 0, plan);
        long withPlan = cache.Bytes;

        Assert.Same(plan, cache.Plan(slot, filter, 0));
        Assert.Null(cache.Plan(slot, filter, 1));
        Assert.Null(cache.Plan(slot, new object(), 0));
        Assert.True(withPlan > FooterCache.EstimateBytes(footer));

        // Another filter's plan replaces the first filter's.
        object other = new();
        cache.Remember(slot, other, 1, Plan(1));
        Assert.Null(cache.Plan(slot, filter, 0));
        Assert.NotNull(cache.Plan(slot, other, 1));
        Assert.Equal(withPlan, cache.Bytes);
    }

    [Fact]
    public void A_slot_let_go_gives_back_its_footer_and_plans_bytes()
    {
        FileMetadata footer = Footer(rowGroups: 2, columns: 3);
        long each = FooterCache.EstimateBytes(footer);
        var cache = new FooterCache(each + 1_000);
        var first = new FooterCache.Slot();
        object filter = new();
        cache.Remember(first, footer);
        cache.Remember(first, filter, 0, Plan(0));
        var second = new FooterCache.Slot();

        cache.Remember(second, footer);

        Assert.Null(cache.Footer(first));
        Assert.Null(cache.Plan(first, filter, 0));
        Assert.Equal(each, cache.Bytes);
    }

    /// <summary>A footer of <paramref name="columns"/> INT64 columns in <paramref name="rowGroups"/> row groups.</summary>
    private static FileMetadata Footer(int rowGroups, int columns)
    {
        SchemaElement[] elements =
        [
            new SchemaElement { Name = "schema", ChildCount = columns },
            .. Enumerable.Range(0, columns).Select(c => new SchemaElement { Name = $"c{c}", Type = PhysicalType.Int64, Repetition = Repetition.Required }),
        ];
        RowGroupMetadata[] groups = [.. Enumerable.Range(0, rowGroups).Select(_ => new RowGroupMetadata(
            100,
            800 * columns,
            [.. Enumerable.Range(0, columns).Select(c => new ColumnChunkMetadata { PathInSchema = [$"c{c}"], Type = PhysicalType.Int64, ValueCount = 100 })]))];
        return new FileMetadata(100L * rowGroups, "test", FileSchema.Build(elements), groups, []);
    }

    private static RowGroupPlan Plan(int index) => new(index, 100, [new RowRange(0, 100)], "kept");
}
