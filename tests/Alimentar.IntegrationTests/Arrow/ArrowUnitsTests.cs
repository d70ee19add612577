using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Alimentar.IntegrationTests;

/// <summary>Arrow IPC streams in training loops: record batches as units, planned from the stream's framing, read alone by offset.</summary>
public sealed class ArrowUnitsTests
{
    /// <summary>An Arrow stream of <paramref name="rows"/> measurements in record batches of uneven sizes.</summary>
    private static async Task<byte[]> WriteAsync(int rows)
    {
        var batches = new List<Batch<Measurement>>();
        for (int start = 0, size = 100; start < rows; start += size, size = size % 700 + 137)
        {
            int count = Math.Min(size, rows - start);
            batches.Add(Batch<Measurement>.FromRows(Enumerable.Range(start, count).Select(i => new Measurement(i, $"s{i % 4}", i % 6 == 0 ? null : i)).ToArray()));
        }

        using var ipc = new MemoryStream();
        await ArrowIpc.WriteAsync(ipc, batches);
        batches.ForEach(b => b.Dispose());
        return ipc.ToArray();
    }

    public static TheoryData<string> Openings() => ["path", "shared stream", "unseekable factory"];

    private static ArrowSource<Measurement> Open(string opening, byte[] bytes, string path) => opening switch
    {
        "path" => new ArrowSource<Measurement>(path),
        "shared stream" => new ArrowSource<Measurement>(new MemoryStream(bytes, writable: false)),
        _ => new ArrowSource<Measurement>(_ => ValueTask.FromResult<Stream>(new ForwardOnlyStream(new MemoryStream(bytes, writable: false))), "unseekable"),
    };

    [Theory]
    [MemberData(nameof(Openings))]
    public async Task Ranks_of_a_shuffled_arrow_stream_read_disjoint_equal_shares_and_resume_exactly(string opening)
    {
        byte[] bytes = await WriteAsync(9_001);
        using var file = new TempFile();
        await File.WriteAllBytesAsync(file.Path, bytes);

        var seen = new HashSet<long>();
        for (int rank = 0; rank < 3; rank++)
        {
            StreamingDataset<Measurement> Configure() => new StreamingDataset<Measurement>(Open(opening, bytes, file.Path), 4).WithShard(rank, 3).WithShuffle(7, windowRows: 1_000, lanes: 3);

            long[] ids;
            using (StreamingDataset<Measurement> streaming = Configure())
            {
                ids = streaming.Rows().Select(m => m.Id).ToArray();
                Assert.Equal(3_000, ids.Length);
                Assert.Equal(ids.Length, streaming.TotalRows);
            }

            Assert.All(ids, id => Assert.True(seen.Add(id), $"row {id} reached two ranks"));
            Assert.False(ids.SequenceEqual(ids.Order()), "the shuffled order is sorted");

            Assert.Equal(ids, Resumption.ReadInterruptedAndResumed(Configure, 1_234, m => m.Id));
        }
    }

    [Fact]
    public async Task A_stream_with_dictionary_batches_is_read_in_order_up_to_each_unit()
    {
        // A dictionary-encoded field the row type does not bind: its dictionary batches come before the record batches.
        var dictionaryType = new DictionaryType(Int32Type.Default, StringType.Default, false);
        Schema schema = new Schema.Builder()
            .Field(new Field("id", Int64Type.Default, false))
            .Field(new Field("sensor", StringType.Default, false))
            .Field(new Field("reading", DoubleType.Default, true))
            .Field(new Field("tag", dictionaryType, false))
            .Build();
        var dictionary = new StringArray.Builder().AppendRange(["x", "y"]).Build();
        using var ipc = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ipc, schema, leaveOpen: true))
        {
            for (int b = 0; b < 4; b++)
            {
                long[] ids = Enumerable.Range(b * 10, 10).Select(i => (long)i).ToArray();
                var batch = new RecordBatch(schema, [
                    new Int64Array.Builder().AppendRange(ids).Build(),
                    new StringArray.Builder().AppendRange(ids.Select(i => $"s{i}")).Build(),
                    new DoubleArray.Builder().AppendRange(ids.Select(i => i * 0.5)).Build(),
                    new DictionaryArray(dictionaryType, new Int32Array.Builder().AppendRange(ids.Select(i => (int)(i % 2))).Build(), dictionary)], 10);
                await writer.WriteRecordBatchAsync(batch);
            }

            await writer.WriteEndAsync();
        }

        using var streaming = new StreamingDataset<Measurement>(new ArrowSource<Measurement>(new MemoryStream(ipc.ToArray())), 2).WithShuffle(3, windowRows: 1);
        long[] idsRead = streaming.Rows().Select(m => m.Id).ToArray();

        Assert.Equal(40, streaming.TotalRows);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), idsRead.Order());
        Assert.False(idsRead.SequenceEqual(idsRead.Order()), "the units were not shuffled");
    }

    [Fact]
    public void A_stream_that_is_not_arrow_fails_planning_with_its_name()
    {
        var source = new ArrowSource<Measurement>(new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8, 9]), "not-arrow");
        using var streaming = new StreamingDataset<Measurement>(source, 2);
        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => streaming.WithShuffle(1).TotalRows);
        Assert.Contains("not-arrow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipFile_does_not_use_up_an_arrow_stream_that_can_be_read_only_once_to_check_its_pages()
    {
        byte[] bytes = await WriteAsync(1_000);
        var source = new ArrowSource<Measurement>(new ForwardOnlyStream(new MemoryStream(bytes, writable: false)), "read-once");
        using var streaming = new StreamingDataset<Measurement>(source, 2).WithErrorPolicy(ErrorPolicy.SkipFile);

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), streaming.Rows().Select(m => m.Id));
        Assert.Empty(streaming.Skipped);
    }
}
