using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alimentar.Testing;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace Alimentar.Cli.Tests;

/// <summary>
/// Random nested shapes (records, lists and maps over DuckDB's scalar types, nulls and empties at every level, now and
/// then a list long enough to run over pages and batches), written by DuckDB with random page versions, codecs and
/// row group sizes; odd seeds rewritten by Arrow C++ with fields never null REQUIRED at their depth, a page index, and
/// random codecs and encodings (delta, byte stream split, RLE booleans) column by column. For a longer search every
/// seed may instead be rewritten by another writer (<see cref="RandomShapeFiles.Rewriter"/>: arrow-rs, Polars or Parquet.Net).
/// Each is scaffolded (about half of its lists declared as lists, read-only lists, immutable arrays and lists, read-only
/// collections or memories rather than arrays, and half of its maps as read-only, sorted, immutable or frozen
/// dictionaries), compiled with the generator and read typed, and every row equals DuckDB's reading of it:
/// <list type="bullet">
/// <item>whole (now and then with batches cut by a small byte budget, or decoded on several threads);</item>
/// <item>filtered by id, row groups and pages skipped;</item>
/// <item>shuffled, and stopped half way and resumed in a new dataset in the same order;</item>
/// <item>in part: a type declaring only some of the columns and record fields;</item>
/// <item>through Arrow IPC and back, and as Parquet Arrow C++ writes from that stream;</item>
/// <item>written back by Alimentar's writer (rows or batches, random settings), read by DuckDB and Arrow C++ and, filtered, by Alimentar.</item>
/// </list>
/// The command line's head and inspect and the untyped scan take every shape, and damaged pages of every shape
/// stream or fail with an <see cref="AlimentarException"/>.
/// </summary>
public sealed class RandomShapeTests(RandomShapeFiles shapes, ITestOutputHelper output) : IClassFixture<RandomShapeFiles>
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int seed = RandomShapeFiles.First; seed < RandomShapeFiles.First + RandomShapeFiles.Count; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_random_nested_shape_reads_exports_and_writes_back_as_DuckDB_reads_it(int seed)
    {
        RandomShapeFiles.ShapeFile file = shapes.Of(seed);
        output.WriteLine(file.Select);
        output.WriteLine(file.Scaffold);
        output.WriteLine(file.PartScaffold);
        Type probe = shapes.Assembly.GetType($"Shape{seed}.Probe")!;
        var read = (Func<string, int, IList>)probe.GetMethod("Read")!.CreateDelegate(typeof(Func<string, int, IList>));
        var write = (Func<string, string, int, bool, Task>)probe.GetMethod("WriteBack")!.CreateDelegate(typeof(Func<string, string, int, bool, Task>));

        List<JsonElement> expected = DuckJson.Rows(file.DuckDbPath, int.MaxValue);
        AssertSameRows(expected, read(file.Path, file.BatchSize), "whole");

        // Shuffled, the rows are the same rows; stopped half way and resumed in a new dataset, the same order.
        var shuffled = (Func<string, int, int, (IList, IList)>)probe.GetMethod("Shuffled")!.CreateDelegate(typeof(Func<string, int, int, (IList, IList)>));
        (IList whole, IList resumed) = shuffled(file.Path, file.BatchSize, seed);
        var byId = expected.ToDictionary(row => row.GetProperty("id").GetInt64());
        Assert.Equal(expected.Count, whole.Count);
        for (int i = 0; i < whole.Count; i++)
        {
            long id = (long)whole[i]!.GetType().GetProperty("Id")!.GetValue(whole[i])!;
            DuckJson.AssertSame(byId[id], whole[i], $"{i} (shuffled, id {id})");
        }

        var named = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        Assert.Equal(whole.Cast<object>().Select(r => JsonSerializer.Serialize(r, r.GetType(), named)), resumed.Cast<object>().Select(r => JsonSerializer.Serialize(r, r.GetType(), named)));

        // A part of the shape (columns and record fields left out, at every depth) read from the whole file.
        var readPart = (Func<string, int, IList>)probe.GetMethod("ReadPart")!.CreateDelegate(typeof(Func<string, int, IList>));
        AssertSameRows(DuckJson.Rows(file.PartPath, int.MaxValue), readPart(file.Path, file.BatchSize), "a part");

        // A filter on the id (the rows' order) skips row groups and, where the file has a page index, pages of every nested column.
        var readWhere = (Func<string, int, long, long, long, IList>)probe.GetMethod("ReadWhere")!.CreateDelegate(typeof(Func<string, int, long, long, long, IList>));
        long from = expected.Count / 3;
        long to = from + (expected.Count / 5);
        long last = expected.Count - 2;
        List<JsonElement> expectedWhere = [.. expected.Where(row => row.GetProperty("id").GetInt64() is var id && ((id >= from && id < to) || id == last))];
        AssertSameRows(expectedWhere, readWhere(file.Path, file.BatchSize, from, to, last), "filtered");

        // Through Arrow: the batches exported as an IPC stream read back as the same rows, and Arrow C++ (which checks
        // every array) writes that stream's record batches as Parquet that DuckDB reads as it read its own file.
        var throughArrow = (Func<string, int, Task<(MemoryStream, IList)>>)probe.GetMethod("ThroughArrow")!.CreateDelegate(typeof(Func<string, int, Task<(MemoryStream, IList)>>));
        (MemoryStream ipc, IList arrowRows) = await throughArrow(file.Path, file.BatchSize);
        AssertSameRows(expected, arrowRows, "Arrow IPC");
        if (!file.Select.Contains("::INTERVAL", StringComparison.Ordinal))
        {
            // Arrow C++ writes no month_day_nano_interval to Parquet.
            string fromArrow = Path.Combine(shapes.Directory, $"from-arrow{seed}.parquet");
            ArrowRewrite.WriteIpc(ipc, fromArrow);
            AssertSameDuckDbRows(expected, fromArrow, "Arrow C++'s file of Alimentar's IPC stream");
        }

        string written = Path.Combine(shapes.Directory, $"written{seed}.parquet");
        await write(file.Path, written, file.BatchSize, seed % 2 == 0);
        AssertSameDuckDbRows(expected, written, "Alimentar's file");
        if (!file.Select.Contains("::INTERVAL", StringComparison.Ordinal) && !file.Select.Contains("::UUID", StringComparison.Ordinal))
        {
            // Arrow C++ reads Alimentar's file as DuckDB does (it refuses INTERVAL and reads UUID as bytes).
            string copied = Path.Combine(shapes.Directory, $"arrow-copy{seed}.parquet");
            ArrowRewrite.Copy(written, copied);
            AssertSameDuckDbRows(expected, copied, "Arrow C++'s reading of Alimentar's file");
        }

        Assert.All(file.Required, column => Assert.Equal("REQUIRED", DuckDbRepetition(written, column)));
        AssertSameRows(expectedWhere, readWhere(written, file.BatchSize, from, to, last), "written, filtered");

        // The untyped paths take any shape too: the command line's head and inspect, and a scan of every column.
        (int exit, string head) = await CommandTests.RunAsync("head", file.Path, "-n", "3");
        Assert.True(exit == 0, head);
        (exit, string inspect) = await CommandTests.RunAsync("inspect", file.Path);
        Assert.True(exit == 0, inspect);
        Assert.Equal(expected.Count, (await ParquetFileInfo.ScanAsync(file.Path)).Rows);
    }

    /// <summary>
    /// Damaged pages of every shape (levels, values, headers, with checksums off so that the damage reaches the
    /// decoders and the record assembly): each mutant streams to its end or fails with an <see cref="AlimentarException"/>
    /// naming the file, within seconds and without allocating beyond bounds; nothing else escapes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_random_shape_with_damaged_pages_streams_or_fails_with_an_alimentar_exception(int seed)
    {
        RandomShapeFiles.ShapeFile file = shapes.Of(seed);
        var readBytes = (Func<byte[], int, int>)shapes.Assembly.GetType($"Shape{seed}.Probe")!.GetMethod("ReadBytes")!.CreateDelegate(typeof(Func<byte[], int, int>));
        byte[] original = await File.ReadAllBytesAsync(file.Path);
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        for (int round = 0; round < 40; round++)
        {
            byte[] mutant = PageMutants.Mutate(original, random);
            string outcome = await MutantReads.CheckAsync(() => readBytes(mutant, file.BatchSize), "mutant.parquet", original.Length, $"mutant {round} of shape {seed}");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
    }

    private static void AssertSameDuckDbRows(List<JsonElement> expected, string path, string read)
    {
        List<JsonElement> reread = DuckJson.Rows(path, int.MaxValue);
        Assert.Equal(expected.Count, reread.Count);
        for (int i = 0; i < reread.Count; i++)
        {
            string? difference = DuckJson.Difference(expected[i], reread[i]);
            Assert.True(difference is null, $"row {i} as DuckDB reads {read}: {difference}\nDuckDB's file: {expected[i]}\n{read}: {reread[i]}");
        }
    }

    private static void AssertSameRows(List<JsonElement> expected, IList typed, string read)
    {
        Assert.Equal(expected.Count, typed.Count);
        for (int i = 0; i < typed.Count; i++)
        {
            DuckJson.AssertSame(expected[i], typed[i], $"{i} ({read})");
        }
    }

    private static string DuckDbRepetition(string path, string column)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT repetition_type FROM parquet_schema('{path}') WHERE lower(name) = '{column}'";
        return (string)command.ExecuteScalar()!;
    }
}

/// <summary>The random shapes' files, written by DuckDB into a folder of their own, and their row types compiled in one assembly.</summary>
public sealed class RandomShapeFiles : IDisposable
{
    /// <summary>How many shapes a run tries; <c>ALIMENTAR_RANDOM_SHAPES</c> sets more for a long search.</summary>
    public static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("ALIMENTAR_RANDOM_SHAPES"), out int count) ? count : 24;

    /// <summary>The first seed a run tries; <c>ALIMENTAR_RANDOM_SHAPES_FROM</c> starts a long search past the shapes searched before.</summary>
    public static readonly int First = int.TryParse(Environment.GetEnvironmentVariable("ALIMENTAR_RANDOM_SHAPES_FROM"), out int first) ? first : 0;

    /// <summary>
    /// A script that rewrites every shape's file with another writer before it is read (<c>node script in out seed</c>),
    /// from <c>ALIMENTAR_RANDOM_SHAPES_REWRITER</c>: <c>tests/data/other-writers/generate/rewrite-arrow-rs.mjs</c>, after
    /// <c>npm install</c> beside it, reads every shape as arrow-rs (the writer of delta-rs, DataFusion and most Rust
    /// tools) lays it out, and <c>rewrite-polars.cjs</c> as Polars does; <see cref="ParquetNet"/> rewrites in this process
    /// as Parquet.Net lays it out (<see cref="ParquetNetRewrite"/>; with <c>ALIMENTAR_RANDOM_SHAPES_WITHOUT=JSON</c>, since
    /// Parquet.Net writes JSON back as plain bytes). Unset, odd seeds go through Arrow C++ and even ones are read as
    /// DuckDB wrote them.
    /// </summary>
    public static readonly string? Rewriter = Environment.GetEnvironmentVariable("ALIMENTAR_RANDOM_SHAPES_REWRITER") is { Length: > 0 } script
        ? script == ParquetNet ? ParquetNet : Path.GetFullPath(script)
        : null;

    /// <summary>The <see cref="Rewriter"/> that rewrites every shape with Parquet.Net, in this process.</summary>
    public const string ParquetNet = "parquet.net";

    /// <summary>
    /// Types the shapes leave out, from <c>ALIMENTAR_RANDOM_SHAPES_WITHOUT</c> (comma-separated, e.g. <c>MAP,JSON</c>), for a
    /// <see cref="Rewriter"/> whose writer has no such type (<c>rewrite-polars.cjs</c>: Polars writes a map as a list of
    /// key-value records and JSON as plain bytes, which no longer read as DuckDB read the original).
    /// </summary>
    public static readonly string[] Without = Environment.GetEnvironmentVariable("ALIMENTAR_RANDOM_SHAPES_WITHOUT")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public RandomShapeFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"alimentar-shapes-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        Files = new ShapeFile[Count];
        var sources = new List<string>();
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            for (int seed = First; seed < First + Count; seed++)
            {
                ShapeFile file = Files[seed - First] = Write(connection, seed);
                sources.Add(file.Scaffold);
                sources.Add(file.PartScaffold);
                sources.Add(Probe(seed));
            }

            Assembly = GeneratedAssembly.Compile([.. sources]);
        }
        catch
        {
            // xUnit disposes no fixture whose constructor threw.
            Dispose();
            throw;
        }
    }

    public string Directory { get; }

    /// <summary>The file of shape <paramref name="seed"/>.</summary>
    public ShapeFile Of(int seed) => Files[seed - First];

    public ShapeFile[] Files { get; }

    public Assembly Assembly { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>
    /// A shape's file (DuckDB's, or Arrow C++'s rewrite of it), DuckDB's file, the query that filled it, its scaffolded
    /// row type, the columns never null, the batch size to read it in, and a part of it (DuckDB's file and its row type).
    /// </summary>
    public sealed record ShapeFile(string Path, string DuckDbPath, string Select, string Scaffold, string[] Required, int BatchSize, string PartPath, string PartScaffold);

    /// <summary>Even seeds read DuckDB's file, odd ones Arrow C++'s rewrite of it; every seed the <see cref="Rewriter"/>'s rewrite where one is named.</summary>
    private ShapeFile Write(DuckDBConnection connection, int seed)
    {
        bool throughArrow = Rewriter is null && seed % 2 == 1;

        // A file another writer rewrites goes in with V1 pages (Arrow C++ 21 fails on some of DuckDB's DELTA_BINARY_PACKED
        // pages, "InitBlock EOF") and without the types Arrow drops the annotations of.
        bool rewritten = throughArrow || Rewriter is not null;
        var shape = new RandomShape(seed, rewritten, Without);
        int columns = shape.Next(1, 5);
        var select = new System.Text.StringBuilder("SELECT i::BIGINT AS id");
        var required = new List<string> { "id" };
        var choose = new Random(seed + 1_000_000);
        var part = new System.Text.StringBuilder("SELECT i::BIGINT AS id");
        for (int c = 0; c < columns; c++)
        {
            RandomShape.Node type = shape.Type(depth: shape.Next(1, 5));
            bool neverNull = shape.Next(0, 4) == 0;
            select.Append($",\n  {(neverNull ? type.Required("i") : type.Value("i", 0))} AS c{c}");
            if (neverNull)
            {
                required.Add($"c{c}");
            }

            if (choose.Next(3) != 0)
            {
                RandomShape.Node projected = RandomShape.Projected(type, choose);
                part.Append($",\n  {(neverNull ? projected.Required("i") : projected.Value("i", 0))} AS c{c}");
            }
        }

        string rows = $"\nFROM range({shape.Next(50, 700)}) t(i)";
        select.Append(rows);
        part.Append(rows);
        string duckDbPath = System.IO.Path.Combine(Directory, $"shape{seed}.parquet");
        string[] codecs = ["uncompressed", "snappy", "zstd", "gzip"];
        int rowGroupSize = shape.Next(20, 400);
        bool dataPageV2 = shape.Next(0, 2) == 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"COPY ({select}) TO '{duckDbPath}' (FORMAT PARQUET, ROW_GROUP_SIZE {rowGroupSize}, "
                + $"PARQUET_VERSION {(dataPageV2 && !rewritten ? "V2" : "V1")}, COMPRESSION {codecs[shape.Next(0, codecs.Length)]})";
            command.ExecuteNonQuery();
        }

        string path = duckDbPath;
        if (throughArrow)
        {
            path = System.IO.Path.Combine(Directory, $"arrow{seed}.parquet");
            ArrowRewrite.Rewrite(duckDbPath, path, rowGroupSize, dataPageV2, dictionary: shape.Next(0, 2) == 0, new Random(seed + 2_000_000));
        }
        else if (Rewriter is not null)
        {
            path = System.IO.Path.Combine(Directory, $"rewritten{seed}.parquet");
            Rewrite(duckDbPath, path, seed);
        }

        ParquetFile parquet = ParquetFile.OpenAsync(path, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        string scaffold = RowTypeScaffolder.Scaffold(parquet.Schema, "Row", $"Shape{seed}", $"shape{seed}.parquet");
        parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();

        // DuckDB writes every column OPTIONAL; a column it never left null is read into a member that cannot be null
        // (Arrow's rewrite made it REQUIRED, which the scaffold follows).
        foreach (string column in throughArrow ? [] : required)
        {
            string member = " " + char.ToUpperInvariant(column[0]) + column[1..];
            int at = scaffold.IndexOf("?" + member + ",", StringComparison.Ordinal) is >= 0 and int comma
                ? comma
                : scaffold.IndexOf("?" + member + ");", StringComparison.Ordinal);
            Assert.True(at >= 0, $"no nullable member{member} in\n{scaffold}");
            scaffold = scaffold.Remove(at, 1);
        }

        scaffold = WithVariedMaps(WithVariedLists(scaffold, new Random(seed + 3_000_000)), new Random(seed + 5_000_000));

        // A part of the shape (columns and record fields left out), which DuckDB writes to give its values and the
        // scaffold to give a row type that reads the part from the whole file.
        string partPath = System.IO.Path.Combine(Directory, $"part{seed}.parquet");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"COPY ({part}) TO '{partPath}' (FORMAT PARQUET)";
            command.ExecuteNonQuery();
        }

        parquet = ParquetFile.OpenAsync(partPath, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        string partScaffold = WithVariedLists(RowTypeScaffolder.Scaffold(parquet.Schema, "Part", $"Shape{seed}.Parts", $"part{seed}.parquet"), new Random(seed + 4_000_000));
        parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();

        return new ShapeFile(path, duckDbPath, select.ToString(), scaffold, [.. required], shape.Next(1, 300), partPath, partScaffold);
    }

    /// <summary>Runs the <see cref="Rewriter"/> on <paramref name="input"/>, failing with what it printed when it fails.</summary>
    private static void Rewrite(string input, string output, int seed)
    {
        if (Rewriter == ParquetNet)
        {
            ParquetNetRewrite.Rewrite(input, output, seed);
            return;
        }

        var start = new System.Diagnostics.ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Rewriter!, input, output, seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        Task<string> printed = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the rewriter failed on shape {seed}: {printed.Result}{errors}");
    }

    /// <summary>
    /// The scaffold with about half of its innermost arrays (not <c>byte[]</c>, a binary value) declared as the other
    /// list types a member may have, chosen by <paramref name="random"/>, so that every shape is read, shuffled,
    /// exported and written through them too, at every depth and inside records and maps.
    /// </summary>
    private static string WithVariedLists(string scaffold, Random random) => InnermostArray.Replace(
        scaffold,
        array => array.Groups["element"].Value == "byte" || random.Next(0, 2) == 0
            ? array.Value
            : string.Format(CultureInfo.InvariantCulture, ListTypes[random.Next(ListTypes.Length)], array.Groups["element"].Value));

    private static readonly string[] ListTypes =
    [
        "System.Collections.Generic.List<{0}>",
        "System.Collections.Generic.IReadOnlyList<{0}>",
        "System.Collections.Immutable.ImmutableArray<{0}>",
        "System.Collections.Immutable.ImmutableList<{0}>",
        "System.Collections.ObjectModel.ReadOnlyCollection<{0}>",
        "System.ReadOnlyMemory<{0}>",
    ];

    private static readonly Regex InnermostArray = new(@"(?<element>\b[\w.]+\??)\[\]", RegexOptions.CultureInvariant);

    /// <summary>The scaffold with about half of its dictionaries declared as the other map types a member may have.</summary>
    private static string WithVariedMaps(string scaffold, Random random) => scaffold.Contains(DictionaryType, StringComparison.Ordinal)
        ? string.Join(string.Empty, scaffold.Split(DictionaryType).Select((part, i) => i == 0 ? part : (random.Next(0, 2) == 0 ? DictionaryType : MapTypes[random.Next(MapTypes.Length)]) + part))
        : scaffold;

    private const string DictionaryType = "System.Collections.Generic.Dictionary<";

    private static readonly string[] MapTypes =
    [
        "System.Collections.Generic.IReadOnlyDictionary<",
        "System.Collections.Generic.SortedDictionary<",
        "System.Collections.ObjectModel.ReadOnlyDictionary<",
        "System.Collections.Immutable.ImmutableDictionary<",
        "System.Collections.Frozen.FrozenDictionary<",
    ];

    private static string Probe(int seed) => $$"""
        namespace Shape{{seed}};

        public static class Probe
        {
            /// <summary>Every row; batches now and then cut short by a small byte budget, and decoded on several threads.</summary>
            public static System.Collections.IList Read(string path, int batchSize)
            {
                var source = new Alimentar.ParquetSource<Row>(path).BatchSize(batchSize)
                    .BatchBytes(batchSize % 3 == 0 ? 8_192 : Alimentar.ParquetSource<Row>.DefaultBatchBytes)
                    .DecodeThreads(batchSize % 2 == 0 ? 1 : 3);
                using var streaming = new Alimentar.StreamingDataset<Row>(source, bufferSize: 2);
                return System.Linq.Enumerable.ToList(streaming.Rows());
            }

            public static int ReadBytes(byte[] bytes, int batchSize)
            {
                var source = new Alimentar.ParquetSource<Row>(new System.IO.MemoryStream(bytes, writable: false), "mutant.parquet").VerifyPageChecksums(false).BatchSize(batchSize);
                using var streaming = new Alimentar.StreamingDataset<Row>(source, bufferSize: 2);
                return System.Linq.Enumerable.Count(streaming.Rows());
            }

            /// <summary>A shuffled pass, and the same pass stopped after some batches and resumed from its state in a new dataset.</summary>
            public static (System.Collections.IList Whole, System.Collections.IList Resumed) Shuffled(string path, int batchSize, int seed)
            {
                Alimentar.StreamingDataset<Row> Open() =>
                    new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(batchSize), bufferSize: 2).WithShuffle(seed, windowRows: batchSize * 2, lanes: 2);
                var whole = new System.Collections.Generic.List<Row>();
                using (var streaming = Open())
                {
                    whole.AddRange(streaming.Rows());
                }

                var resumed = new System.Collections.Generic.List<Row>();
                Alimentar.StreamingState? state = null;
                using (var first = Open())
                {
                    foreach (Alimentar.Batch<Row> batch in first)
                    {
                        using (batch)
                        {
                            for (int i = 0; i < batch.Count; i++)
                            {
                                resumed.Add(batch[i]);
                            }
                        }

                        state = first.GetState();
                        if (resumed.Count >= whole.Count / 2)
                        {
                            break;
                        }
                    }
                }

                using (var second = Open())
                {
                    second.ResumeFrom(state!);
                    resumed.AddRange(second.Rows());
                }

                return (whole, resumed);
            }

            public static System.Collections.IList ReadPart(string path, int batchSize)
            {
                using var streaming = new Alimentar.StreamingDataset<Parts.Part>(new Alimentar.ParquetSource<Parts.Part>(path).BatchSize(batchSize), bufferSize: 2);
                return System.Linq.Enumerable.ToList(streaming.Rows());
            }

            public static System.Collections.IList ReadWhere(string path, int batchSize, long from, long to, long last)
            {
                var source = new Alimentar.ParquetSource<Row>(path).BatchSize(batchSize).Where(r => (r.Id >= from && r.Id < to) || r.Id == last);
                using var streaming = new Alimentar.StreamingDataset<Row>(source, bufferSize: 2);
                return System.Linq.Enumerable.ToList(streaming.Rows());
            }

            /// <summary>The file's batches as an Arrow IPC stream, and that stream read back as rows.</summary>
            public static async System.Threading.Tasks.Task<(System.IO.MemoryStream, System.Collections.IList)> ThroughArrow(string path, int batchSize)
            {
                var ipc = new System.IO.MemoryStream();
                using (var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(batchSize), bufferSize: 2))
                {
                    await Alimentar.ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
                }

                ipc.Position = 0;
                using var back = new Alimentar.StreamingDataset<Row>(new Alimentar.ArrowSource<Row>(new System.IO.MemoryStream(ipc.ToArray())), bufferSize: 2);
                return (ipc, System.Linq.Enumerable.ToList(back.Rows()));
            }

            public static async System.Threading.Tasks.Task WriteBack(string path, string written, int batchSize, bool batches)
            {
                // The writer's settings vary with the batch size: codecs, page versions, dictionaries, page sizes and spilling.
                Alimentar.ParquetCompression[] codecs =
                [
                    Alimentar.ParquetCompression.None, Alimentar.ParquetCompression.Snappy, Alimentar.ParquetCompression.Gzip,
                    Alimentar.ParquetCompression.Zstd, Alimentar.ParquetCompression.Lz4, Alimentar.ParquetCompression.Brotli,
                ];
                var options = new Alimentar.ParquetWriteOptions
                {
                    RowGroupSize = batchSize * 3 + 1,
                    PageRowLimit = batchSize / 2 + 1,
                    PageSize = 512 << (batchSize % 8),
                    Compression = codecs[batchSize % codecs.Length],
                    DataPageV2 = batchSize % 3 == 0,
                    Dictionary = batchSize % 4 != 1,
                    SpillBytes = batchSize % 5 == 0 ? 4096 : null,
                };
                await using var writer = await Alimentar.ParquetDatasetWriter<Row>.CreateAsync(written, options);
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(batchSize), bufferSize: 2);
                if (batches)
                {
                    foreach (Alimentar.Batch<Row> batch in streaming)
                    {
                        using (batch)
                        {
                            await writer.WriteAsync(batch);
                        }
                    }
                }
                else
                {
                    await writer.WriteAsync(streaming.Rows());
                }
            }
        }
        """;
}
