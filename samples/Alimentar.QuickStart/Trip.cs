using Alimentar;

namespace Alimentar.QuickStart;

/// <summary>One taxi trip: the row type the generator builds a column store and reader for.</summary>
[StreamingDataset]
public partial record Trip(
    long Id,
    [property: ParquetColumn("user_id")] int UserId,
    float Score,
    double? Value,
    bool Paid,
    DateTime Timestamp,
    string Label,
    string? Comment);
