namespace Alimentar.Parquet.Filtering;

/// <summary>
/// What a filter leaves of one row group: nothing (with why), or the row ranges to read (all of it unless
/// a page index ruled pages out), each sorted and apart.
/// </summary>
internal sealed record RowGroupPlan(int Index, long Rows, IReadOnlyList<RowRange> Ranges, string Reason)
{
    public bool IsKept => Ranges.Count > 0;

    public long RowsToRead => Ranges.Sum(range => range.Count);

    /// <summary>Pages the column index kept and had, summed over the filter's columns; zero when the file has no page index.</summary>
    public int PagesKept { get; init; }

    public int PagesTotal { get; init; }

    /// <summary>Each bound column's offset index, where the file has one (null elsewhere): what skipping seeks by.</summary>
    public IReadOnlyList<OffsetIndex?> OffsetIndexes { get; init; } = [];

    /// <summary>Whether a page index said which pages to read: then only those are fetched.</summary>
    public bool ByPages => OffsetIndexes.Any(o => o is not null);
}
