using Alimentar.Parquet.Format;
using Alimentar.Parquet.Reading;
using Alimentar.Storage;

namespace Alimentar.IntegrationTests;

/// <summary>
/// A compressed column holding more than its share of a row group's bytes (one long text column, a file of one
/// column) reads and decompresses its next page on another thread while the current one is decoded: the same rows,
/// the same errors after the same rows, and nothing left running or rented once a pass is abandoned.
/// </summary>
public sealed class DecompressAheadTests
{
    public static TheoryData<ParquetCompression, bool> Codecs => new()
    {
        { ParquetCompression.Zstd, false },
        { ParquetCompression.Zstd, true },
        { ParquetCompression.Snappy, false },
        { ParquetCompression.Gzip, true },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task A_column_with_most_of_a_row_group_s_bytes_decompresses_its_next_page_ahead_and_reads_what_one_thread_reads(ParquetCompression codec, bool dataPageV2)
    {
        using var file = new TempFile();
        await WriteAsync(file.Path, Documents(3_000), codec, dataPageV2);

        List<Document> oneThread = ParquetFiles.ReadAll(new ParquetSource<Document>(file.Path).DecodeThreads(1));
        List<Document> ahead = ParquetFiles.ReadAll(new ParquetSource<Document>(file.Path).DecodeThreads(2));

        Assert.Equal(Documents(3_000), oneThread);
        Assert.Equal(oneThread, ahead);

        // Every data page after the first was on its way while the one before it was decoded.
        (string[] columns, int pages) = await ReadRowGroupAsync(file.Path, decodeThreads: 2);
        Assert.Equal(["Text"], columns);
        int textPages = (await TextPagesAsync(file.Path)).Count;
        Assert.True(textPages >= 4, $"the text column has {textPages} pages: too few to read ahead");
        Assert.Equal(textPages - 1, pages);
    }

    [Fact]
    public async Task Columns_with_their_share_of_the_bytes_or_less_and_a_read_on_one_thread_decompress_each_page_where_they_stand()
    {
        using var evenFile = new TempFile();
        await ParquetDatasetWriter<Pair>.WriteFileAsync(evenFile.Path, Enumerable.Range(0, 20_000).Select(i => new Pair(i, -i)));
        using var textFile = new TempFile();
        await WriteAsync(textFile.Path, Documents(1_000), ParquetCompression.Zstd, dataPageV2: false);
        using var uncompressedFile = new TempFile();
        await WriteAsync(uncompressedFile.Path, Documents(1_000), ParquetCompression.None, dataPageV2: false);

        Assert.Empty((await ReadRowGroupAsync<Pair>(evenFile.Path, decodeThreads: 2)).Columns);
        Assert.Equal((Array.Empty<string>(), 0), await ReadRowGroupAsync(textFile.Path, decodeThreads: 1));
        Assert.Equal((Array.Empty<string>(), 0), await ReadRowGroupAsync(uncompressedFile.Path, decodeThreads: 2));
    }

    [Fact]
    public async Task A_corrupt_page_met_while_reading_ahead_fails_after_the_same_rows_with_the_same_error_as_one_thread()
    {
        using var file = new TempFile();
        await WriteAsync(file.Path, Documents(3_000), ParquetCompression.Zstd, dataPageV2: false);
        await CorruptSixthPageAsync(file.Path);

        (int rows, CorruptParquetFileException error) oneThread = ReadUntilError(new ParquetSource<Document>(file.Path).DecodeThreads(1).BatchSize(50));
        (int rows, CorruptParquetFileException error) ahead = ReadUntilError(new ParquetSource<Document>(file.Path).DecodeThreads(2).BatchSize(50));

        Assert.True(oneThread.rows > 0, "the corruption is not past the first batch");
        Assert.Equal(oneThread.rows, ahead.rows);
        Assert.Equal(oneThread.error.Message, ahead.error.Message);
        Assert.Equal("Text", ahead.error.ColumnName);
        Assert.Contains("page 5,", ahead.error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_a_reader_while_its_next_page_is_being_fetched_stops_the_fetch_and_returns()
    {
        using var file = new TempFile();
        await WriteAsync(file.Path, Documents(3_000), ParquetCompression.Zstd, dataPageV2: false);
        await using ParquetFile parquet = await ParquetFile.OpenAsync(file.Path, CancellationToken.None);
        ColumnChunkMetadata text = parquet.Metadata.RowGroups[0].Columns[1];
        var layout = new ColumnChunkLayout(text.DictionaryPageOffset ?? text.DataPageOffset, text.TotalCompressedSize, text.Codec, PhysicalType.ByteArray, 0, 0, 0, text.ValueCount, text.TotalUncompressedSize);

        // Reads of 1 KB: the first page takes two (its header, then the rest of it), and reading the second one ahead waits at the gate.
        await using var gate = new GatedRangeReader(FileRangeReader.Open(file.Path), openReads: 2);
        var reader = new ColumnChunkReader(gate, layout, verifyCrc: true, decompressAhead: true);
        Assert.True(await reader.NextPageAsync(CancellationToken.None));
        await gate.Blocked.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(gate.ReadWasCancelled);

        Task disposed = Task.Run(reader.Dispose);
        await disposed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(gate.ReadWasCancelled);
    }

    [Fact]
    public async Task Abandoning_a_pass_while_a_page_is_read_ahead_returns_every_batch_buffer()
    {
        using var file = new TempFile();
        await WriteAsync(file.Path, Documents(3_000), ParquetCompression.Zstd, dataPageV2: false);

        ParquetFiles.AssertAbandonedPassesReturnEveryBuffer(pool => new ParquetSource<Document>(file.Path).DecodeThreads(2).BatchSize(100).WithBufferPool(pool));
    }

    /// <summary>Documents of 1–3 KB of text that compresses, beside a small id: the text is nearly all of each row group.</summary>
    private static List<Document> Documents(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Document(i, string.Join(' ', Enumerable.Range(0, 150 + i % 300).Select(w => $"w{(w * 7 + i) % 977}"))))];

    private static async Task WriteAsync(string path, IEnumerable<Document> documents, ParquetCompression codec, bool dataPageV2)
    {
        var options = new ParquetWriteOptions { Compression = codec, DataPageV2 = dataPageV2, PageSize = 16 << 10, Dictionary = false, RowGroupSize = 1_500 };
        await using ParquetDatasetWriter<Document> writer = await ParquetDatasetWriter<Document>.CreateAsync(path, options);
        await writer.WriteAsync(documents);
    }

    private static Task<(string[] Columns, int Pages)> ReadRowGroupAsync(string path, int decodeThreads) => ReadRowGroupAsync<Document>(path, decodeThreads);

    /// <summary>Reads row group 0 whole and says which columns decompressed ahead, and how many pages they did so for.</summary>
    private static async Task<(string[] Columns, int Pages)> ReadRowGroupAsync<T>(string path, int decodeThreads)
        where T : IStreamingRow<T>
    {
        var options = new ParquetReadOptions { DecodeThreads = decodeThreads };
        await using ParquetFileReader<T> reader = await ParquetFileReader<T>.OpenAsync(_ => ValueTask.FromResult<IRangeReader>(FileRangeReader.Open(path)), path, options, CancellationToken.None);
        using RowGroupReader rowGroup = reader.OpenRowGroup(0);
        var reading = new RowGroupReading([new RowRange(0, rowGroup.Rows)], [], ByPages: false, Filter: null, options.BatchSize, options.BatchBytes, Memory: null);
        await foreach (ColumnStore<T> store in reader.ReadBatchesAsync(rowGroup, reading, CancellationToken.None))
        {
            store.Dispose();
        }

        return ([.. rowGroup.ColumnsDecompressingAhead], rowGroup.PagesDecompressedAhead);
    }

    private static (int Rows, CorruptParquetFileException Error) ReadUntilError(ParquetSource<Document> source)
    {
        using var streaming = new StreamingDataset<Document>(source, bufferSize: 2);
        int rows = 0;
        CorruptParquetFileException error = Assert.Throws<CorruptParquetFileException>(() =>
        {
            foreach (Document document in streaming.Rows())
            {
                Assert.Equal(rows, document.Id);
                rows++;
            }
        });
        return (rows, error);
    }

    /// <summary>Overwrites the compressed bytes of the text column's sixth page (page 5) in row group 0 with garbage.</summary>
    private static async Task CorruptSixthPageAsync(string path)
    {
        (long offset, PageHeader header) = (await TextPagesAsync(path))[5];
        byte[] bytes = await File.ReadAllBytesAsync(path);
        bytes.AsSpan((int)offset + header.HeaderLength + 4, header.CompressedSize - 4).Fill(0x5A);
        await File.WriteAllBytesAsync(path, bytes);
    }

    /// <summary>Where each page of the text column in row group 0 starts, with its header (the writer makes no dictionary here).</summary>
    private static async Task<List<(long Offset, PageHeader Header)>> TextPagesAsync(string path)
    {
        await using ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None);
        ColumnChunkMetadata text = parquet.Metadata.RowGroups[0].Columns[1];
        Assert.Null(text.DictionaryPageOffset);
        byte[] chunk = new byte[text.TotalCompressedSize];
        await using FileStream read = File.OpenRead(path);
        read.Position = text.DataPageOffset;
        await read.ReadExactlyAsync(chunk);
        var pages = new List<(long Offset, PageHeader Header)>();
        for (int position = 0; position < chunk.Length;)
        {
            PageHeader header = PageHeader.Parse(chunk.AsSpan(position));
            pages.Add((text.DataPageOffset + position, header));
            position += header.HeaderLength + header.CompressedSize;
        }

        return pages;
    }

    /// <summary>Passes the first reads through, then holds every later one until it is cancelled.</summary>
    private sealed class GatedRangeReader(IRangeReader inner, int openReads) : IRangeReader
    {
        private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public Task Blocked => _blocked.Task;

        public bool ReadWasCancelled { get; private set; }

        public long Length => inner.Length;

        public int PreferredReadBytes => 1 << 10;

        public async ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _reads) <= openReads)
            {
                await inner.ReadAsync(offset, destination, cancellationToken);
                return;
            }

            _blocked.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                ReadWasCancelled = true;
                throw;
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

[StreamingDataset]
public partial record Document(long Id, string Text);

[StreamingDataset]
public partial record Pair(long Left, long Right);
