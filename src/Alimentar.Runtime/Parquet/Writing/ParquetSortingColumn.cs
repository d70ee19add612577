namespace Alimentar;

/// <summary>A sort key recorded in a written file's row groups.</summary>
/// <param name="Column">The column's name (a top-level name or a dotted path to a nested leaf).</param>
/// <param name="Descending">Whether larger values come first.</param>
/// <param name="NullsFirst">Whether nulls come before values.</param>
public sealed record ParquetSortingColumn(string Column, bool Descending = false, bool NullsFirst = false);
