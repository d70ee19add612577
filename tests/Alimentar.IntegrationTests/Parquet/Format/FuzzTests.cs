using System.Diagnostics;
using Alimentar.Testing;
using Xunit.Abstractions;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Seeded corruption of valid files: truncations, bit flips and zeroed ranges in the footer, page headers
/// and data. Each mutant streams to the end or fails with an <see cref="AlimentarException"/>, quickly;
/// nothing else may escape.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerFileBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Mutated_files_stream_or_fail_with_an_alimentar_exception()
    {
        byte[] basket = await WriteAsync(Enumerable.Range(0, 60).Select(i => new Basket(i, [i, i + 1], [$"t{i % 3}"], i % 4 == 0 ? null : [i * 0.5, null], ["x"], null)), rowGroupSize: 20);
        byte[] measurements = await WriteAsync(Enumerable.Range(0, 300).Select(i => new Measurement(i, $"sensor-{i % 5}", i % 3 == 0 ? null : i * 0.25)), rowGroupSize: 100);
        byte[] impala = await File.ReadAllBytesAsync(ParquetFiles.Corpus("alltypes_plain.parquet"));
        var random = new Random(20261124);
        var outcomes = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();

        int cases = 0;
        for (int round = 0; round < 700; round++)
        {
            await CheckAsync<Basket>(Mutate(basket, random, out string b), "basket: " + b);
            await CheckAsync<Measurement>(Mutate(measurements, random, out string m), "measurements: " + m);
            await CheckAsync<AllTypes>(Mutate(impala, random, out string a), "alltypes_plain: " + a);
            cases += 3;
        }

        output.WriteLine($"{cases} mutants in {clock.Elapsed.TotalSeconds:N1} s: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(outcomes.GetValueOrDefault("ok") > 0, "no mutant streamed at all: the mutations are too coarse to test decoding");
        Assert.True(outcomes.Keys.Count(k => k != "ok") > 1, "mutants failed in only one way: the mutations are too coarse");

        async Task CheckAsync<T>(byte[] mutant, string description)
            where T : IStreamingRow<T>
        {
            string outcome;
            try
            {
                outcome = await Task.Run(() => Stream<T>(mutant)).WaitAsync(PerFileBound);
            }
            catch (TimeoutException)
            {
                await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "alimentar-hung-mutant.parquet"), mutant);
                throw new Xunit.Sdk.XunitException($"Mutant '{description}' did not finish within {PerFileBound}.");
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
    }

    /// <summary>
    /// Mutations aimed at the pages alone (headers, levels, values) of files with v2 pages and the DELTA,
    /// BYTE_STREAM_SPLIT and RLE encodings, and of ZSTD pages, read with CRC checks off so that every mutant reaches
    /// the decoders.
    /// </summary>
    [Fact]
    public async Task Mutated_pages_of_v2_delta_encoded_and_zstd_files_stream_or_fail_with_an_alimentar_exception()
    {
        using var sharpFile = new TempFile();
        ParquetSharpDifferentialTests.Write(sharpFile.Path, ParquetSharp.ParquetDataPageVersion.V2, "encodings", ParquetSharp.Compression.Uncompressed, rows: 600);
        using var duckFile = new TempFile();
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, DuckDbDifferentialTests.QueryOf(400), duckFile.Path, "PARQUET_VERSION V2, COMPRESSION uncompressed, ROW_GROUP_SIZE 150");
        }

        byte[] sharp = await File.ReadAllBytesAsync(sharpFile.Path);
        byte[] duck = await File.ReadAllBytesAsync(duckFile.Path);

        // ZSTD frames, which the system's libzstd decodes where the machine has one: damage must surface from
        // native code as from managed, as a corrupt page and never a crash.
        byte[] zstd = await DuckDbFileAsync(DuckDbDifferentialTests.QueryOf(400), "COMPRESSION zstd, ROW_GROUP_SIZE 150");
        var random = new Random(20261125);
        var outcomes = new Dictionary<string, int>();
        int zstdCorrupt = 0;
        for (int round = 0; round < 500; round++)
        {
            Count(await RunBoundedAsync(() => Stream<SharpRow>(MutatePages(sharp, random), verifyChecksums: false)));
            Count(await RunBoundedAsync(() => Stream<DuckRow>(MutatePages(duck, random), verifyChecksums: false)));
            string zstdOutcome = await RunBoundedAsync(() => Stream<DuckRow>(MutatePages(zstd, random), verifyChecksums: false));
            zstdCorrupt += zstdOutcome == nameof(CorruptParquetFileException) ? 1 : 0;
            Count(zstdOutcome);
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault("ok") > 0, "no mutant streamed: the mutations are too coarse");
        Assert.True(outcomes.GetValueOrDefault(nameof(CorruptParquetFileException)) > 0, "no mutant was found corrupt: the mutations missed the pages");
        Assert.True(zstdCorrupt > 0, "no ZSTD mutant was found corrupt: the mutations missed its frames");

        void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }

    /// <summary>
    /// Mutations of a file large enough that its batches' columns are decoded side by side on several threads: a
    /// corrupt column fails the pass with an <see cref="AlimentarException"/> however the threads interleave, and
    /// never hangs it or lets another exception through.
    /// </summary>
    [Fact]
    public async Task Mutated_pages_decoded_side_by_side_stream_or_fail_with_an_alimentar_exception()
    {
        byte[] duck = await DuckDbFileAsync(DuckDbDifferentialTests.QueryOf(20_000), "COMPRESSION uncompressed, ROW_GROUP_SIZE 10000");
        var random = new Random(20261205);
        var outcomes = new Dictionary<string, int>();
        for (int round = 0; round < 300; round++)
        {
            byte[] mutant = MutatePages(duck, random);
            Count(await RunBoundedAsync(() => Stream<DuckRow>(mutant, verifyChecksums: false, filter: s => s.DecodeThreads(4))));
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault("ok") > 0, "no mutant streamed: the mutations are too coarse");
        Assert.True(outcomes.Keys.Count(k => k != "ok") > 0, "no mutant failed: the mutations missed the pages");

        void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }

    /// <summary>
    /// Mutations of the pages of nested data (records, lists of records, maps, lists of lists), where levels decide
    /// the shape: a wrong level must end as a corrupt file or a null where none may be, never another exception.
    /// </summary>
    [Fact]
    public async Task Mutated_pages_of_nested_data_stream_or_fail_with_an_alimentar_exception()
    {
        using var records = new TempFile();
        using var lists = new TempFile();
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, """
                SELECT i AS id,
                       CASE WHEN i % 5 = 0 THEN [] ELSE [{'role': 'user', 'content': 'q' || i, 'tokens': i}] END AS messages,
                       CASE WHEN i % 3 = 0 THEN NULL ELSE {'bytes': encode('b'), 'path': 'p' || i} END AS picture,
                       {'year': i, 'cover': {'bytes': NULL::BLOB, 'path': 'c'}} AS meta,
                       [NULL, {'bytes': NULL::BLOB, 'path': 'g'}] AS gallery
                FROM range(300) t(i)
                """, records.Path, "COMPRESSION uncompressed, ROW_GROUP_SIZE 100");
            DuckDbDifferentialTests.Write(connection, """
                SELECT i AS id, [[i, i + 1], []] AS spans, [['w', NULL]] AS words, [[[i]], []] AS cubes, [[encode('b')]]::BLOB[][] AS chunks
                FROM range(300) t(i)
                """, lists.Path, "COMPRESSION uncompressed, ROW_GROUP_SIZE 100");
        }

        byte[] recordBytes = await File.ReadAllBytesAsync(records.Path);
        byte[] listBytes = await File.ReadAllBytesAsync(lists.Path);
        var random = new Random(20261204);
        var outcomes = new Dictionary<string, int>();
        for (int round = 0; round < 400; round++)
        {
            Count(await RunBoundedAsync(() => Stream<Conversation>(MutatePages(recordBytes, random), verifyChecksums: false)));
            Count(await RunBoundedAsync(() => Stream<NestedListRow>(MutatePages(listBytes, random), verifyChecksums: false)));
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault("ok") > 0, "no mutant streamed: the mutations are too coarse");
        Assert.True(outcomes.Keys.Count(k => k != "ok") > 1, "mutants failed in only one way: the mutations missed the levels");

        void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }

    /// <summary>
    /// Mutations of the pages of VARIANT columns: DuckDB's shredded ones, whose typed columns and residual values are
    /// put back together, and whole ones inside lists. A damaged variant must end as a corrupt file, never another
    /// exception.
    /// </summary>
    [Fact]
    public async Task Mutated_pages_of_variant_columns_stream_or_fail_with_an_alimentar_exception()
    {
        byte[] shredded = await DuckDbFileAsync(VariantTests.Documents.Replace("range(4000)", "range(600)", StringComparison.Ordinal), "COMPRESSION uncompressed, ROW_GROUP_SIZE 200");
        using var written = new TempFile();
        await WriterDifferentialTests.WriteAsync(written.Path, Enumerable.Range(0, 400).Select(i => new VariantListRow(
            i, i % 9 == 0 ? null : [ParquetVariant.FromJson($$"""{"n": {{i}}, "s": ["a", {{i}}.5]}"""), null, ParquetVariant.FromJson($"\"t{i}\"")])),
            new ParquetWriteOptions { RowGroupSize = 150, Compression = ParquetCompression.None });
        byte[] lists = await File.ReadAllBytesAsync(written.Path);
        var random = new Random(20261206);
        var outcomes = new Dictionary<string, int>();
        for (int round = 0; round < 400; round++)
        {
            Count(await RunBoundedAsync(() => Stream<VariantRow>(MutatePages(shredded, random), verifyChecksums: false)));
            Count(await RunBoundedAsync(() => Stream<VariantListRow>(MutatePages(lists, random), verifyChecksums: false)));
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault("ok") > 0, "no mutant streamed: the mutations are too coarse");
        Assert.True(outcomes.GetValueOrDefault(nameof(CorruptParquetFileException)) > 0, "no mutant was found corrupt: the mutations missed the pages");

        void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }

    /// <summary>
    /// Mutations aimed at the page indexes and Bloom filters (the bytes between the last data page and the footer)
    /// of real files that have them, read through a filter that consults them.
    /// </summary>
    [Fact]
    public async Task Mutated_page_indexes_and_Bloom_filters_read_through_a_filter_stream_or_fail_with_an_alimentar_exception()
    {
        byte[] tiny = await File.ReadAllBytesAsync(ParquetFiles.Corpus("alltypes_tiny_pages.parquet"));
        byte[] bloom = await File.ReadAllBytesAsync(ParquetFiles.Corpus("data_index_bloom_encoding_with_length.parquet"));
        long tinyIndexes = await IndexRegionStartAsync(ParquetFiles.Corpus("alltypes_tiny_pages.parquet"));
        long bloomIndexes = await IndexRegionStartAsync(ParquetFiles.Corpus("data_index_bloom_encoding_with_length.parquet"));
        var random = new Random(20261126);
        var outcomes = new Dictionary<string, int>();
        for (int round = 0; round < 300; round++)
        {
            Count(await RunBoundedAsync(() => Stream<AllTypes>(MutateRange(tiny, tinyIndexes, random), filter: s => s.Where(t => (t.Id >= 3_000 && t.Id < 3_100) || t.IntCol == 5))));
            Count(await RunBoundedAsync(() => Stream<BloomRow>(MutateRange(bloom, bloomIndexes, random), filter: s => s.Where(r => r.Text == "Hello" || r.Text == "absent"))));
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault("ok") > 0, "no mutant streamed: the mutations are too coarse");

        void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

        static async Task<long> IndexRegionStartAsync(string path)
        {
            await using Alimentar.Parquet.Reading.ParquetFile file = await Alimentar.Parquet.Reading.ParquetFile.OpenAsync(path, CancellationToken.None);
            return file.Metadata.RowGroups.SelectMany(g => g.Columns)
                .SelectMany(c => new[] { c.ColumnIndexOffset, c.OffsetIndexOffset, c.BloomFilterOffset })
                .Where(o => o is > 0).Min()!.Value;
        }
    }

    /// <summary>The bytes of the file DuckDB writes for <paramref name="query"/> with the COPY <paramref name="options"/>.</summary>
    private static async Task<byte[]> DuckDbFileAsync(string query, string options)
    {
        using var file = new TempFile();
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, query, file.Path, options);
        }

        return await File.ReadAllBytesAsync(file.Path);
    }

    private static async Task<string> RunBoundedAsync(Func<string> stream)
    {
        try
        {
            return await Task.Run(stream).WaitAsync(PerFileBound);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"A mutant did not finish within {PerFileBound}.");
        }
    }

    /// <summary>A flipped bit, a random byte or a zeroed run, anywhere between the leading magic and the footer.</summary>
    private static byte[] MutatePages(byte[] original, Random random) => PageMutants.Mutate(original, random);

    /// <summary>A flipped bit, a random byte or a zeroed run between <paramref name="from"/> and the footer.</summary>
    private static byte[] MutateRange(byte[] original, long from, Random random) => PageMutants.Mutate(original, random, from);

    private static string Stream<T>(byte[] bytes, bool verifyChecksums = true, Func<ParquetSource<T>, ParquetSource<T>>? filter = null)
        where T : IStreamingRow<T>
    {
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        try
        {
            Read(bytes, verifyChecksums, filter);
            return "ok";
        }
        catch (AlimentarException error)
        {
            Assert.Contains("mutant.parquet", error.Message, StringComparison.Ordinal);
            return error.GetType().Name;
        }
        catch (Exception error)
        {
            throw new Xunit.Sdk.XunitException($"{error.GetType().Name} escaped: {error}");
        }
        finally
        {
            // Files of a few kilobytes: whatever a mutant declares, reading it may not cost more than this.
            const long Bound = 256L << 20;
            long allocated = ProcessAllocations.Confirmed(GC.GetTotalAllocatedBytes() - allocatedBefore, Bound, () => Read<T>(bytes, verifyChecksums, filter));
            Assert.True(allocated < Bound, $"a mutant of {bytes.Length} bytes made the process allocate {allocated:N0} bytes");
        }
    }

    private static void Read<T>(byte[] bytes, bool verifyChecksums, Func<ParquetSource<T>, ParquetSource<T>>? filter)
        where T : IStreamingRow<T>
    {
        using var stream = new MemoryStream(bytes, writable: false);
        ParquetSource<T> source = new ParquetSource<T>(stream, "mutant.parquet").VerifyPageChecksums(verifyChecksums);
        using var streaming = new StreamingDataset<T>(filter is null ? source : filter(source), bufferSize: 2);
        _ = streaming.Rows().Count();
    }

    /// <summary>
    /// One of: truncation, a flipped bit, a zeroed range, or a run of nested Thrift list headers written over
    /// part of the footer (which once overflowed the stack); half of them aimed at the footer, where the metadata lives.
    /// </summary>
    private static byte[] Mutate(byte[] original, Random random, out string description)
    {
        int length = original.Length;
        int footerStart = Math.Max(0, length - Math.Min(length / 4, 1024));
        int Position() => random.Next(2) == 0 ? random.Next(footerStart, length) : random.Next(0, length);
        switch (random.Next(4))
        {
            case 3:
                byte[] nested = (byte[])original.Clone();
                int footerLength = BitConverter.ToInt32(original, length - 8);
                int start = length - 8 - footerLength + random.Next(Math.Max(1, footerLength / 2));
                int run = Math.Min(random.Next(40, 4_000), length - 8 - start);
                nested.AsSpan(start, run).Fill(0x19);
                description = $"{run} nested list headers at {start}";
                return nested;
            case 0:
                int cut = random.Next(0, length);
                description = $"truncated at {cut}";
                return original[..cut];
            case 1:
                byte[] flipped = (byte[])original.Clone();
                int at = Position();
                int bit = random.Next(8);
                flipped[at] ^= (byte)(1 << bit);
                description = $"bit {bit} flipped at {at}";
                return flipped;
            default:
                byte[] zeroed = (byte[])original.Clone();
                int from = Position();
                int count = Math.Min(random.Next(1, 16), length - from);
                zeroed.AsSpan(from, count).Clear();
                description = $"{count} bytes zeroed at {from}";
                return zeroed;
        }
    }

    private static async Task<byte[]> WriteAsync<T>(IEnumerable<T> rows, int rowGroupSize)
        where T : IStreamingRow<T>
    {
        using var stream = new MemoryStream();
        await using (ParquetDatasetWriter<T> writer = await ParquetDatasetWriter<T>.CreateAsync(stream, leaveOpen: true, new ParquetWriteOptions { RowGroupSize = rowGroupSize }))
        {
            await writer.WriteAsync(rows);
        }

        return stream.ToArray();
    }
}
