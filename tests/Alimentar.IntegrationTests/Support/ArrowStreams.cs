using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Alimentar.IntegrationTests;

/// <summary>Arrow IPC streams built from record batches by Arrow's own writer.</summary>
internal static class ArrowStreams
{
    /// <summary>A stream of one record batch, positioned at its start.</summary>
    public static MemoryStream Of(RecordBatch batch)
    {
        var ipc = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ipc, batch.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        ipc.Position = 0;
        return ipc;
    }

    /// <summary>
    /// Reads <paramref name="bytes"/> as the stream <paramref name="name"/> to its end on the calling thread, so that its
    /// allocations can be counted (<see cref="GC.GetAllocatedBytesForCurrentThread"/>); with <paramref name="canSeek"/>
    /// false, through a stream that can be read front to back only.
    /// </summary>
    public static void ReadOnThisThread<T>(byte[] bytes, string name, bool canSeek = true)
        where T : IStreamingRow<T>
    {
        Stream stream = canSeek ? new MemoryStream(bytes, writable: false) : new ForwardOnlyStream(bytes);
        IAsyncEnumerator<Batch<T>> batches = new ArrowSource<T>(stream, name).ReadBatchesAsync().GetAsyncEnumerator();
        try
        {
            while (batches.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                batches.Current.Dispose();
            }
        }
        finally
        {
            batches.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
