using Alimentar.Arrow;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Alimentar.IntegrationTests;

/// <summary>Planning a shuffled or sharded pass over an Arrow stream: each record batch's place and rows, bodies stepped over.</summary>
public sealed class ArrowIpcIndexTests
{
    private const int Batches = 100;
    private const int RowsPerBatch = 16_384; // a 64 KB body of int32 values

    [Fact]
    public void A_stream_read_front_to_back_is_indexed_as_the_same_stream_read_with_seeks()
    {
        byte[] bytes = StreamOfBatches();

        ArrowIpcIndex seeking = Build(new MemoryStream(bytes, writable: false));
        ArrowIpcIndex oneWay = Build(new ForwardOnlyStream(bytes));

        Assert.Equal(Batches, seeking.Batches.Count);
        Assert.All(seeking.Batches, batch => Assert.Equal(RowsPerBatch, batch.Rows));
        Assert.Equal(seeking.Batches, oneWay.Batches);
        Assert.Equal(seeking.Preamble, oneWay.Preamble);
        Assert.False(oneWay.HasDictionaries);
    }

    [Fact]
    public void Stepping_over_bodies_of_a_one_way_stream_borrows_its_scratch_rather_than_allocating_one_per_message()
    {
        byte[] bytes = StreamOfBatches();
        Build(new ForwardOnlyStream(bytes)); // the pool's first loan on this thread is an allocation

        long before = GC.GetAllocatedBytesForCurrentThread();
        Build(new ForwardOnlyStream(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The metadata of each message and the index itself, not a 64 KB scratch for each of the 100 bodies (6.5 MB).
        Assert.True(allocated < 1 << 20, $"indexing {Batches} messages allocated {allocated:N0} bytes");
    }

    private static ArrowIpcIndex Build(Stream stream) =>
        ArrowIpcIndex.BuildAsync(stream, CancellationToken.None).GetAwaiter().GetResult();

    private static byte[] StreamOfBatches()
    {
        var values = new Int32Array.Builder();
        for (int row = 0; row < RowsPerBatch; row++)
        {
            values.Append(row);
        }

        var batch = new RecordBatch(new Schema.Builder().Field(f => f.Name("value").DataType(Apache.Arrow.Types.Int32Type.Default).Nullable(false)).Build(), [values.Build()], RowsPerBatch);
        using var ipc = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ipc, batch.Schema, leaveOpen: true))
        {
            for (int index = 0; index < Batches; index++)
            {
                writer.WriteRecordBatch(batch);
            }

            writer.WriteEnd();
        }

        return ipc.ToArray();
    }
}
