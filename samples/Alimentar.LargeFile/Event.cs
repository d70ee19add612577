namespace Alimentar.LargeFile;

/// <summary>The QuickStart row: ids, a user, a score, an optional value, a flag, a time, a label and an optional comment.</summary>
[StreamingDataset]
public partial record Event(long Id, int UserId, float Score, double? Value, bool Paid, DateTime Timestamp, string Label, string? Comment);
