using System.Runtime.InteropServices;
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
        int[] sizes = [.. chain.Segments.SkipLast(1).Select(s => s.Length)];
        Assert.Equal(sizes.Order(), sizes);
        Assert.All(sizes, size => Assert.InRange(size, 16 << 10, 1 << 20));
        Assert.Equal(1 << 20, sizes[^1]);
    }

    [Fact]
    public void A_small_chunk_holds_a_small_segment_not_a_megabyte()
    {
        // A writer holds every column's chunk at once: a thousand columns of a few pages each must not hold a gigabyte.
        using var chain = new PageChain();
        chain.Append(new byte[3_000]);

        ReadOnlyMemory<byte> segment = Assert.Single(chain.Segments);
        Assert.Equal(3_000, segment.Length);
        Assert.True(MemoryMarshal.TryGetArray(segment, out ArraySegment<byte> array));
        Assert.InRange(array.Array!.Length, 3_000, 32 << 10);
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
