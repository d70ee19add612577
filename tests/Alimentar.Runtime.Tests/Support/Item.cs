namespace Alimentar.Runtime.Tests;

[StreamingDataset]
public partial record Item(int Id, string Name, double? Score);
