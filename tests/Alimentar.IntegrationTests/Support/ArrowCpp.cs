using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Alimentar.IntegrationTests;

/// <summary>Arrow C++ (through ParquetSharp's Arrow reader) as an independent reader of Parquet files.</summary>
internal static class ArrowCpp
{
    /// <summary>The file read by Arrow C++ into record batches, written as an Arrow IPC stream to read typed with <see cref="ArrowSource{T}"/>.</summary>
    public static async Task<MemoryStream> ReadAsIpcAsync(string path)
    {
        var ipc = new MemoryStream();
        using (var reader = new ParquetSharp.Arrow.FileReader(path))
        using (IArrowArrayStream batches = reader.GetRecordBatchReader())
        {
            ArrowStreamWriter? writer = null;
            while (await batches.ReadNextRecordBatchAsync() is { } batch)
            {
                using (batch)
                {
                    writer ??= new ArrowStreamWriter(ipc, batch.Schema, leaveOpen: true);
                    await writer.WriteRecordBatchAsync(batch);
                }
            }

            await writer!.WriteEndAsync();
            writer.Dispose();
        }

        ipc.Position = 0;
        return ipc;
    }
}
