namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Explains a filter over any file, untyped: every leaf column bound as a nullable member of its natural
/// type (under a table's names when a view gives them), and its partition keys (a table's, or the path's
/// <c>key=value</c> directories) as columns of the value each holds, the filter built over those columns by the caller
/// (the CLI parses it from text).
/// </summary>
internal static class FilterExplainer
{
    public static async Task<FilterExplanation> ExplainAsync(
        Func<CancellationToken, ValueTask<IRangeReader>> open, string name, Func<BoundColumn[], FilterNode> filter, CancellationToken cancellationToken, TableFileView? view = null)
    {
        await using ParquetFile file = await ParquetFile.OpenAsync(open, name, cancellationToken).ConfigureAwait(false);
        BoundColumn[] columns = WithPartitions(ParquetFileScanner.BindEveryLeaf(view?.SchemaOf(file.Schema) ?? file.Schema, name), view?.Partitions ?? HivePartition.Of(name), name);
        var rowSchema = new RowSchema(name, columns.Select(c => c.Descriptor).ToArray());
        var binding = new ParquetFileBinding(name, rowSchema, columns);
        FilterNode node = filter(columns);
        var groups = new List<RowGroupExplanation>();
        if (TableRulesOut(node, columns, rowSchema, name, view) is { } why)
        {
            for (int index = 0; index < file.RowGroupCount; index++)
            {
                groups.Add(new RowGroupExplanation(index, file.Metadata.RowGroups[index].RowCount, false, 0, 0, 0, why));
            }

            return new FilterExplanation(name, node.ToString(), groups);
        }

        var planner = new FilterPlanner(file, binding, node);
        for (int index = 0; index < file.RowGroupCount; index++)
        {
            RowGroupPlan plan = await planner.PlanAsync(index, cancellationToken).ConfigureAwait(false);
            groups.Add(new RowGroupExplanation(index, plan.Rows, plan.IsKept, plan.RowsToRead, plan.PagesKept, plan.PagesTotal, plan.Reason));
        }

        return new FilterExplanation(name, node.ToString(), groups);
    }

    /// <summary>
    /// The file's columns and, after them, each partition key the file does not hold as a column, typed as its value
    /// reads (a number, a date, true or false, else text), its pages made of that value as a typed pass makes them.
    /// </summary>
    private static BoundColumn[] WithPartitions(BoundColumn[] columns, IReadOnlyList<(string Key, string Value)> partitions, string name)
    {
        (string Key, string Value)[] absent = [.. partitions.Where(p => !columns.Any(c => string.Equals(c.Field.Path.FirstPart, p.Key, StringComparison.OrdinalIgnoreCase)))];
        if (absent.Length == 0)
        {
            return columns;
        }

        ColumnDescriptor[] keys = [.. absent.Select(p => new ColumnDescriptor(p.Key, p.Key, HivePartition.NaturalType(p.Value), IsNullable: true) { HasExplicitName = true })];
        var rowSchema = new RowSchema(name, [.. columns.Select(c => c.Descriptor), .. keys]);
        return [.. columns, .. keys.Select(key => MissingMember.PartitionAs(rowSchema, key, HivePartition.Find(key, rowSchema, name, absent)!))];
    }

    /// <summary>
    /// Why the table's log rules the whole file out (its partition values and, for a Delta file, its columns' bounds),
    /// as a typed pass skips it unopened; null when the log lets rows through or says nothing.
    /// </summary>
    private static string? TableRulesOut(FilterNode node, BoundColumn[] columns, RowSchema rowSchema, string name, TableFileView? view)
    {
        if (view?.ColumnSummary is not { } summaryOf)
        {
            return null;
        }

        var summaries = new ValueSummary?[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            summaries[i] = columns[i].Partition is not null ? ValueSummary.OfPartition(columns[i]) : summaryOf(columns[i].Descriptor, rowSchema, name);
        }

        return StatisticsJudge.Judge(node, column => summaries[column]).MayPass
            ? null
            : "the table's log rules out every row of the file (its partition values and column bounds), so a pass leaves it unopened";
    }
}
