namespace Alimentar;

/// <summary>
/// Marks a <c>partial</c> record, class or struct as a row type that Alimentar streams from Parquet.
/// The source generator implements <see cref="IStreamingRow{TSelf}"/> on it and emits a columnar
/// store, a row-group reader, a writer and typed column accessors on <c>Batch&lt;T&gt;</c>.
/// </summary>
/// <example>
/// <code>
/// [StreamingDataset]
/// public partial record Trip(long Id, [property: ParquetColumn("user_id")] int UserId, string? Comment);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class StreamingDatasetAttribute : Attribute
{
}
