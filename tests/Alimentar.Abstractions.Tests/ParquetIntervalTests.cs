namespace Alimentar.Abstractions.Tests;

public sealed class ParquetIntervalTests
{
    [Fact]
    public void An_interval_is_a_TimeSpan_only_without_months_and_prints_as_ISO_8601()
    {
        Assert.Equal(TimeSpan.FromDays(2) + TimeSpan.FromMilliseconds(1_500), new ParquetInterval(0, 2, 1_500).ToTimeSpan());
        Assert.Contains("months", Assert.Throws<InvalidOperationException>(() => new ParquetInterval(1, 0, 0).ToTimeSpan()).Message, StringComparison.Ordinal);
        Assert.Equal(new ParquetInterval(0, 1, 3_600_000), ParquetInterval.FromTimeSpan(TimeSpan.FromHours(25).Add(TimeSpan.FromTicks(9_999))));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParquetInterval.FromTimeSpan(TimeSpan.FromTicks(-1)));
        Assert.Equal("P14M3DT1.5S", new ParquetInterval(14, 3, 1_500).ToString());
        Assert.Equal("P0D", default(ParquetInterval).ToString());
    }

    [Fact]
    public void An_interval_is_laid_out_as_the_format_stores_it_so_pages_are_copied_into_it()
    {
        var interval = new ParquetInterval(0x01020304, 5, 6);

        Assert.Equal(12, System.Runtime.CompilerServices.Unsafe.SizeOf<ParquetInterval>());
        Assert.Equal(new byte[] { 4, 3, 2, 1, 5, 0, 0, 0, 6, 0, 0, 0 }, System.Runtime.InteropServices.MemoryMarshal.AsBytes(new[] { interval }.AsSpan()).ToArray());
    }
}
