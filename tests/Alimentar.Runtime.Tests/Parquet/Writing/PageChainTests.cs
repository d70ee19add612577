using Alimentar.Parquet.Writing;

namespace Alimentar.Runtime.Tests;

public sealed class PageChainTests
{
    [Fact]
    public void Bytes_appended_across_segment_boundaries_come_back_in_order()
    {
        var random = new Random(11);
        using var chain = new PageChain();
        var expected = new List<byte>();
        foreach (int size in new[] { 10, (1 << 20) - 10, 1, 3_000_000, 0, 777 })
        {
            byte[] page = new byte[size];
            random.NextBytes(page);
            chain.Append(page);
            expected.AddRange(page);
        }

        Assert.Equal(expected.Count, chain.Length);
        Assert.Equal(expected.ToArray(), chain.Segments.SelectMany(s => s.ToArray()).ToArray());
        Assert.All(chain.Segments.SkipLast(1), s => Assert.Equal(1 << 20, s.Length));
    }

    [Fact]
    public void A_cleared_chain_is_empty_and_takes_new_bytes()
    {
        using var chain = new PageChain();
        chain.Append(new byte[5_000_000]);
        chain.Clear();

        Assert.Equal(0, chain.Length);
        Assert.Empty(chain.Segments);
        chain.Append([1, 2, 3]);
        Assert.Equal([1, 2, 3], Assert.Single(chain.Segments).ToArray());
    }
}
