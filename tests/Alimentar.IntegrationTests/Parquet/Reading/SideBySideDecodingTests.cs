using Alimentar.Parquet.Format;
using Alimentar.Parquet.Reading;
using Alimentar.Storage;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>A batch's columns decoded on several threads (<see cref="ParquetSource{T}.DecodeThreads"/>): the same rows, the same errors.</summary>
public sealed class SideBySideDecodingTests
{
    // Every kind of column a batch holds: values, nullable values, strings, binary, one-level lists, lists of lists,
    // a record and a list of records, with nulls and empty lists, in row groups of several batches.
    private const string Mixed = """
        SELECT i AS id,
               CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3 END::INTEGER AS count,
               (i * 0.5)::DOUBLE AS score,
               'name-' || (i % 100) AS name,
               CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END AS note,
               encode('blob' || i) AS blob,
               [x::INTEGER FOR x IN range(i % 5)] AS tokens,
               CASE WHEN i % 4 = 0 THEN [] ELSE ['t' || i, NULL, 'u'] END AS tags,
               [[i, i + 1], [], [i * 2]] AS pairs,
               CASE WHEN i % 6 = 0 THEN NULL ELSE {'bytes': encode('img' || i), 'path': 'p/' || i} END AS picture,
               CASE WHEN i % 5 = 0 THEN [] ELSE [{'role': 'user', 'content': 'q' || i, 'tokens': i::INTEGER}] END AS messages
        FROM range(45000) t(i)
        """;

    [Fact]
    public void Columns_decoded_side_by_side_read_exactly_what_one_thread_reads()
    {
        using var file = new TempFile();
        Write(file.Path);

        List<string> oneThread = ParquetFiles.ReadAll(new ParquetSource<MixedRow>(file.Path).DecodeThreads(1)).Select(Describe).ToList();
        List<string> sideBySide = ParquetFiles.ReadAll(new ParquetSource<MixedRow>(file.Path).DecodeThreads(4)).Select(Describe).ToList();

        Assert.Equal(45_000, oneThread.Count);
        Assert.Equal(oneThread, sideBySide);
        Assert.Equal("7||3.5|name-7|note 7|blob7|0,1|t7,,u|7,8;;14|p/7|user:q7:7", oneThread[7]);
        Assert.Equal("0||0|name-0||blob0|||0,1;;0||", oneThread[0]);
    }

    [Fact]
    public async Task Columns_decoded_side_by_side_read_the_same_through_a_stream_and_an_object_store()
    {
        // A stream has one position for every column's reads; an object store's reader fetches blocks ahead for them all.
        using var file = new TempFile();
        Write(file.Path);
        List<string> expected = ParquetFiles.ReadAll(new ParquetSource<MixedRow>(file.Path).DecodeThreads(1)).Select(Describe).ToList();
        await using FileStream stream = File.OpenRead(file.Path);

        List<string> fromStream = ParquetFiles.ReadAll(new ParquetSource<MixedRow>(stream, "mixed").DecodeThreads(4)).Select(Describe).ToList();
        List<string> fromStore = ParquetFiles.ReadAll(
            new ParquetSource<MixedRow>(new LocalObjectStore(Path.GetDirectoryName(file.Path)!), Path.GetFileName(file.Path)).DecodeThreads(4)).Select(Describe).ToList();

        Assert.Equal(expected, fromStream);
        Assert.Equal(expected, fromStore);
    }

    [Fact]
    public void Shards_shuffled_and_resumed_mid_row_group_read_the_same_rows_side_by_side()
    {
        using var file = new TempFile();
        Write(file.Path);
        List<string> Shard(int threads, int rank)
        {
            using var streaming = new StreamingDataset<MixedRow>(new ParquetSource<MixedRow>(file.Path).DecodeThreads(threads), 4).WithShard(rank, 2).WithShuffle(3);
            return streaming.Rows().Select(Describe).ToList();
        }

        List<string> Resumed(int threads)
        {
            using var first = new StreamingDataset<MixedRow>(new ParquetSource<MixedRow>(file.Path).DecodeThreads(threads), 4).WithShuffle(3);
            var rows = first.Rows().Take(12_345).Select(Describe).ToList();
            StreamingState state = first.GetState();
            using var second = new StreamingDataset<MixedRow>(new ParquetSource<MixedRow>(file.Path).DecodeThreads(threads), 4).WithShuffle(3).ResumeFrom(state);
            rows.AddRange(second.Rows().Select(Describe));
            return rows;
        }

        Assert.Equal(Shard(1, 0), Shard(4, 0));
        Assert.Equal(Shard(1, 1), Shard(4, 1));
        List<string> resumed = Resumed(4);
        Assert.Equal(Resumed(1), resumed);
        Assert.Equal(45_000, resumed.Distinct().Count());
    }

    [Fact]
    public void Abandoning_a_pass_while_columns_decode_side_by_side_returns_every_buffer()
    {
        using var file = new TempFile();
        Write(file.Path);

        ParquetFiles.AssertAbandonedPassesReturnEveryBuffer(pool => new ParquetSource<MixedRow>(file.Path).DecodeThreads(4).DecodeAhead(2).WithBufferPool(pool));
    }

    [Fact]
    public async Task A_full_batch_is_decoded_side_by_side_and_a_small_one_on_the_decoding_thread()
    {
        using var file = new TempFile();
        Write(file.Path);
        await using ParquetFileReader<MixedRow> reader = await OpenOnTwoThreadsAsync<MixedRow>(file.Path);
        using RowGroupReader rowGroup = reader.OpenRowGroup(0);

        Assert.True(rowGroup.NextBatch(8_192, sideBySide: true).DecodesSideBySide);
        Assert.False(rowGroup.NextBatch(10, sideBySide: true).DecodesSideBySide);
        Assert.False(rowGroup.NextBatch(8_192, sideBySide: false).DecodesSideBySide);
    }

    [Fact]
    public async Task A_batch_whose_records_are_most_of_it_is_decoded_on_the_decoding_thread()
    {
        // Records are read when generated code asks for them, so only the id could move to another thread: not worth it.
        using var file = new TempFile();
        Write(file.Path);
        await using ParquetFileReader<MessagesOnly> reader = await OpenOnTwoThreadsAsync<MessagesOnly>(file.Path);
        using RowGroupReader rowGroup = reader.OpenRowGroup(0);

        Assert.False(rowGroup.NextBatch(16_384, sideBySide: true).DecodesSideBySide);
    }

    [Fact]
    public async Task A_corrupt_column_decoded_side_by_side_names_the_same_file_row_group_and_column()
    {
        using var file = new TempFile();
        Write(file.Path);
        (long start, long length) = await ChunkOf(file.Path, rowGroup: 1, column: "name");
        byte[] bytes = await File.ReadAllBytesAsync(file.Path);
        bytes.AsSpan((int)start, (int)length).Fill(0xFF);
        await File.WriteAllBytesAsync(file.Path, bytes);

        CorruptParquetFileException oneThread = Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<MixedRow>(file.Path).DecodeThreads(1)));
        CorruptParquetFileException sideBySide = Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<MixedRow>(file.Path).DecodeThreads(4)));

        Assert.Equal((file.Path, 1, "name"), (oneThread.FilePath, oneThread.RowGroup, oneThread.ColumnName));
        Assert.Equal(oneThread.Message, sideBySide.Message);
    }

    [Fact]
    public void Batches_are_decoded_on_as_many_threads_as_there_are_processors_unless_told_and_never_on_none()
    {
        using var file = new TempFile();
        Write(file.Path);

        Assert.Equal(Environment.ProcessorCount, new ParquetSource<MixedRow>(file.Path).Options.DecodeThreads);
        Assert.Equal(3, new ParquetSource<MixedRow>(file.Path).DecodeThreads(3).Options.DecodeThreads);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParquetSource<MixedRow>(file.Path).DecodeThreads(0));
    }

    private static ValueTask<ParquetFileReader<T>> OpenOnTwoThreadsAsync<T>(string path)
        where T : IStreamingRow<T> =>
        ParquetFileReader<T>.OpenAsync(_ => ValueTask.FromResult<IRangeReader>(FileRangeReader.Open(path)), path, new ParquetReadOptions { DecodeThreads = 2 }, CancellationToken.None);

    private static void Write(string path)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        DuckDbDifferentialTests.Write(connection, Mixed, path, "ROW_GROUP_SIZE 20000");
    }

    private static async Task<(long Start, long Length)> ChunkOf(string path, int rowGroup, string column)
    {
        await using ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None);
        ColumnChunkMetadata chunk = parquet.Metadata.RowGroups[rowGroup].Columns.Single(c => c.PathInSchema[^1] == column);
        return (chunk.DictionaryPageOffset ?? chunk.DataPageOffset, chunk.TotalCompressedSize);
    }

    private static string Describe(MixedRow row) => string.Join('|',
        row.Id, row.Count, row.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Name, row.Note, System.Text.Encoding.ASCII.GetString(row.Blob), string.Join(',', row.Tokens), string.Join(',', row.Tags),
        string.Join(';', row.Pairs.Select(pair => string.Join(',', pair))), row.Picture?.Path, string.Join(',', row.Messages.Select(m => $"{m.Role}:{m.Content}:{m.Tokens}")));
}

[StreamingDataset]
public partial record MessagesOnly(long Id, Image? Picture, List<Message> Messages);

[StreamingDataset]
public partial record MixedRow(
    long Id, int? Count, double Score, string Name, string? Note, byte[] Blob, int[] Tokens, List<string?> Tags, long[][] Pairs, Image? Picture, List<Message> Messages);
