using System.Text;

namespace Alimentar.Runtime.Tests;

public sealed class StringPoolTests
{
    [Fact]
    public void A_repeated_value_is_one_instance_from_its_first_sighting()
    {
        var pool = new StringPool();

        string first = pool.Get("label-1"u8);
        string second = pool.Get("label-1"u8);

        Assert.Same(first, second);
        Assert.Equal("label-1", first);
    }

    [Fact]
    public void A_flood_of_unique_values_does_not_displace_the_values_that_repeat()
    {
        var pool = new StringPool();
        string[] repeated = Enumerable.Range(0, 500).Select(i => pool.Get(Encoding.UTF8.GetBytes($"category {i}"))).ToArray();

        for (int i = 0; i < 200_000; i++)
        {
            Assert.Equal($"unique {i}", pool.Get(Encoding.UTF8.GetBytes($"unique {i}")));
        }

        // Hashes are seeded per process, so a few categories may share a set with two others and miss; the flood evicts none.
        int kept = Enumerable.Range(0, 500).Count(i => ReferenceEquals(repeated[i], pool.Get(Encoding.UTF8.GetBytes($"category {i}"))));
        Assert.InRange(kept, 490, 500);
    }

    [Fact]
    public void Long_and_empty_values_are_decoded_but_not_pooled()
    {
        var pool = new StringPool();
        byte[] longValue = Encoding.UTF8.GetBytes(new string('x', 500));

        Assert.Same(string.Empty, pool.Get(ReadOnlySpan<byte>.Empty));
        Assert.Equal(new string('x', 500), pool.Get(longValue));
        Assert.NotSame(pool.Get(longValue), pool.Get(longValue));
    }
}
