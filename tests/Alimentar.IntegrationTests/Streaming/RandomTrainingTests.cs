using Alimentar.Parquet.Reading;

namespace Alimentar.IntegrationTests;

/// <summary>A training loop's row: ids are unique across a dataset's files, so every check can count rows by id.</summary>
[StreamingDataset]
public partial record TrainingRow(long Id, int Bucket, string? Note, int[]? Tags);

/// <summary>
/// Random training loops over random Parquet datasets: files of random sizes, row groups, pages, codecs and page
/// versions (empty files among them, and now and then, under <see cref="ErrorPolicy.SkipFile"/>, one that is not
/// Parquet or whose first page is damaged), read by a directory, an object store (with a footer cache that lets go of
/// footers between reads, on some seeds), a chain or an interleave, filtered or not, through
/// random shards, shuffles, epochs and buffers. Every rank's pass hands out what
/// <see cref="StreamingDataset{T}.TotalRows"/> announced, the ranks' shares are disjoint (or padded) and cover the
/// dataset, a pass repeats exactly, a rank stopped anywhere resumes with exactly the rest of its order, and all ranks
/// stopped anywhere resume on another world size with each row once. The footer cache is process-wide, so this runs
/// alone.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class RandomTrainingTests
{
    /// <summary>16 loops a run; <c>ALIMENTAR_RANDOM_TRAINING</c> sets more for a long search, <c>ALIMENTAR_RANDOM_TRAINING_FROM</c> where it starts.</summary>
    public static TheoryData<int> Seeds() => SearchSeeds.Of("ALIMENTAR_RANDOM_TRAINING", 16);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_random_training_loop_shards_repeats_and_resumes_every_row_exactly(int seed)
    {
        var random = new Random(seed);
        using var directory = new TempDirectory("alimentar-training-");
        Dataset dataset = await Dataset.WriteAsync(directory.Path, random);
        Loop loop = Loop.Draw(random, dataset);
        string context = $"seed {seed}: {dataset} {loop}";
        FooterCache cache = FooterCache.Shared;
        long budget = cache.Budget;
        try
        {
            cache.Budget = loop.FooterBudget ?? budget;
            await RunAsync(dataset, loop, random, context);
        }
        finally
        {
            cache.Budget = budget;
        }
    }

    private static async Task RunAsync(Dataset dataset, Loop loop, Random random, string context)
    {

        // Every rank's uninterrupted pass, and the same pass again from a fresh dataset and from the same one.
        var passes = new List<long[]>();
        for (int rank = 0; rank < loop.World; rank++)
        {
            using StreamingDataset<TrainingRow> streaming = loop.Configure(dataset, rank, loop.World);
            long announced = streaming.TotalRows;
            long[] ids = [.. streaming.Rows().Select(r => r.Id)];
            Assert.True(announced == ids.Length, $"{context}: rank {rank} announced {announced} rows and read {ids.Length}");
            Assert.True(ids.SequenceEqual(streaming.Rows().Select(r => r.Id)), $"{context}: rank {rank}'s second pass differs");
            passes.Add(ids);
            if (dataset.Bad is { } bad)
            {
                Assert.True(streaming.Skipped.Any(s => s.Name.EndsWith(bad, StringComparison.Ordinal)), $"{context}: {bad} was not listed as skipped");
            }
        }

        AssertShares(passes, loop.Expected(dataset), loop, context);
        using (StreamingDataset<TrainingRow> again = loop.Configure(dataset, 0, loop.World))
        {
            Assert.True(passes[0].SequenceEqual(again.Rows().Select(r => r.Id)), $"{context}: rank 0 of a fresh dataset reads another order");
        }

        // Every rank stopped at a random row resumes, from its checkpoint's bytes, with exactly the rest.
        var delivered = new List<long[]>();
        var states = new List<StreamingState>();
        for (int rank = 0; rank < loop.World; rank++)
        {
            int stopAt = random.Next(0, 4) == 0 ? random.Next(0, 2) * passes[rank].Length : random.Next(0, passes[rank].Length + 1);
            (long[] before, StreamingState state) = await ReadAsync(loop.Configure(dataset, rank, loop.World), stopAt, loop.Batches);
            StreamingState checkpoint = StreamingState.FromBytes(state.ToBytes());
            (long[] rest, _) = await ReadAsync(loop.Configure(dataset, rank, loop.World).ResumeFrom(checkpoint), int.MaxValue, loop.Batches);
            Assert.True(passes[rank].SequenceEqual(before.Concat(rest)), $"{context}: rank {rank} stopped after {stopAt} rows resumed with {rest.Length} rows that are not the rest of its pass");
            delivered.Add(before);
            states.Add(checkpoint);
        }

        // All ranks' checkpoints resume on another world size: the rest of each old rank's order, end to end by rank,
        // shared out in contiguous parts, so every row of the epoch is handed out once across both runs.
        int world = loop.World == 1 ? random.Next(2, 5) : random.Next(0, 2) == 0 ? 1 : random.Next(loop.World + 1, loop.World + 3);
        states.Reverse();
        var resumed = new List<long[]>();
        for (int rank = 0; rank < world; rank++)
        {
            StreamingDataset<TrainingRow> streaming = loop.Configure(dataset, rank, world).ResumeFrom(states);
            long announced = streaming.TotalRows;
            resumed.Add((await ReadAsync(streaming, int.MaxValue, loop.Batches)).Ids);
            Assert.True(announced == resumed[^1].Length, $"{context}: resumed rank {rank} of {world} announced {announced} rows and read {resumed[^1].Length}");
        }

        long[] rests = [.. passes.SelectMany((all, rank) => all.Skip(delivered[rank].Length))];
        Assert.True(rests.SequenceEqual(resumed.SelectMany(r => r)), $"{context}: {world} ranks resumed with rows that are not the old ranks' rests end to end");
        Assert.True(resumed.Max(r => r.Length) - resumed.Min(r => r.Length) <= 1, $"{context}: {world} resumed ranks' shares differ by more than a row");
    }

    /// <summary>
    /// Reads at least <paramref name="rows"/> rows and takes the state there: row by row through <c>Rows()</c>, or whole
    /// batches through <c>ReadAllAsync</c> and their typed <c>Id</c> column, so a batch's state is taken at its end.
    /// </summary>
    private static async Task<(long[] Ids, StreamingState State)> ReadAsync(StreamingDataset<TrainingRow> streaming, int rows, bool batches)
    {
        if (!batches)
        {
            long[] ids = Resumption.Read(streaming, rows, r => r.Id, out StreamingState state);
            return (ids, state);
        }

        using (streaming)
        {
            var ids = new List<long>();
            StreamingState? state = null;
            if (rows > 0)
            {
                await foreach (Batch<TrainingRow> batch in streaming.ReadAllAsync())
                {
                    using (batch)
                    {
                        ids.AddRange(batch.Id);
                    }

                    if (ids.Count >= rows)
                    {
                        state = streaming.GetState();
                        break;
                    }
                }
            }

            return ([.. ids], state ?? streaming.GetState());
        }
    }

    /// <summary>The ranks' shares: equal, disjoint and short of the dataset by less than a row per rank (Drop), or covering it by padding (Pad).</summary>
    private static void AssertShares(List<long[]> passes, long[] expected, Loop loop, string context)
    {
        long[] all = [.. passes.SelectMany(p => p)];
        var distinct = all.ToHashSet();
        Assert.True(distinct.IsSubsetOf(expected), $"{context}: ranks read rows outside the dataset: {string.Join(", ", distinct.Except(expected).Take(5))}");
        if (!loop.Exact)
        {
            // A mix that ends with its first exhausted source reads a part of the dataset, whose size only the plan knows.
            Assert.True(all.Length == distinct.Count || loop.Pad, $"{context}: a row reached two ranks");
            return;
        }

        int world = passes.Count;
        long share = loop.Pad ? (expected.Length + world - 1) / world : expected.Length / world;
        Assert.All(passes, p => Assert.True(p.Length == share, $"{context}: a rank read {p.Length} rows where each should read {share}"));
        if (loop.Pad)
        {
            Assert.True(distinct.Count == expected.Length, $"{context}: padded ranks left out {expected.Length - distinct.Count} rows");
        }
        else
        {
            Assert.True(all.Length == distinct.Count, $"{context}: a row reached two ranks");
        }

        if (world == 1 && loop.ShuffleSeed is null && loop.Kind != SourceKind.Interleave)
        {
            Assert.True(all.SequenceEqual(expected), $"{context}: an unshuffled pass did not read the files in order");
        }
    }

    private enum SourceKind
    {
        Directory,
        Store,
        Chain,
        Interleave,
    }

    /// <summary>A folder of Parquet files of <see cref="TrainingRow"/>s, ids ascending through the files in name order.</summary>
    private sealed record Dataset(string Path, IReadOnlyList<string> Files, IReadOnlyList<TrainingRow> Rows, string? Bad, string Description)
    {
        public static async Task<Dataset> WriteAsync(string directory, Random random)
        {
            var files = new List<string>();
            var rows = new List<TrainingRow>();
            var description = new List<string>();
            int fileCount = random.Next(1, 6);
            int badAt = random.Next(0, 5) == 0 ? random.Next(0, fileCount + 1) : -1;
            string? bad = null;
            for (int i = 0; i <= fileCount; i++)
            {
                if (i == badAt)
                {
                    bad = $"part-{i:D3}-bad.parquet";
                    await WriteBadAsync(System.IO.Path.Combine(directory, bad), random);
                }

                if (i == fileCount)
                {
                    break;
                }

                int count = random.Next(0, 6) == 0 ? 0 : random.Next(1, 1_500);
                int stretch = random.Next(1, 400);
                TrainingRow[] file = [.. Enumerable.Range(rows.Count, count).Select(id => Row(id, stretch, random))];
                ParquetWriteOptions options = Options(random);
                string name = $"part-{i:D3}.parquet";
                await using (ParquetDatasetWriter<TrainingRow> writer = await ParquetDatasetWriter<TrainingRow>.CreateAsync(System.IO.Path.Combine(directory, name), options))
                {
                    await writer.WriteAsync(file);
                }

                files.Add(System.IO.Path.Combine(directory, name));
                rows.AddRange(file);
                description.Add($"{name}: {count} rows, groups of {options.RowGroupSize}, pages of {options.PageRowLimit}, {options.Compression}{(options.DataPageV2 ? " v2" : string.Empty)}");
            }

            return new Dataset(directory, files, rows, bad, $"[{string.Join("; ", description)}{(bad is null ? string.Empty : $"; {bad}")}]");
        }

        public override string ToString() => Description;

        /// <summary>A bucket that either follows the ids in stretches (so a filter prunes row groups and pages) or is random.</summary>
        private static TrainingRow Row(int id, int stretch, Random random) => new(
            id,
            random.Next(0, 3) == 0 ? random.Next(0, 10) : id / stretch % 10,
            random.Next(0, 5) == 0 ? null : $"note {id}",
            random.Next(0, 6) == 0 ? null : [.. Enumerable.Range(id, random.Next(0, 5))]);

        private static ParquetWriteOptions Options(Random random) => new()
        {
            RowGroupSize = random.Next(1, 700),
            PageRowLimit = random.Next(1, 5) * random.Next(1, 120),
            Compression = (ParquetCompression)random.Next(0, 6),
            Dictionary = random.Next(0, 2) == 0,
            DataPageV2 = random.Next(0, 2) == 0,
        };

        /// <summary>A file that is not Parquet, or one whose pages were overwritten: either way the reader must refuse it.</summary>
        private static async Task WriteBadAsync(string path, Random random)
        {
            if (random.Next(0, 2) == 0)
            {
                await File.WriteAllTextAsync(path, "PAR1 and nothing a reader can use");
                return;
            }

            // A skip is owed only for damage the pass reads ("every page the pass would read", FileCheck.Pages): so every
            // row passes every filter, and the damage is in the first row group's first column, read by every pass.
            TrainingRow[] rows = [.. Enumerable.Range(1_000_000, random.Next(50, 600)).Select(id => Row(id, 50, random) with { Bucket = 9 })];
            await using (ParquetDatasetWriter<TrainingRow> writer = await ParquetDatasetWriter<TrainingRow>.CreateAsync(path, Options(random) with { PageChecksums = true }))
            {
                await writer.WriteAsync(rows);
            }

            byte[] bytes = await File.ReadAllBytesAsync(path);
            bytes.AsSpan(random.Next(4, 24), random.Next(8, 64)).Fill(0xFF);
            await File.WriteAllBytesAsync(path, bytes);
        }
    }

    /// <summary>One training loop's settings, drawn at random.</summary>
    private sealed record Loop(SourceKind Kind, long? FooterBudget, bool Batches, int BatchSize, int? MinimumBucket, int Buffer, int World, bool Pad, int? ShuffleSeed, int Window, int Lanes, int Epoch, int MixSeed, double Weight, InterleaveStop Stop)
    {
        public static Loop Draw(Random random, Dataset dataset) => new(
            dataset.Files.Count >= 2 ? (SourceKind)random.Next(0, 4) : (SourceKind)random.Next(0, 3),
            random.Next(0, 2) == 0 ? random.Next(1_000, 20_000) : null,
            random.Next(0, 2) == 0,
            random.Next(1, 5) * random.Next(1, 100),
            random.Next(0, 3) == 0 ? random.Next(0, 10) : null,
            random.Next(1, 9),
            random.Next(1, 5),
            random.Next(0, 2) == 0,
            random.Next(0, 3) == 0 ? null : random.Next(),
            random.Next(0, 2) == 0 ? StreamingDataset<TrainingRow>.DefaultShuffleWindow : random.Next(1, 400),
            random.Next(1, 5),
            random.Next(0, 4),
            random.Next(),
            0.1 + (random.NextDouble() * 0.8),
            random.Next(0, 3) == 0 ? InterleaveStop.FirstExhausted : InterleaveStop.AllExhausted);

        /// <summary>Whether the ranks together read a known set of rows (every mix but one that stops at its first exhausted source).</summary>
        public bool Exact => Kind != SourceKind.Interleave || Stop == InterleaveStop.AllExhausted;

        /// <summary>The ids the loop's sources hold: the sound files' rows that pass the filter.</summary>
        public long[] Expected(Dataset dataset) =>
            [.. dataset.Rows.Where(r => MinimumBucket is not { } minimum || r.Bucket >= minimum).Select(r => r.Id)];

        public StreamingDataset<TrainingRow> Configure(Dataset dataset, int rank, int world)
        {
            var streaming = new StreamingDataset<TrainingRow>(Source(dataset), Buffer)
                .WithShard(new ShardPlan(rank, world) { Remainder = Pad ? ShardRemainder.Pad : ShardRemainder.Drop })
                .WithEpoch(Epoch);
            if (dataset.Bad is not null)
            {
                streaming = streaming.WithErrorPolicy(ErrorPolicy.SkipFile);
            }

            return ShuffleSeed is { } seed ? streaming.WithShuffle(seed, Window, Lanes) : streaming;
        }

        public override string ToString() =>
            $"{Kind}{(Kind == SourceKind.Interleave ? $" ({MixSeed}, {Weight:F2}, {Stop})" : string.Empty)}{(Kind == SourceKind.Store && FooterBudget is { } b ? $" (footer cache {b} bytes)" : string.Empty)}, read as {(Batches ? "batches" : "rows")}, batches of {BatchSize}, bucket >= {MinimumBucket?.ToString() ?? "any"}, buffer {Buffer}, " +
            $"{World} ranks {(Pad ? "padded" : "dropping")}, shuffle {ShuffleSeed?.ToString() ?? "none"} window {Window} lanes {Lanes}, epoch {Epoch}";

        private IBatchSource<TrainingRow> Source(Dataset dataset)
        {
            switch (Kind)
            {
                case SourceKind.Directory:
                    return ParquetSource<TrainingRow>.FromDirectory(dataset.Path, configure: Configure);
                case SourceKind.Store:
                    return ParquetSource<TrainingRow>.FromStore(new LocalObjectStore(dataset.Path), "", configure: Configure);
                case SourceKind.Chain:
                    return new ChainedSource<TrainingRow>(Inputs(dataset.Path).Select(path => (IBatchSource<TrainingRow>)Configure(new ParquetSource<TrainingRow>(path))));
                default:
                    string[] inputs = Inputs(dataset.Path);
                    IBatchSource<TrainingRow> even = new ChainedSource<TrainingRow>(inputs.Where((_, i) => i % 2 == 0).Select(path => (IBatchSource<TrainingRow>)Configure(new ParquetSource<TrainingRow>(path))));
                    IBatchSource<TrainingRow> odd = new ChainedSource<TrainingRow>(inputs.Where((_, i) => i % 2 == 1).Select(path => (IBatchSource<TrainingRow>)Configure(new ParquetSource<TrainingRow>(path))));
                    return new InterleavedSource<TrainingRow>(MixSeed, (even, Weight), (odd, 1 - Weight)).StopWhen(Stop);
            }
        }

        private static string[] Inputs(string directory) => [.. Directory.GetFiles(directory, "*.parquet").Order(StringComparer.Ordinal)];

        private ParquetSource<TrainingRow> Configure(ParquetSource<TrainingRow> source)
        {
            source = source.BatchSize(BatchSize);
            return MinimumBucket is { } minimum ? source.Where(r => r.Bucket >= minimum) : source;
        }
    }
}
