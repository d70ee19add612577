namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Keeps the rows a Delta deletion vector has not deleted: a test of each row's position in the file rather than of a
/// column, so it reads no column, and statistics can say nothing of it.
/// </summary>
/// <param name="Rows">The deleted positions.</param>
internal sealed record DeletedRowsNode(DeletedRows Rows) : FilterNode
{
    public override IEnumerable<FilterLeaf> Leaves() => [];

    /// <summary>
    /// The deletion vector <paramref name="filter"/> applies to every row: itself, or the leftmost operand of its
    /// <c>&amp;&amp;</c>s, where a source puts it before the filters added after; null when there is none.
    /// </summary>
    public static DeletedRowsNode? Of(FilterNode filter) => filter switch
    {
        DeletedRowsNode deleted => deleted,
        AndNode and => Of(and.Left),
        _ => null,
    };

    public override string ToString() => $"not deleted by the Delta deletion vector ({Rows.Count} rows)";
}
