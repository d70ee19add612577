using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Alimentar;

/// <summary>Writes batches as an Arrow IPC stream, for any Arrow consumer (pyarrow, DuckDB, Polars, Spark).</summary>
public static class ArrowIpc
{
    /// <summary>Writes every batch to <paramref name="destination"/> as one Arrow IPC stream, disposing each batch once written.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="destination">Where the stream goes; left open.</param>
    /// <param name="batches">The batches, e.g. <c>streaming.ReadAllAsync(ct)</c>.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>The number of rows written.</returns>
    public static async Task<long> WriteAsync<T>(Stream destination, IAsyncEnumerable<Batch<T>> batches, CancellationToken cancellationToken = default)
        where T : IStreamingRow<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(batches);
        using var writer = new ArrowStreamWriter(destination, BatchArrowExtensions.ArrowSchemaOf<T>(), leaveOpen: true);
        await writer.WriteStartAsync(cancellationToken).ConfigureAwait(false);
        long rows = 0;
        await foreach (Batch<T> batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                using RecordBatch recordBatch = BatchArrowExtensions.ToArrow(batch, firstRow: rows);
                await writer.WriteRecordBatchAsync(recordBatch, cancellationToken).ConfigureAwait(false);
                rows += batch.Count;
            }
        }

        await writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Writes every batch to <paramref name="destination"/> as one Arrow IPC stream, disposing each batch once written.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="destination">Where the stream goes; left open.</param>
    /// <param name="batches">The batches, e.g. a <see cref="StreamingDataset{T}"/>.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>The number of rows written.</returns>
    public static Task<long> WriteAsync<T>(Stream destination, IEnumerable<Batch<T>> batches, CancellationToken cancellationToken = default)
        where T : IStreamingRow<T>
    {
        ArgumentNullException.ThrowIfNull(batches);
        return WriteAsync(destination, ToAsync(batches), cancellationToken);
    }

    private static async IAsyncEnumerable<Batch<T>> ToAsync<T>(IEnumerable<Batch<T>> batches)
        where T : IStreamingRow<T>
    {
        foreach (Batch<T> batch in batches)
        {
            yield return batch;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
