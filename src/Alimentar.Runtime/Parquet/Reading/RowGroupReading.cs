namespace Alimentar.Parquet.Reading;

/// <summary>
/// What one read of a row group takes: the row ranges to hand out (a plain pass keeps one range of every row, a
/// resumed unit one range from its first row, a filter its plan's ranges), how to seek between them, the filter
/// that picks rows inside them, how big batches are, and where the memory the page readers hold is counted.
/// </summary>
/// <param name="Ranges">The ranges to read, in order; rows between them are passed over, never decoded into a store.</param>
/// <param name="OffsetIndexes">Per column, its offset index where one is loaded (to seek over pages), or none.</param>
/// <param name="ByPages">Whether each range's pages are fetched as it is reached (a filter's page-index plan) rather than the chunks' first stretches up front.</param>
/// <param name="Filter">The rows to keep inside the ranges, or null for all of them.</param>
/// <param name="BatchSize">The most rows a batch reads.</param>
/// <param name="BatchBytes">The most uncompressed bytes a batch is estimated to hold.</param>
/// <param name="Memory">The pass's memory tracker, or null.</param>
internal sealed record RowGroupReading(
    IReadOnlyList<RowRange> Ranges,
    IReadOnlyList<OffsetIndex?> OffsetIndexes,
    bool ByPages,
    FilterNode? Filter,
    int BatchSize,
    long BatchBytes,
    MemoryTracker? Memory);
