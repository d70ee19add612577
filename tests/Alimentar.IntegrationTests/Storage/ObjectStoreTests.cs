using Alimentar.Testing;
using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;

namespace Alimentar.IntegrationTests;

/// <summary>Two of <see cref="Measurement"/>'s three columns: reading them over a store merges the third into the same requests.</summary>
[StreamingDataset]
public partial record IdAndReading(long Id, double? Reading);

/// <summary>Four of the 66 columns <see cref="ObjectStoreTests"/>' wide file holds.</summary>
[StreamingDataset]
public partial record WideFour(double C3, double C17, double C40, double C64);

/// <summary>
/// Parquet files read from object stores through an in-process HTTP range server that logs every request:
/// how many requests a pass makes and how many bytes it fetches, what a replaced object does, and how
/// 503s, resets, stalls and cancellation are met.
/// </summary>
public sealed class ObjectStoreTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alimentar-store-").FullName;
    private RangeServer _server = null!;
    private readonly HttpClient _client = new();

    public async Task InitializeAsync() => _server = await RangeServer.StartAsync(_directory);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private HttpObjectStore Store => new(_client, _server.BaseUri);

    private static readonly ObjectReadOptions QuickRetries = new() { RetryDelay = TimeSpan.FromMilliseconds(5), RequestTimeout = TimeSpan.FromSeconds(10) };

    private async Task<string> WriteMeasurementsAsync(string key, int rows = 10_000, int rowGroupSize = 1_000)
    {
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(_server.PathOf(key), Enumerable.Range(0, rows).Select(i => new Measurement(i, $"sensor-{i % 13}", i % 9 == 0 ? null : i * 0.5)), rowGroupSize);
        return key;
    }

    [Fact]
    public async Task The_same_file_gives_the_same_rows_from_disk_HTTP_and_a_local_store()
    {
        string key = await WriteMeasurementsAsync("part-0.parquet");
        List<Measurement> fromDisk = ParquetFiles.ReadAll(new ParquetSource<Measurement>(_server.PathOf(key)));

        Assert.Equal(fromDisk, ParquetFiles.ReadAll(new ParquetSource<Measurement>(Store, key)));
        Assert.Equal(fromDisk, ParquetFiles.ReadAll(new ParquetSource<Measurement>(new LocalObjectStore(_directory), key)));
        Assert.Equal(fromDisk, ParquetFiles.ReadAll(ParquetSource<Measurement>.FromStore(new LocalObjectStore(_directory), prefix: "part-")));
    }

    [Fact]
    public async Task A_pass_opens_with_one_request_for_the_footer_and_one_merged_request_per_row_group()
    {
        string key = await WriteMeasurementsAsync("counted.parquet", rows: 10_000, rowGroupSize: 1_000);
        long length = new FileInfo(_server.PathOf(key)).Length;

        List<Measurement> rows = ParquetFiles.ReadAll(new ParquetSource<Measurement>(Store, key, new ObjectReadOptions { FooterGuessBytes = 4_096 }));

        Assert.Equal(10_000, rows.Count);
        Assert.Single(_server.Requests, r => r.Method == "HEAD");
        ServedRequest[] gets = _server.RangeGets;
        Assert.Equal(1 + 10, gets.Length); // the tail, then each row group's three chunks as one request
        Assert.All(gets, r => Assert.Matches(@"^bytes=\d+-\d+$", r.Range));
        Assert.InRange(gets.Sum(r => r.Bytes), length - 4_096, length + 4_096);
    }

    [Fact]
    public async Task Reading_4_of_66_columns_fetches_little_more_than_those_columns_chunks()
    {
        string path = _server.PathOf("wide.parquet");
        string columns = string.Join(", ", Enumerable.Range(0, 66).Select(k => $"((i * {k * 7919 + 13}) % 1000003)::DOUBLE AS c{k}"));
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, $"SELECT {columns} FROM range(60000) t(i)", path, "COMPRESSION uncompressed, ROW_GROUP_SIZE 20000");
        }

        long chunks = 0;
        await using (Alimentar.Parquet.Reading.ParquetFile file = await Alimentar.Parquet.Reading.ParquetFile.OpenAsync(path, CancellationToken.None))
        {
            chunks = file.Metadata.RowGroups.Sum(g => new[] { 3, 17, 40, 64 }.Sum(c => g.Columns[c].TotalCompressedSize));
        }

        List<WideFour> rows = ParquetFiles.ReadAll(new ParquetSource<WideFour>(Store, "wide.parquet"));

        Assert.Equal(60_000, rows.Count);
        Assert.Equal((7 * (3 * 7919 + 13)) % 1000003, rows[7].C3);
        long fetched = _server.RangeGets.Sum(r => r.Bytes);
        long footerGuess = ObjectReadOptions.Default.FooterGuessBytes;
        Assert.InRange(fetched, chunks, chunks + footerGuess + (chunks / 50));
        Assert.True(fetched < new FileInfo(path).Length / 10, $"fetched {fetched} bytes of a {new FileInfo(path).Length}-byte file");
    }

    [Fact]
    public async Task An_object_replaced_mid_read_is_an_error_never_a_mix_of_two_versions()
    {
        // Large enough that the first requests cannot hold the whole file (our writer packs these rows tightly).
        string key = await WriteMeasurementsAsync("replaced.parquet", rows: 400_000, rowGroupSize: 40_000);
        var source = new ParquetSource<Measurement>(Store, key, new ObjectReadOptions { ReadAheadRowGroup = false }).BatchSize(500).DecodeAhead(0);

        SourceUnavailableException error = await Assert.ThrowsAsync<SourceUnavailableException>(async () =>
        {
            bool replaced = false;
            await foreach (Batch<Measurement> batch in source.ReadBatchesAsync())
            {
                batch.Dispose();
                if (!replaced)
                {
                    replaced = true;
                    await ParquetDatasetWriter<Measurement>.WriteFileAsync(_server.PathOf(key), Enumerable.Range(0, 400_000).Select(i => new Measurement(-i, "other", 0)), 40_000);
                }
            }
        });

        Assert.Contains("412", error.Message, StringComparison.Ordinal);
        Assert.Contains("replaced.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("replaced while it was read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injected_503s_and_connection_resets_are_retried_and_the_rows_come_out_whole()
    {
        string key = await WriteMeasurementsAsync("flaky.parquet");
        List<Measurement> expected = ParquetFiles.ReadAll(new ParquetSource<Measurement>(_server.PathOf(key)));
        // Every request fails twice before it succeeds: first with a 503, then with a reset connection.
        var attempts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        _server.Fault = context =>
        {
            int attempt = attempts.AddOrUpdate($"{context.Request.Method} {context.Request.Headers.Range}", 1, (_, n) => n + 1);
            if (attempt == 1)
            {
                context.Response.StatusCode = 503;
                return Task.FromResult(true);
            }

            if (attempt == 2)
            {
                context.Abort();
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        };

        List<Measurement> actual = ParquetFiles.ReadAll(new ParquetSource<Measurement>(Store, key, QuickRetries));

        Assert.Equal(expected, actual);
        Assert.All(attempts.Values, n => Assert.Equal(3, n));
        Assert.Equal(attempts.Count, _server.Requests.Count(r => r.Status == 503));
    }

    [Fact]
    public async Task A_failure_after_its_retries_names_the_key_the_range_and_the_status()
    {
        string key = await WriteMeasurementsAsync("down.parquet");
        _server.Fault = context =>
        {
            if (context.Request.Headers.Range.Count == 0)
            {
                return Task.FromResult(false);
            }

            context.Response.StatusCode = 503;
            return Task.FromResult(true);
        };

        SourceUnavailableException error = Assert.Throws<SourceUnavailableException>(() => ParquetFiles.ReadAll(new ParquetSource<Measurement>(Store, key, QuickRetries with { MaxAttempts = 3 })));

        Assert.Contains("down.parquet", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"bytes \d+-\d+", error.Message);
        Assert.Contains("status 503 after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count(r => r.Status == 503));
    }

    /// <summary>A server may answer a range request with less than the range (some CDNs cap what one response holds).</summary>
    [Fact]
    public async Task A_server_answering_with_part_of_each_range_is_asked_for_the_rest_and_the_rows_come_out_whole()
    {
        string key = await WriteMeasurementsAsync("capped.parquet");
        List<Measurement> expected = ParquetFiles.ReadAll(new ParquetSource<Measurement>(_server.PathOf(key)));
        _server.Fault = context => ServeRangeAsync(context, cap: 4_096, shift: 0);

        List<Measurement> actual = ParquetFiles.ReadAll(new ParquetSource<Measurement>(Store, key));

        Assert.Equal(expected, actual);
        Assert.All(_server.RangeGets, r => Assert.InRange(r.Bytes, 1, 4_096));
        Assert.True(_server.RangeGets.Sum(r => r.Bytes) >= new FileInfo(_server.PathOf(key)).Length / 2);
    }

    /// <summary>Bytes from another offset than the one asked for would be decoded as the wrong part of the file.</summary>
    [Fact]
    public async Task A_range_answered_from_another_offset_is_an_error_naming_the_key_not_wrong_bytes()
    {
        string key = await WriteMeasurementsAsync("shifted.parquet");
        _server.Fault = context => ServeRangeAsync(context, cap: int.MaxValue, shift: 16);

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ParquetSource<Measurement>(Store, key, QuickRetries)));

        Assert.Contains("shifted.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("with bytes from offset 16: not the range asked for", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers a GET's range with at most <paramref name="cap"/> bytes, starting <paramref name="shift"/> bytes later than asked.</summary>
    private async Task<bool> ServeRangeAsync(HttpContext context, long cap, long shift)
    {
        if (context.Request.Method != "GET" || !System.Net.Http.Headers.RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range))
        {
            return false;
        }

        string path = _server.PathOf(context.Request.Path.Value!.TrimStart('/'));
        long length = new FileInfo(path).Length;
        System.Net.Http.Headers.RangeItemHeaderValue asked = range.Ranges.Single();
        long from = Math.Min((asked.From ?? (length - asked.To!.Value)) + shift, length - 1);
        long to = Math.Min(Math.Min(asked.From is null ? length - 1 : asked.To ?? length - 1, length - 1) + shift, length - 1);
        to = Math.Min(to, from + cap - 1);

        byte[] bytes = new byte[to - from + 1];
        await using (FileStream file = File.OpenRead(path))
        {
            file.Position = from;
            file.ReadExactly(bytes);
        }

        context.Response.StatusCode = StatusCodes.Status206PartialContent;
        context.Response.Headers.ContentRange = $"bytes {from}-{to}/{length}";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
        return true;
    }

    [Fact]
    public async Task A_stalled_connection_times_out_and_cancellation_stops_everything()
    {
        // On a machine set to German, too: the message's numbers are written alike everywhere.
        using var culture = new CultureScope();
        string key = await WriteMeasurementsAsync("stalled.parquet");
        _server.Fault = async context =>
        {
            if (context.Request.Headers.Range.Count == 0)
            {
                return false;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return true;
        };

        SourceUnavailableException timedOut = Assert.Throws<SourceUnavailableException>(() => ParquetFiles.ReadAll(
            new ParquetSource<Measurement>(Store, key, QuickRetries with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxAttempts = 2 })));
        Assert.Contains("no answer within 0.2 s", timedOut.Message, StringComparison.Ordinal);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var patient = new ParquetSource<Measurement>(Store, key, QuickRetries with { RequestTimeout = TimeSpan.FromMinutes(10) });
        Task reading = Task.Run(async () =>
        {
            await foreach (Batch<Measurement> batch in patient.ReadBatchesAsync(cancel.Token))
            {
                batch.Dispose();
            }
        });

        // The guard only keeps a broken build from hanging the suite; cancellation ends the read long before.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task A_chain_of_objects_fetches_the_next_footer_while_the_current_file_streams()
    {
        for (int part = 0; part < 3; part++)
        {
            await WriteMeasurementsAsync($"chain-{part}.parquet", rows: 3_000, rowGroupSize: 1_000);
        }

        var chain = new ChainedSource<Measurement>(Enumerable.Range(0, 3).Select(part => new ParquetSource<Measurement>(Store, $"chain-{part}.parquet").BatchSize(500)));
        var rows = new List<Measurement>();
        await foreach (Batch<Measurement> batch in chain.ReadBatchesAsync())
        {
            using (batch)
            {
                rows.AddRange(batch);
            }

            if (rows.Count == 500)
            {
                // Still inside the first file: the second file's footer is requested without the consumer asking.
                for (int wait = 0; wait < 600 && !_server.Requests.Any(r => r.Path == "/chain-1.parquet"); wait++)
                {
                    await Task.Delay(50);
                }

                Assert.Contains(_server.Requests, r => r.Path == "/chain-1.parquet");
            }
        }

        Assert.Equal(9_000, rows.Count);
        Assert.Single(_server.Requests, r => r.Path == "/chain-2.parquet" && r.Method == "HEAD");
    }

    [Fact]
    public async Task Bytes_fetched_ahead_count_in_the_datasets_memory_until_they_are_read()
    {
        string key = await WriteMeasurementsAsync("tracked.parquet", rows: 200_000, rowGroupSize: 100_000);
        long chunks;
        await using (Alimentar.Parquet.Reading.ParquetFile file = await Alimentar.Parquet.Reading.ParquetFile.OpenAsync(_server.PathOf(key), CancellationToken.None))
        {
            chunks = file.Metadata.RowGroups.Sum(g => g.Columns.Sum(c => c.TotalCompressedSize));
        }

        long Peak(bool readAhead)
        {
            var source = new ParquetSource<Measurement>(Store, key, new ObjectReadOptions { ReadAheadRowGroup = readAhead }).BatchSize(1_000);
            using var streaming = new StreamingDataset<Measurement>(source, bufferSize: 1).WithMemoryTracking(true);
            long rows = 0;
            foreach (Batch<Measurement> batch in streaming)
            {
                using (batch)
                {
                    rows += batch.Count;
                }
            }

            Assert.Equal(200_000, rows);
            Assert.Equal(0, streaming.CurrentMemory);
            return streaming.PeakMemory;
        }

        // Fetched ahead, the second row group's bytes sit in memory while the first decodes, and are counted there.
        long secondRowGroup = chunks / 2;
        long withReadAhead = Peak(readAhead: true), without = Peak(readAhead: false);
        Assert.True(withReadAhead - without >= secondRowGroup / 2, $"peak {withReadAhead} bytes reading ahead, {without} without; the second row group's chunks are about {secondRowGroup}");
    }

    [Fact]
    public async Task A_filter_with_a_page_index_fetches_only_the_pages_it_keeps()
    {
        string path = _server.PathOf("indexed.parquet");
        ParquetSharpDifferentialTests.Write(path, ParquetSharp.ParquetDataPageVersion.V1, "plain", ParquetSharp.Compression.Uncompressed, rows: 10_000, pageIndex: true);
        List<SharpRow> all = ParquetFiles.ReadAll(new ParquetSource<SharpRow>(path));
        long low = all[4_200].Id, high = all[4_280].Id;
        long rowGroupBytes;
        await using (Alimentar.Parquet.Reading.ParquetFile file = await Alimentar.Parquet.Reading.ParquetFile.OpenAsync(path, CancellationToken.None))
        {
            rowGroupBytes = file.Metadata.RowGroups[1].Columns.Sum(c => c.TotalCompressedSize);
        }

        List<SharpRow> rows = ParquetFiles.ReadAll(new ParquetSource<SharpRow>(Store, "indexed.parquet", new ObjectReadOptions { FooterGuessBytes = 16_384, MergeGapBytes = 0 }).Where(t => t.Id >= low && t.Id <= high));

        Assert.Equal(all.Skip(4_200).Take(81), rows);
        long fetched = _server.RangeGets.Sum(r => r.Bytes) - 16_384;
        Assert.True(fetched < rowGroupBytes / 2, $"fetched {fetched} bytes past the footer; the row group holding the rows has {rowGroupBytes}");
    }

    [Fact]
    public async Task A_presigned_URL_that_refuses_HEAD_and_needs_its_query_is_read_with_ranged_GETs()
    {
        string key = await WriteMeasurementsAsync("signed.parquet");
        // As a URL signed for GET: no HEAD, and nothing without the signature.
        _server.Fault = context =>
        {
            if (context.Request.Method == "HEAD" || context.Request.Query["sig"] != "abc=/+")
            {
                context.Response.StatusCode = 403;
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        };

        List<Measurement> rows = ParquetFiles.ReadAll(new ParquetSource<Measurement>(Store, key + "?sig=abc%3D%2F%2B"));

        Assert.Equal(ParquetFiles.ReadAll(new ParquetSource<Measurement>(_server.PathOf(key))), rows);
        Assert.Contains(_server.Requests, r => r.Method == "GET" && r.Range == "bytes=0-0");
    }

    [Fact]
    public void Read_options_refuse_sizes_and_counts_that_cannot_work()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectReadOptions { RangeBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectReadOptions { FooterGuessBytes = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectReadOptions { MaxParallelRequests = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectReadOptions { MaxAttempts = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectReadOptions { RequestTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectReadOptions { RetryDelay = TimeSpan.FromSeconds(-1) });
        Assert.Equal(Timeout.InfiniteTimeSpan, new ObjectReadOptions { RequestTimeout = Timeout.InfiniteTimeSpan }.RequestTimeout);
        Assert.Equal(0, new ObjectReadOptions { MergeGapBytes = 0 }.MergeGapBytes);
    }

    [Fact]
    public async Task Gaps_merged_into_requests_are_let_go_with_their_row_group_so_memory_stays_flat_as_files_grow()
    {
        // Reading Id and Reading merges the Sensor chunk between them into each request; those bytes are never read.
        long Peak(string key)
        {
            using var streaming = new StreamingDataset<IdAndReading>(
                new ParquetSource<IdAndReading>(Store, key, new ObjectReadOptions { ReadAheadRowGroup = false }).BatchSize(500), bufferSize: 1).WithMemoryTracking(true);
            Assert.Equal(0, streaming.Rows().Count() % 1_000);
            Assert.Equal(0, streaming.CurrentMemory);
            return streaming.PeakMemory;
        }

        await WriteMeasurementsAsync("short.parquet", rows: 10_000, rowGroupSize: 1_000);
        await WriteMeasurementsAsync("long.parquet", rows: 60_000, rowGroupSize: 1_000);

        long shortPeak = Peak("short.parquet"), longPeak = Peak("long.parquet");
        Assert.True(longPeak < shortPeak * 3 / 2, $"peak {longPeak} bytes over 60 row groups, {shortPeak} over 10");
    }

    [Fact]
    public void Plain_HTTP_cannot_list_and_says_so()
    {
        NotSupportedException error = Assert.Throws<NotSupportedException>(() => ParquetSource<Measurement>.FromStore(Store, "x/"));
        Assert.Contains("cannot list", error.Message, StringComparison.Ordinal);
    }
}
