namespace Alimentar.Streaming;

/// <summary>One stretch of a unit that a shuffle window takes.</summary>
internal readonly record struct WindowStretch(int Segment, int Unit, long Skip, long Take);

/// <summary>
/// Cuts a rank's planned segments into shuffle windows that mix many units: up to <c>lanes</c> segments are
/// read side by side, and each window takes an equal share of its rows from every open lane, so the rows of
/// one window come from as many units as there are lanes. A lane whose segment runs out takes the next
/// segment at the next window. Every lane reads its segment front to back, so nothing is read twice; and the
/// windows are a pure function of the segments, so a resume can find any window's starting positions
/// without reading data.
/// </summary>
internal static class ShufflePlan
{
    /// <remarks>
    /// Made one at a time as the pass reaches them: a pass has a window per <c>windowRows</c> rows, so a list of them
    /// grew with the dataset (a billion rows in windows of a few rows, or a damaged Arrow batch claiming them, took
    /// gigabytes before the first row).
    /// </remarks>
    public static IEnumerable<WindowStretch[]> Windows(IReadOnlyList<UnitSegment> segments, int windowRows, int lanes)
    {
        var open = new List<(int Segment, long Offset)>();
        int nextSegment = 0;
        while (true)
        {
            while (open.Count < lanes && nextSegment < segments.Count)
            {
                open.Add((nextSegment++, 0));
            }

            if (open.Count == 0)
            {
                yield break;
            }

            long quota = (windowRows + open.Count - 1) / open.Count;
            var window = new WindowStretch[open.Count];
            for (int lane = 0; lane < open.Count; lane++)
            {
                (int segment, long offset) = open[lane];
                UnitSegment source = segments[segment];
                long take = Math.Min(quota, source.Take - offset);
                window[lane] = new WindowStretch(segment, source.Unit, source.Skip + offset, take);
                open[lane] = (segment, offset + take);
            }

            yield return window;
            open.RemoveAll(lane => lane.Offset == segments[lane.Segment].Take);
        }
    }

    /// <summary>The order of a window's rows: a permutation drawn from (seed, epoch, rank, window).</summary>
    public static int[] Permutation(int rows, int seed, int epoch, int rank, int window)
    {
        var random = new SeededRandom(SeededRandom.Mix(SeededRandom.Mix((ulong)(uint)seed, (ulong)(uint)epoch), ((ulong)(uint)rank << 32) | (uint)window));
        int[] order = Enumerable.Range(0, rows).ToArray();
        for (int i = rows - 1; i > 0; i--)
        {
            int j = (int)random.Next((ulong)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
