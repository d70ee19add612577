namespace Alimentar.Runtime.Tests;

public sealed class DeletedRowsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_window_of_rows_has_exactly_the_deleted_positions_cleared_and_counted(bool runs)
    {
        var random = new Random(7);

        // Sparse chunks (arrays), a dense one (a bitset: more than 4,096 in 65,536 rows), stretches (runs), and
        // positions past 2^32 (a second 32-bit bitmap).
        long[] deleted =
        [
            0, 9, 65_535, 65_536, 70_000,
            .. Enumerable.Range(0, 6_000).Select(_ => 131_072L + random.Next(65_536)),
            .. Enumerable.Range(300_000, 2_000).Select(i => (long)i),
            (1L << 32) + 5, (1L << 32) + 65_540,
        ];
        var expected = deleted.ToHashSet();
        DeletedRows rows = DeletedRows.Decode(DeletionVectorBytes.Bitmap(deleted, runs));

        Assert.Equal(expected.Count, rows.Count);
        foreach ((long first, int length) in new[] { (0L, 16_384), (60_000L, 10_000), (131_000L, 70_000), (299_990L, 2_020), ((1L << 32) - 3, 65_600), (500_000L, 100), (9L, 1) })
        {
            bool[] passes = new bool[length];
            Array.Fill(passes, true);
            rows.Clear(first, passes);
            for (int i = 0; i < length; i++)
            {
                Assert.True(passes[i] != expected.Contains(first + i), $"row {first + i}");
            }

            Assert.Equal(passes.Count(pass => !pass), rows.CountIn(first, length));
        }

        Assert.Equal(expected.Count, rows.CountIn(0, long.MaxValue / 2));
    }

    [Fact]
    public void A_vector_that_deletes_nothing_clears_nothing()
    {
        DeletedRows rows = DeletedRows.Decode(DeletionVectorBytes.Bitmap([]));
        bool[] passes = [true, true, true];
        rows.Clear(0, passes);

        Assert.Equal(0, rows.Count);
        Assert.All(passes, Assert.True);
    }

    [Fact]
    public void Spark_s_native_serialization_and_other_magic_numbers_are_named()
    {
        byte[] native = DeletionVectorBytes.Bitmap([1]);
        native[0]--;
        Assert.Contains("native", Assert.Throws<InvalidDataException>(() => DeletedRows.Decode(native)).Message, StringComparison.Ordinal);

        native[0] = 0;
        Assert.Contains("magic number", Assert.Throws<InvalidDataException>(() => DeletedRows.Decode(native)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_or_damaged_bytes_fail_as_invalid_data_and_never_otherwise(bool runs)
    {
        byte[] intact = DeletionVectorBytes.Bitmap([3, 4, 5, 70_000, .. Enumerable.Range(200_000, 5_000).Select(i => (long)i * 2)], runs);
        for (int length = 0; length < intact.Length; length += length < 200 ? 1 : 997)
        {
            Assert.Throws<InvalidDataException>(() => DeletedRows.Decode(intact.AsSpan(0, length)));
        }

        var random = new Random(11);
        for (int trial = 0; trial < 5_000; trial++)
        {
            byte[] damaged = (byte[])intact.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                // Headers are where damage hurts: most flips land in the first 64 bytes.
                int at = random.Next(2) == 0 ? random.Next(Math.Min(64, damaged.Length)) : random.Next(damaged.Length);
                damaged[at] = (byte)random.Next(256);
            }

            try
            {
                DeletedRows rows = DeletedRows.Decode(damaged);
                bool[] passes = new bool[1_000];
                rows.Clear(random.NextInt64(0, 500_000), passes);
            }
            catch (InvalidDataException)
            {
            }
        }
    }
}
