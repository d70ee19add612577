namespace Alimentar.Pretraining;

/// <summary>One training example: a fixed-length run of token ids, cut across document boundaries.</summary>
[StreamingDataset]
public partial record TokenSequence(long Id, int[] Tokens);
