namespace Alimentar.Benchmarks;

/// <summary>The QuickStart row: what the side-by-side read benchmarks stream.</summary>
[StreamingDataset]
public partial record Ride(long Id, int UserId, float Score, double? Value, bool Paid, DateTime Timestamp, string Label, string? Comment);

/// <summary>The same row as a plain class for Parquet.Net's reflection-based serializer.</summary>
public sealed class RidePoco
{
    public long Id { get; set; }

    public int UserId { get; set; }

    public float Score { get; set; }

    public double? Value { get; set; }

    public bool Paid { get; set; }

    public DateTime Timestamp { get; set; }

    // Arrow C++ writes every string column OPTIONAL, so this one is not marked [ParquetRequired].
    public string Label { get; set; } = string.Empty;

    public string? Comment { get; set; }
}

/// <summary>The same row as ParquetSharp's row-oriented reader maps it: fields bound to columns by name.</summary>
public struct RideStruct
{
    [ParquetSharp.RowOriented.MapToColumn("Id")] public long Id;
    [ParquetSharp.RowOriented.MapToColumn("UserId")] public int UserId;
    [ParquetSharp.RowOriented.MapToColumn("Score")] public float Score;
    [ParquetSharp.RowOriented.MapToColumn("Value")] public double? Value;
    [ParquetSharp.RowOriented.MapToColumn("Paid")] public bool Paid;
    [ParquetSharp.RowOriented.MapToColumn("Timestamp")] public DateTime Timestamp;
    [ParquetSharp.RowOriented.MapToColumn("Label")] public string Label;
    [ParquetSharp.RowOriented.MapToColumn("Comment")] public string? Comment;
}
