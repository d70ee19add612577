using System.Text;

namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Judges a filter over rows that only statistics describe: a row group from its chunks' footer statistics,
/// or a page from the column index. Each comparison is judged by C#'s rules for the member (nulls fail all
/// but <c>!=</c>, NaN may hide outside any bounds); strings by the UTF-8 byte order statistics are kept in.
/// </summary>
internal static class StatisticsJudge
{
    /// <param name="node">The filter.</param>
    /// <param name="summaryOf">What statistics say about a bound column over the rows, or null when nothing.</param>
    /// <param name="absent">True for an equality or set test none of whose values a Bloom filter holds.</param>
    public static Verdict Judge(FilterNode node, Func<int, ValueSummary?> summaryOf, Func<FilterLeaf, bool>? absent = null) => node switch
    {
        AndNode and => Verdict.And(Judge(and.Left, summaryOf, absent), Judge(and.Right, summaryOf, absent)),
        OrNode or => Verdict.Or(Judge(or.Left, summaryOf, absent), Judge(or.Right, summaryOf, absent)),
        NotNode not => Judge(not.Operand, summaryOf, absent).Not(),
        ConstantNode constant => new Verdict(constant.Value, !constant.Value),
        FilterLeaf leaf => JudgeLeaf(leaf, summaryOf(leaf.Column), absent),
        _ => Verdict.Unknown,
    };

    /// <summary>A Bloom filter can only say a value is absent: an equality then fails on every non-null row.</summary>
    private static Verdict JudgeLeaf(FilterLeaf leaf, ValueSummary? summary, Func<FilterLeaf, bool>? absent)
    {
        Verdict verdict = summary is null ? Verdict.Unknown : Leaf(leaf, summary);
        if (!verdict.MayPass || absent is null || leaf is not (CompareLeaf { Op: CompareOp.Equal } or InSetLeaf) || !absent(leaf))
        {
            return verdict;
        }

        bool nullMatches = leaf is InSetLeaf { HasNull: true } && (summary?.MayHoldNull ?? true);
        return new Verdict(nullMatches, true);
    }

    private static Verdict Leaf(FilterLeaf leaf, ValueSummary summary)
    {
        if (summary.AllNull)
        {
            return new Verdict(leaf.MatchesNull, !leaf.MatchesNull);
        }

        if (leaf is IsNullLeaf)
        {
            return new Verdict(summary.MayHoldNull, true);
        }

        if (leaf.EnumByName is not null || summary.Min is null || summary.Max is null)
        {
            return Verdict.Unknown; // Names do not sort as their numbers; no bounds, no judgement.
        }

        // NaN lies outside any bounds (statistics leave it out), and fails every comparison but !=.
        bool mayHoldNaN = leaf.Domain == FilterDomain.Floating;
        bool mayHoldMismatch = summary.MayHoldNull || mayHoldNaN;
        switch (leaf)
        {
            case CompareLeaf compare:
                if (Range(summary, compare.Constant, leaf) is not (int low, int high))
                {
                    return Verdict.Unknown;
                }

                bool within = low <= 0 && high >= 0;
                // String bounds may be truncated (a longer value hides behind them), so they never prove every value equal.
                bool onlyConstant = low == 0 && high == 0 && leaf.Domain != FilterDomain.Text;
                if (compare.NullSortsFirst && compare.MatchesNull && summary.MayHoldNull)
                {
                    return new Verdict(true, true);
                }

                return compare.Op switch
                {
                    CompareOp.Equal => new Verdict(within, mayHoldMismatch || !onlyConstant),
                    CompareOp.NotEqual => new Verdict(mayHoldMismatch || !onlyConstant, within),
                    CompareOp.Less => new Verdict(low < 0, mayHoldMismatch || high >= 0),
                    CompareOp.LessOrEqual => new Verdict(low <= 0, mayHoldMismatch || high > 0),
                    CompareOp.Greater => new Verdict(high > 0, mayHoldMismatch || low <= 0),
                    _ => new Verdict(high >= 0, mayHoldMismatch || low < 0),
                };
            case StartsWithLeaf { Ordinal: true } startsWith when summary.RawMin is { } rawMin && summary.RawMax is { } rawMax && FilterValue.StoredAsUtf8(startsWith.Prefix):
                byte[] prefix = Encoding.UTF8.GetBytes(startsWith.Prefix);
                bool belowAll = rawMax.AsSpan().SequenceCompareTo(prefix) < 0;
                bool aboveAll = rawMin.AsSpan(0, Math.Min(rawMin.Length, prefix.Length)).SequenceCompareTo(prefix) > 0;
                return new Verdict(!belowAll && !aboveAll, true);
            case InSetLeaf set:
                bool any = (set.HasNull && summary.MayHoldNull) || set.Values.Any(value =>
                    value.IsNaN || Range(summary, value, leaf) is not (int low, int high) || (low <= 0 && high >= 0));
                return new Verdict(any, true);
            default:
                return Verdict.Unknown;
        }
    }

    /// <summary>The signs of min minus the value and max minus the value, or null when they cannot be compared.</summary>
    private static (int Low, int High)? Range(ValueSummary summary, FilterValue value, FilterLeaf leaf)
    {
        if (value.IsNaN)
        {
            return null;
        }

        if (leaf.Domain == FilterDomain.Text)
        {
            // Statistics order strings by their UTF-8 bytes, which is UTF-16's ordinal order but where a string holds
            // a surrogate pair and the other a character from U+E000 up. Against a constant below U+D800 throughout,
            // the two orders agree for every value, so bounds judge an ordering; otherwise only equality.
            if (summary.RawMin is null || summary.RawMax is null || value.Text is null || !FilterValue.StoredAsUtf8(value.Text)
                || (leaf is CompareLeaf { Op: not (CompareOp.Equal or CompareOp.NotEqual) } && value.Text.AsSpan().IndexOfAnyInRange('\uD800', '\uFFFF') >= 0))
            {
                return null;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(value.Text);
            return (Math.Sign(summary.RawMin.AsSpan().SequenceCompareTo(bytes)), Math.Sign(summary.RawMax.AsSpan().SequenceCompareTo(bytes)));
        }

        if (FilterValue.From(summary.Min, leaf.Domain, leaf.Single) is not { } min || FilterValue.From(summary.Max, leaf.Domain, leaf.Single) is not { } max
            || min.CompareTo(value) is not int low || max.CompareTo(value) is not int high)
        {
            return null;
        }

        return (low, high);
    }
}
