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
}
