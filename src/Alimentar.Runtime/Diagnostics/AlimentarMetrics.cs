using System.Diagnostics.Metrics;

namespace Alimentar;

/// <summary>
/// The library's <see cref="Meter"/>, named <c>Alimentar</c>: listen with <c>dotnet-counters monitor --counters Alimentar</c>,
/// OpenTelemetry's <c>AddMeter("Alimentar")</c>, or a <see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// Instruments: <c>alimentar.rows</c> and <c>alimentar.batches</c> (produced by sources into datasets),
/// <c>alimentar.bytes_read</c> (compressed Parquet bytes of the column chunks used),
/// <c>alimentar.storage.requests</c>, <c>alimentar.storage.bytes_fetched</c> and <c>alimentar.storage.retries</c> (object stores),
/// <c>alimentar.buffered_bytes</c> (bytes of batches waiting in dataset buffers),
/// <c>alimentar.producer.blocked</c> (seconds a producer waited for room: backpressure at work) and
/// <c>alimentar.consumer.waited</c> (seconds a consumer waited for a batch: the source is the bottleneck).
/// </remarks>
public static class AlimentarMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Alimentar";

    /// <summary>Rows produced into datasets.</summary>
    public const string Rows = "alimentar.rows";

    /// <summary>Batches produced into datasets.</summary>
    public const string Batches = "alimentar.batches";

    /// <summary>Compressed bytes of the Parquet column chunks read.</summary>
    public const string BytesRead = "alimentar.bytes_read";

    /// <summary>Bytes of the batches waiting in dataset buffers.</summary>
    public const string BufferedBytes = "alimentar.buffered_bytes";

    /// <summary>Seconds producers spent waiting for room in a buffer.</summary>
    public const string ProducerBlocked = "alimentar.producer.blocked";

    /// <summary>Seconds consumers spent waiting for a batch.</summary>
    public const string ConsumerWaited = "alimentar.consumer.waited";

    /// <summary>Requests made to object stores.</summary>
    public const string StorageRequests = "alimentar.storage.requests";

    /// <summary>Bytes fetched from object stores (what was used, plus gaps merged into requests and ranges read ahead).</summary>
    public const string StorageBytes = "alimentar.storage.bytes_fetched";

    /// <summary>Object store requests retried after a transient failure.</summary>
    public const string StorageRetries = "alimentar.storage.retries";

    internal static readonly Meter Meter = new(MeterName, typeof(AlimentarMetrics).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> RowCounter = Meter.CreateCounter<long>(Rows, "{row}", "Rows produced into datasets.");

    internal static readonly Counter<long> BatchCounter = Meter.CreateCounter<long>(Batches, "{batch}", "Batches produced into datasets.");

    internal static readonly Counter<long> BytesReadCounter = Meter.CreateCounter<long>(BytesRead, "By", "Compressed bytes of the Parquet column chunks read.");

    internal static readonly Counter<long> StorageRequestCounter = Meter.CreateCounter<long>(StorageRequests, "{request}", "Requests made to object stores.");

    internal static readonly Counter<long> StorageBytesCounter = Meter.CreateCounter<long>(StorageBytes, "By", "Bytes fetched from object stores.");

    internal static readonly Counter<long> StorageRetryCounter = Meter.CreateCounter<long>(StorageRetries, "{retry}", "Object store requests retried after a transient failure.");

    internal static readonly UpDownCounter<long> BufferedBytesCounter = Meter.CreateUpDownCounter<long>(BufferedBytes, "By", "Bytes of batches waiting in dataset buffers.");

    internal static readonly Histogram<double> ProducerBlockedTime = Meter.CreateHistogram<double>(ProducerBlocked, "s", "Time producers waited for room in a buffer.");

    internal static readonly Histogram<double> ConsumerWaitTime = Meter.CreateHistogram<double>(ConsumerWaited, "s", "Time consumers waited for a batch.");
}
