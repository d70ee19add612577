namespace Alimentar.Storage;

/// <summary>A data file of a Delta table's current version: its path relative to the table's root, and the rows a deletion vector removed from it.</summary>
/// <param name="Path">The <c>/</c>-separated, unescaped path below the table's root.</param>
/// <param name="DeletionVector">Its deletion vector; null when every row of the file is the table's.</param>
internal sealed record DeltaDataFile(string Path, DeltaDeletionVector? DeletionVector);
