namespace Alimentar;

/// <summary>One stretch of one unit that a planned pass reads.</summary>
internal readonly record struct UnitSegment(int Unit, long Skip, long Take);

/// <summary>
/// Plans a pass over units from their row counts alone: the units in order, or permuted by (seed, epoch);
/// then this rank's equal, contiguous share of the rows in that order. Ranks that plan with the same
/// counts, seed and epoch get disjoint shares that together cover every row but the remainder (fewer than
/// the world size), without talking to each other. A pure function: the same inputs give the same plan.
/// </summary>
internal static class UnitPlan
{
    public static (IReadOnlyList<UnitSegment> Segments, long Rows) Create(IReadOnlyList<long> rowCounts, int? seed, int epoch, int rank, int worldSize)
    {
        int[] order = Enumerable.Range(0, rowCounts.Count).ToArray();
        if (seed is { } s)
        {
            var random = new SplitMix64(Mix((ulong)(uint)s, (ulong)(uint)epoch));
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = (int)random.Next((ulong)i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        long total = rowCounts.Sum();
        long share = total / worldSize;
        long start = share * rank;
        long end = start + share;
        var segments = new List<UnitSegment>();
        long position = 0;
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

        return (segments, share);
    }

    private static ulong Mix(ulong seed, ulong epoch) => new SplitMix64(seed ^ (epoch * 0x9E3779B97F4A7C15UL)).Next(ulong.MaxValue);

    /// <summary>A small, fixed random generator, so plans never change with the framework's <see cref="Random"/>.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        /// <summary>A value below <paramref name="bound"/>; the slight bias of a modulo does not matter to a shuffle of units.</summary>
        public ulong Next(ulong bound)
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return bound == ulong.MaxValue ? z : z % bound;
        }
    }
}
