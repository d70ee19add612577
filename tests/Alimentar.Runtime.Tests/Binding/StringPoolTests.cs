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

        // Three unique values to each repeated one: enough repeats that the pool stays on, and a flood to resist.
        for (int i = 0; i < 200_000; i++)
        {
            string expected = i % 4 == 0 ? $"category {i / 4 % 500}" : $"unique {i}";
            Assert.Equal(expected, pool.Get(Encoding.UTF8.GetBytes(expected)));
        }

        // A few categories may share a set with two others and miss; the flood evicts none.
        int kept = Enumerable.Range(0, 500).Count(i => ReferenceEquals(repeated[i], pool.Get(Encoding.UTF8.GetBytes($"category {i}"))));
        Assert.InRange(kept, 490, 500);
    }

    [Fact]
    public void A_run_of_unique_values_is_decoded_without_the_pool_until_values_repeat_again()
    {
        var pool = new StringPool();
        for (int i = 0; i < 10_000; i++)
        {
            pool.Get(Encoding.UTF8.GetBytes($"https://example.com/page/{i}"));
        }

        // Looking a value up costs more than decoding it, so after a window without repeats the pool stands aside.
        string first = pool.Get("label-1"u8);
        string second = pool.Get("label-1"u8);
        Assert.Equal("label-1", second);
        Assert.NotSame(first, second);

        // Values that repeat are shared again once the pool measures them.
        for (int i = 0; i < 100_000; i++)
        {
            Assert.Equal($"label-{i % 10}", pool.Get(Encoding.UTF8.GetBytes($"label-{i % 10}")));
        }

        Assert.Same(pool.Get("label-1"u8), pool.Get("label-1"u8));
    }

    [Fact]
    public void Values_that_differ_in_any_byte_spread_over_the_cache()
    {
        // Same length, same start and end, one differing stretch at varying places: a hash that read only part of
        // a value would put each length's values in one set, which holds two.
        var pool = new StringPool();
        string[] values = Enumerable.Range(0, 2_000)
            .Select(i => new string('a', i % 60) + i.ToString("D5") + new string('z', 60 - i % 60))
            .Concat(Enumerable.Range(0, 200).Select(i => i.ToString("D3")[..(1 + i % 3)] + (char)('A' + i % 26)))
            .Distinct()
            .ToArray();
        string[] first = values.Select(v => pool.Get(Encoding.UTF8.GetBytes(v))).ToArray();

        int found = values.Where((v, i) => ReferenceEquals(first[i], pool.Get(Encoding.UTF8.GetBytes(v)))).Count();

        Assert.True(found >= values.Length * 9 / 10, $"{found} of {values.Length} values found again");
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
