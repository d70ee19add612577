namespace Alimentar.Storage;

/// <summary>A data file of a Delta table's current version, and what the log says about reading it.</summary>
/// <param name="Path">The <c>/</c>-separated, unescaped path below the table's root.</param>
/// <param name="DeletionVector">Its deletion vector; null when every row of the file is the table's.</param>
/// <param name="Partitions">Its partition values by the table's column names; a null value is a null partition.</param>
/// <param name="ColumnMapping">The names the table gives the columns its files store under physical names; null when the files' names are the table's.</param>
internal sealed record DeltaDataFile(string Path, DeltaDeletionVector? DeletionVector, IReadOnlyList<(string Key, string? Value)> Partitions, DeltaColumnMapping? ColumnMapping)
{
    /// <summary>What the log says about its columns' values; null when it says nothing a filter can use.</summary>
    public DeltaFileStatistics? Statistics { get; init; }

    /// <summary>The table's top-level column names; null when its schema does not say.</summary>
    public IReadOnlySet<string>? TableColumns { get; init; }

    /// <summary>How the file is read as the table's: its columns renamed, its partition values and its columns' summaries from the log.</summary>
    public TableFileView View() => new(
        ColumnMapping is { } mapping ? mapping.Rename : null,
        [.. Partitions.Select(p => (p.Key, p.Value ?? HivePartition.NullDirectory))])
    {
        ColumnSummary = Statistics is { } statistics ? statistics.Summarize : null,
        TableColumns = TableColumns,
    };
}
