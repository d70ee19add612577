namespace Alimentar.Abstractions.Tests;

/// <summary>A row type generated without the runtime: the abstractions alone are enough to build and fill stores.</summary>
[StreamingDataset]
public partial record struct Point(float X, float Y, string? Tag);

/// <summary>A row of two variants, one nullable, for the store's size.</summary>
[StreamingDataset]
public partial record Reading(ParquetVariant Payload, ParquetVariant? Extra);
