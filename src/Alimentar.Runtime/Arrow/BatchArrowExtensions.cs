using Apache.Arrow;

namespace Alimentar;

/// <summary>Hands batches to any Arrow consumer.</summary>
public static class BatchArrowExtensions
{
    /// <summary>
    /// The batch as an Arrow <see cref="RecordBatch"/>: timestamps as microseconds in UTC, dates as date32,
    /// times as time64[us], decimals as decimal128, Guids as 16-byte fixed-size binary marked with Arrow's canonical
    /// <c>arrow.uuid</c> extension, lists as lists, records as structs (a field that cannot be null holds no null).
    /// </summary>
    /// <remarks>
    /// Required primitive columns are not copied: their Arrow buffers view the batch's pooled arrays, and
    /// each holds a share of the batch, so those arrays stay out of the pool until the record batch is
    /// collected, even if the batch is disposed first. Other columns are copied; lists become Arrow lists.
    /// </remarks>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="batch">The batch.</param>
    /// <returns>A record batch of <see cref="Batch{T}.Count"/> rows.</returns>
    public static RecordBatch ToArrow<T>(this Batch<T> batch)
        where T : IStreamingRow<T>
    {
        ArgumentNullException.ThrowIfNull(batch);
        return ToArrow(batch, firstRow: null);
    }

    /// <summary>The batch as an Arrow record batch; a value refused is named by its row in the stream when <paramref name="firstRow"/>, the batch's first there, is given.</summary>
    internal static RecordBatch ToArrow<T>(Batch<T> batch, long? firstRow)
        where T : IStreamingRow<T>
    {
        var builder = new ArrowBatchBuilder(T.Schema, batch.Share, firstRow);

        // The builder never awaits, so the generated write completes synchronously.
        batch.Columns.WriteAsync(builder, batch.Offset, batch.Count, CancellationToken.None).GetAwaiter().GetResult();
        return builder.Build(batch.Count);
    }

    /// <summary>The Arrow schema batches of <typeparamref name="T"/> convert to.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <returns>One field per column, in declaration order.</returns>
    public static Schema ArrowSchemaOf<T>()
        where T : IStreamingRow<T>
    {
        var schema = new Schema.Builder();
        foreach (ColumnDescriptor column in T.Schema.Columns)
        {
            schema.Field(ArrowBatchBuilder.FieldOf(column));
        }

        return schema.Build();
    }
}
