namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Explains a filter over any file, untyped: every leaf column bound as a nullable member of its natural
/// type (under a table's names when a view gives them), the filter built over those columns by the caller (the CLI
/// parses it from text).
/// </summary>
internal static class FilterExplainer
{
    public static async Task<FilterExplanation> ExplainAsync(
        Func<CancellationToken, ValueTask<IRangeReader>> open, string name, Func<BoundColumn[], FilterNode> filter, CancellationToken cancellationToken, TableFileView? view = null)
    {
        await using ParquetFile file = await ParquetFile.OpenAsync(open, name, cancellationToken).ConfigureAwait(false);
        BoundColumn[] columns = ParquetFileScanner.BindEveryLeaf(view?.SchemaOf(file.Schema) ?? file.Schema, name);
        var binding = new ParquetFileBinding(name, new RowSchema(name, columns.Select(c => c.Descriptor).ToArray()), columns);
        FilterNode node = filter(columns);
        var planner = new FilterPlanner(file, binding, node);
        var groups = new List<RowGroupExplanation>();
        for (int index = 0; index < file.RowGroupCount; index++)
        {
            RowGroupPlan plan = await planner.PlanAsync(index, cancellationToken).ConfigureAwait(false);
            groups.Add(new RowGroupExplanation(index, plan.Rows, plan.IsKept, plan.RowsToRead, plan.PagesKept, plan.PagesTotal, plan.Reason));
        }

        return new FilterExplanation(name, node.ToString(), groups);
    }
}
