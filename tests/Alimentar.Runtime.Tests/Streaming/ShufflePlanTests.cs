using Alimentar.Streaming;

namespace Alimentar.Runtime.Tests;

public sealed class ShufflePlanTests
{
    [Fact]
    public void Windows_take_an_equal_share_from_every_open_lane_and_cover_each_segment_once()
    {
        UnitSegment[] segments = [new(0, 0, 10), new(1, 5, 6), new(2, 0, 3)];

        WindowStretch[][] windows = [.. ShufflePlan.Windows(segments, windowRows: 4, lanes: 2)];

        Assert.Equal([new(0, 0, 0, 2), new(1, 1, 5, 2)], windows[0]);
        Assert.All(windows, window => Assert.True(window.Length <= 2));
        for (int segment = 0; segment < segments.Length; segment++)
        {
            WindowStretch[] stretches = [.. windows.SelectMany(w => w).Where(s => s.Segment == segment)];
            Assert.Equal(segments[segment].Take, stretches.Sum(s => s.Take));
            Assert.Equal(segments[segment].Skip, stretches[0].Skip);
            Assert.All(stretches.Zip(stretches.Skip(1)), pair => Assert.Equal(pair.First.Skip + pair.First.Take, pair.Second.Skip));
        }
    }

    /// <summary>
    /// A pass has a window per few rows; the plan once listed them all before the first row, so forty million rows in
    /// windows of four (or a damaged Arrow batch claiming them, found by coverage-guided fuzzing) took gigabytes.
    /// </summary>
    [Fact]
    public void Windows_are_made_as_the_pass_reaches_them()
    {
        UnitSegment[] segments = [new(0, 0, 40_000_000)];

        long before = GC.GetAllocatedBytesForCurrentThread();
        WindowStretch[][] first = [.. ShufflePlan.Windows(segments, windowRows: 4, lanes: 1).Take(3)];
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal([new(0, 0, 8, 4)], first[2]);
        Assert.True(allocated < 64 * 1024, $"three windows allocated {allocated:N0} bytes");
    }
}
