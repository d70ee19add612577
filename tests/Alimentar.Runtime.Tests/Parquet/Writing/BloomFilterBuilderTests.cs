using Alimentar.Parquet.Writing;
using System.Text;

namespace Alimentar.Runtime.Tests;

/// <summary>A chunk's Bloom filter is as small as its distinct values allow, up to the configured size, and holds every value given.</summary>
public sealed class BloomFilterBuilderTests
{
    private static byte[] Value(int i) => Encoding.UTF8.GetBytes($"value-{i}");

    [Fact]
    public void A_few_distinct_values_many_times_over_get_a_filter_sized_for_the_few()
    {
        var builder = new BloomFilterBuilder(distinctValues: 100_000, falsePositiveRate: 0.01);
        for (int i = 0; i < 50_000; i++)
        {
            builder.Insert(Value(i % 5));
        }

        BloomFilter filter = builder.Build();

        Assert.Equal(BloomFilter.BytesFor(5, 0.01), filter.Length);
        Assert.All(Enumerable.Range(0, 5), i => Assert.True(filter.MayContain(Value(i))));
    }

    [Fact]
    public void More_distinct_values_than_it_keeps_fill_the_configured_filter_with_every_value()
    {
        var builder = new BloomFilterBuilder(distinctValues: 100_000, falsePositiveRate: 0.01);
        for (int i = 0; i < 60_000; i++)
        {
            builder.Insert(Value(i));
        }

        BloomFilter filter = builder.Build();

        Assert.Equal(BloomFilter.BytesFor(100_000, 0.01), filter.Length);
        Assert.All(Enumerable.Range(0, 60_000), i => Assert.True(filter.MayContain(Value(i))));
        Assert.InRange(Enumerable.Range(60_000, 10_000).Count(i => filter.MayContain(Value(i))), 0, 300);
    }

    [Fact]
    public void No_values_get_the_smallest_filter()
    {
        Assert.Equal(32, new BloomFilterBuilder(100_000, 0.01).Build().Length);
    }
}
