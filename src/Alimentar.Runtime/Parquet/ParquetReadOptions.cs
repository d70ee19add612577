namespace Alimentar;

/// <summary>
/// How a <see cref="ParquetSource{T}"/> reads: batch sizes, decoding threads, checks and buffers. Each setting has the
/// name of the source's fluent call that sets it (<c>source.BatchSize(1024)</c> sets <see cref="BatchSize"/>), and a
/// value out of range is refused when it is set, here or through that call.
/// </summary>
/// <remarks>
/// Immutable: a source holds one and its fluent calls replace it, so options read from configuration can be given
/// whole (<see cref="ParquetSource{T}.WithOptions(ParquetReadOptions)"/>), shared between sources, or kept as they were when a pass began.
/// </remarks>
/// <example>
/// <code>
/// var options = new ParquetReadOptions { BatchSize = 4096, DecodeThreads = 2 };
/// var source = new ParquetSource&lt;Trip&gt;("trips.parquet").WithOptions(options);
/// </code>
/// </example>
public sealed record ParquetReadOptions
{
    /// <summary>The rows per batch unless <see cref="BatchSize"/> says otherwise.</summary>
    public const int DefaultBatchSize = 16_384;

    /// <summary>The most bytes of decoded values a batch holds unless <see cref="BatchBytes"/> says otherwise: 16 MiB.</summary>
    public const long DefaultBatchBytes = 16L << 20;

    private readonly int _batchSize = DefaultBatchSize;
    private readonly long _batchBytes = DefaultBatchBytes;
    private readonly int _decodeAhead = 1;
    private readonly int _decodeThreads = Environment.ProcessorCount;
    private readonly ColumnBufferPool _bufferPool = ColumnBufferPool.Shared;

    /// <summary>The options every source starts with.</summary>
    public static ParquetReadOptions Default { get; } = new();

    /// <summary>Rows per batch (default 16,384; the last batch of each row group may be shorter): the unit of memory.</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = Positive(value);
    }

    /// <summary>
    /// The most bytes of decoded values a batch holds (default 16 MiB): a row group whose rows are large (long lists,
    /// long texts) is read in batches of fewer than <see cref="BatchSize"/> rows, estimated from its chunks'
    /// uncompressed sizes; see <see cref="ParquetSource{T}.BatchBytes(long)"/>.
    /// </summary>
    public long BatchBytes
    {
        get => _batchBytes;
        init => _batchBytes = Positive(value);
    }

    /// <summary>
    /// Batches decoded ahead, on another thread, of the one being handed out when the source is read directly
    /// (default 1; 0 decodes on the caller's thread). Each holds one more batch in memory and lets another core
    /// decode while the consumer works. Under a <see cref="StreamingDataset{T}"/> (or an async prefetch) the
    /// dataset's buffer is what decodes ahead, on its own thread, and this setting is not used: one pump per pass.
    /// </summary>
    public int DecodeAhead
    {
        get => _decodeAhead;
        init => _decodeAhead = NotNegative(value);
    }

    /// <summary>
    /// The most threads one batch's columns are decoded on, side by side (default: the processor count; 1 decodes
    /// them one after another); see <see cref="ParquetSource{T}.DecodeThreads(int)"/>.
    /// </summary>
    public int DecodeThreads
    {
        get => _decodeThreads;
        init => _decodeThreads = Positive(value);
    }

    /// <summary>Whether page CRCs are checked where the writer stored them (default true).</summary>
    public bool VerifyPageChecksums { get; init; } = true;

    /// <summary>
    /// Whether a nullable member whose column a file lacks reads as null in every row of that file, rather than
    /// failing with a <see cref="SchemaMismatchException"/> (default false); see
    /// <see cref="ParquetSource{T}.MissingColumnsAsNull(bool)"/>.
    /// </summary>
    public bool MissingColumnsAsNull { get; init; }

    /// <summary>Where column buffers are rented from (default <see cref="ColumnBufferPool.Shared"/>).</summary>
    public ColumnBufferPool BufferPool
    {
        get => _bufferPool;
        init => _bufferPool = value ?? throw new ArgumentNullException(nameof(BufferPool));
    }

    // A value out of range is refused where it is set, naming the setting (CallerMemberName gives the property's).
    private static T Positive<T>(T value, [System.Runtime.CompilerServices.CallerMemberName] string setting = "")
        where T : System.Numerics.INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, setting);
        return value;
    }

    private static T NotNegative<T>(T value, [System.Runtime.CompilerServices.CallerMemberName] string setting = "")
        where T : System.Numerics.INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, setting);
        return value;
    }
}
