namespace Alimentar.Streaming;

/// <summary>One stretch of one unit that a planned pass reads.</summary>
internal readonly record struct UnitSegment(int Unit, long Skip, long Take);

/// <summary>
/// Plans a pass over units from their row counts alone: the units in order, or permuted by (seed, epoch);
/// then this rank's equal, contiguous share of the rows in that order. Ranks that plan with the same
/// counts, seed and epoch get disjoint shares that together cover every row but the remainder (fewer than
/// the world size, or which <see cref="ShardRemainder.Pad"/> fills by repeating the first rows), without talking to each other. A pure function: the same inputs give the same plan.
/// </summary>
internal static class UnitPlan
{
    public static (IReadOnlyList<UnitSegment> Segments, long Rows) Create(IReadOnlyList<long> rowCounts, int? seed, int epoch, ShardPlan shard)
    {
        int rank = shard.Rank;
        int worldSize = shard.WorldSize;
        int[] order = Enumerable.Range(0, rowCounts.Count).ToArray();
        if (seed is { } s)
        {
            var random = new SeededRandom(SeededRandom.Mix((ulong)(uint)s, (ulong)(uint)epoch));
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = (int)random.Next((ulong)i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        long total = rowCounts.Sum();
        long share = total / worldSize;
        if (shard.Remainder == ShardRemainder.Pad && total % worldSize != 0)
        {
            share++;
        }

        long start = share * rank;
        long end = start + share;
        var segments = new List<UnitSegment>();
        long position = 0;

        // Padding reads past the end of the order, which wraps to its start: the repeated rows are the first ones.
        while (total > 0 && position < end)
        {
            foreach (int unit in order)
            {
                long rows = rowCounts[unit];
                long from = Math.Max(start, position);
                long to = Math.Min(end, position + rows);
                if (from < to)
                {
                    segments.Add(new UnitSegment(unit, from - position, to - from));
                }

                position += rows;
            }
        }

        return (segments, total == 0 ? 0 : share);
    }
}
