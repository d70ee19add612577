namespace Alimentar.Streaming;

/// <summary>
/// Shares out what the ranks of a stopped run had not delivered among the ranks of the next, which may be more or
/// fewer: each old rank's rest of the epoch (its ranges after the rows its consumer received) is laid end to end
/// in old-rank order, and new rank j of M takes the j-th of M contiguous shares, the first (rest mod M) one row
/// longer. So every row of the epoch is delivered once across both runs, and a run resumed this way can itself be
/// stopped and resumed on yet another number of ranks, since its states are ranges of the same plan.
/// </summary>
internal static class ElasticPlan
{
    /// <param name="states">Every rank's state, ordered by rank, all of one world.</param>
    /// <param name="epochShareRows">The rows one rank of the epoch's plan reads (the same for every rank).</param>
    /// <param name="rank">The new rank.</param>
    /// <param name="worldSize">The new world size.</param>
    public static IReadOnlyList<EpochRange> Share(IReadOnlyList<StreamingState> states, long epochShareRows, int rank, int worldSize)
    {
        var rest = new List<EpochRange>();
        foreach (StreamingState state in states)
        {
            IReadOnlyList<EpochRange> ranges = state.Ranges.Count > 0 ? state.Ranges : [new EpochRange(state.Rank, 0, epochShareRows)];
            rest.AddRange(After(ranges, state.RowsConsumed));
        }

        long total = rest.Sum(r => r.Rows);
        long share = total / worldSize;
        long longer = total % worldSize;
        long first = (share * rank) + Math.Min(rank, longer);
        long rows = share + (rank < longer ? 1 : 0);
        return Slice(rest, first, rows);
    }

    /// <summary>The ranges left once <paramref name="consumed"/> rows of <paramref name="ranges"/> have been delivered.</summary>
    public static List<EpochRange> After(IReadOnlyList<EpochRange> ranges, long consumed) => Slice(ranges, consumed, long.MaxValue);

    private static List<EpochRange> Slice(IReadOnlyList<EpochRange> ranges, long first, long rows)
    {
        var slice = new List<EpochRange>();
        foreach (EpochRange range in ranges)
        {
            if (rows == 0)
            {
                break;
            }

            if (first >= range.Rows)
            {
                first -= range.Rows;
                continue;
            }

            long take = Math.Min(range.Rows - first, rows);
            slice.Add(range with { Start = range.Start + first, Rows = take });
            rows -= take;
            first = 0;
        }

        return slice;
    }
}
