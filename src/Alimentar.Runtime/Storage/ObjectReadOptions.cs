namespace Alimentar;

/// <summary>How Parquet files are read from an <see cref="IObjectStore"/>: request sizes, merging, parallelism, retries and timeouts.</summary>
/// <remarks>The defaults suit S3 and Azure Blob from a machine in the same region.</remarks>
public sealed record ObjectReadOptions
{
    /// <summary>The defaults.</summary>
    public static ObjectReadOptions Default { get; } = new();

    /// <summary>
    /// The file's tail fetched with its first range request (default 64 KiB): the footer of most files fits, so
    /// reading a footer takes one request, two when it is larger (plus one for the object's length and ETag
    /// unless a listing gave them).
    /// </summary>
    public int FooterGuessBytes { get; init => field = NotNegative(value); } = 64 << 10;

    /// <summary>
    /// The most bytes one request fetches of a column chunk (default 8 MiB); a larger chunk is read in requests of
    /// this size as it decodes, so memory follows this size and not the chunk's.
    /// </summary>
    public int RangeBytes { get; init => field = Positive(value); } = 8 << 20;

    /// <summary>
    /// Ranges of a row group closer than this are fetched as one request, the gap included (default 256 KiB):
    /// larger saves requests (round trips), smaller saves bytes (egress). 0 merges only adjacent ranges.
    /// </summary>
    public int MergeGapBytes { get; init => field = NotNegative(value); } = 256 << 10;

    /// <summary>Requests in flight at once for one file (default 4).</summary>
    public int MaxParallelRequests { get; init => field = Positive(value); } = 4;

    /// <summary>Whether the next row group's first ranges are fetched while the current one decodes (default true).</summary>
    public bool ReadAheadRowGroup { get; init; } = true;

    /// <summary>Attempts per request, the first included (default 4).</summary>
    public int MaxAttempts { get; init => field = Positive(value); } = 4;

    /// <summary>The wait before the first retry; each later wait doubles, with jitter (default 200 ms).</summary>
    public TimeSpan RetryDelay { get; init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A delay cannot be negative."); } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one request may take before it is abandoned and retried (default 30 s; <see cref="Timeout.InfiniteTimeSpan"/> for no limit).</summary>
    public TimeSpan RequestTimeout { get; init => field = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout must be positive, or infinite."); } = TimeSpan.FromSeconds(30);

    private static int NotNegative(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value;
    }

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
