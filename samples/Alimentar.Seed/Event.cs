namespace Alimentar.Seed;

/// <summary>The row type every seed example streams.</summary>
[StreamingDataset]
public partial record Event(long Id, string Kind, double Value);
