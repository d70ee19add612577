using Alimentar.Parquet.Writing;

namespace Alimentar.Runtime.Tests;

public sealed class SliceSizingTests
{
    [Theory]
    [InlineData(1_000_000L, 500, 500)]                 // small rows: the whole stretch
    [InlineData(16L << 20, 16_384, 16_384)]            // exactly the limit
    [InlineData(120_000_000L, 1_000, 139)]             // 1,000 rows of 120 KB lists: 139 rows a stretch
    [InlineData(1_600_000_000L, 16_384, 171)]          // a batch whose rows times the limit overflows an int
    [InlineData(10_000_000_000L, 3, 1)]                // rows past the limit on their own: one at a time
    public void A_stretch_holds_about_the_slice_limit_in_bytes_and_at_least_one_row(long bytes, int count, int expected) =>
        Assert.Equal(expected, SliceSizing.StretchRows(bytes, count));
}
