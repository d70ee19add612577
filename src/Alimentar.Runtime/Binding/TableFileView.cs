namespace Alimentar.Binding;

/// <summary>
/// How a table format says to read one of its files, where the file alone would say otherwise: Delta Lake's column
/// mapping stores columns under physical names (<c>col-5f42…</c>) that are not the table's, and its log, not the
/// file's path, holds the file's partition values (a table may keep its files in random prefix folders) and bounds on
/// its columns' values.
/// </summary>
/// <param name="Rename">The file's schema with the table's names; null when the file's own names are the table's.</param>
/// <param name="Partitions">The file's partition values by the table's column names (a null value as Hive's null directory); null to take them from the path.</param>
internal sealed record TableFileView(Func<IReadOnlyList<SchemaElement>, IReadOnlyList<SchemaElement>>? Rename, IReadOnlyList<(string Key, string Value)>? Partitions)
{
    /// <summary>
    /// What the table says about a member's column over the whole file (a Delta file's statistics in the log), so that
    /// a filter can leave the file unopened; null when it says nothing. Called with the member, the row schema and the
    /// file's name; returns null for a member it says nothing about.
    /// </summary>
    public Func<ColumnDescriptor, RowSchema, string, ValueSummary?>? ColumnSummary { get; init; }

    /// <summary>
    /// The table's top-level column names (under its names, case-insensitive), when it says: a file's other columns
    /// (Delta's change data feed writes <c>_change_type</c> into data files) are not the table's, and tools with no row
    /// type leave them out; null when the table does not say.
    /// </summary>
    public IReadOnlySet<string>? TableColumns { get; init; }

    /// <summary>Whether a column whose path starts with <paramref name="topLevelName"/> (the table's name for it) is the table's.</summary>
    public bool IsTableColumn(string topLevelName) => TableColumns is null || TableColumns.Contains(topLevelName);

    /// <summary>The schema to bind: the file's, renamed where the table says.</summary>
    public FileSchema SchemaOf(FileSchema file) => Rename is null ? file : FileSchema.Build(Rename(file.Elements));
}
