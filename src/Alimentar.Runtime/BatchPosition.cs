namespace Alimentar;

/// <summary>Where a batch's first row sits in its source: what sharding, shuffling and resume tokens build on.</summary>
/// <param name="Source">The file path, or a name for in-memory sources.</param>
/// <param name="RowGroup">The row group (or, for in-memory sources, the batch) counting from zero.</param>
/// <param name="RowOffset">The first row's offset within that row group.</param>
public readonly record struct BatchPosition(string Source, int RowGroup, long RowOffset)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}, row group {RowGroup}, row {RowOffset}";
}
