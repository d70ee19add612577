namespace Alimentar.Training;

/// <summary>One training example: an id, a label and a few features.</summary>
[StreamingDataset]
public partial record Example(long Id, int Label, float F0, float F1, float F2);
