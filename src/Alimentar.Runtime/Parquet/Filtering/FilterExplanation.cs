using System.Text;

namespace Alimentar;

/// <summary>What a <see cref="ParquetSource{T}.Where"/> filter reads of a file, row group by row group, and why: from <see cref="ParquetSource{T}.Explain"/>.</summary>
public sealed class FilterExplanation
{
    internal FilterExplanation(string source, string? filter, IReadOnlyList<RowGroupExplanation> rowGroups)
    {
        Source = source;
        Filter = filter;
        RowGroups = rowGroups;
    }

    /// <summary>The file or stream explained.</summary>
    public string Source { get; }

    /// <summary>The filter as the reader evaluates it, or null when there is none.</summary>
    public string? Filter { get; }

    /// <summary>One entry per row group of the file, in order.</summary>
    public IReadOnlyList<RowGroupExplanation> RowGroups { get; }

    /// <summary>The rows in the file.</summary>
    public long TotalRows => RowGroups.Sum(g => g.Rows);

    /// <summary>The rows the reader decodes and tests; the rest are never read.</summary>
    public long RowsToRead => RowGroups.Sum(g => g.RowsToRead);

    /// <summary>A report: the filter, then a line per row group.</summary>
    /// <returns>Plain text, one row group per line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Source).Append(": ").AppendLine(Filter is null ? "no filter" : $"filter {Filter}");
        text.Append("reads ").Append(RowsToRead).Append(" of ").Append(TotalRows).Append(" rows, in ")
            .Append(RowGroups.Count(g => g.Kept)).Append(" of ").Append(RowGroups.Count).AppendLine(" row groups");
        foreach (RowGroupExplanation group in RowGroups)
        {
            text.AppendLine(group.ToString());
        }

        return text.ToString();
    }
}

/// <summary>What a filter reads of one row group, and why.</summary>
/// <param name="Index">The row group, from 0.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="Kept">Whether any of it is read.</param>
/// <param name="RowsToRead">The rows decoded and tested: all of them, fewer when a page index ruled pages out, or none.</param>
/// <param name="PagesKept">Pages of the filter's columns kept by the page index (0 without one).</param>
/// <param name="PagesTotal">Pages of the filter's columns in the page index (0 without one).</param>
/// <param name="Reason">Why, in words: the statistics, Bloom filter or page index that decided.</param>
public sealed record RowGroupExplanation(int Index, long Rows, bool Kept, long RowsToRead, int PagesKept, int PagesTotal, string Reason)
{
    /// <summary>One line: the row group, kept or skipped, how much is read and why.</summary>
    /// <returns>The line.</returns>
    public override string ToString() =>
        $"  row group {Index} ({Rows} rows): {(Kept ? $"read {RowsToRead} rows" : "skipped")}: {Reason}";
}
