using Xunit.Abstractions;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record StressItem(long Id, string Name, double? Score, int[] Tags);

/// <summary>
/// Random compositions of sources (a file, a directory with or without a damaged file, a filtered file, rows in
/// memory, an Arrow stream with compressed bodies from a path or from a one-way stream, damaged or not; chained or
/// interleaved), training settings (shuffle, shard, error policy, backpressure) and consumers (read
/// all, break, cancel, reset and read again, reset or dispose from another thread while a read waits). Whatever the
/// mix, each scenario ends within seconds, throws only what its consumer caused (the damaged file's
/// <see cref="AlimentarException"/> naming it, <see cref="ObjectDisposedException"/> after a dispose,
/// <see cref="OperationCanceledException"/> after its own cancel), and leaves no pooled buffer outstanding.
/// <c>ALIMENTAR_LIFECYCLE_SCENARIOS</c> and <c>ALIMENTAR_LIFECYCLE_SEED</c> run more of them.
/// </summary>
public sealed class LifecycleStressTests(LifecycleStressTests.Files files, ITestOutputHelper output) : IClassFixture<LifecycleStressTests.Files>
{
    private const int FileRows = 5_000;
    private const int MemoryRows = 3_000;

    [Fact]
    public async Task Any_mix_of_sources_settings_and_consumers_ends_cleanly_and_returns_every_buffer()
    {
        int scenarios = int.TryParse(Environment.GetEnvironmentVariable("ALIMENTAR_LIFECYCLE_SCENARIOS"), out int count) ? count : 150;
        int first = int.TryParse(Environment.GetEnvironmentVariable("ALIMENTAR_LIFECYCLE_SEED"), out int seed) ? seed : 0;
        var outcomes = new Dictionary<string, int>();
        for (int s = first; s < first + scenarios; s++)
        {
            var pool = new ColumnBufferPool();
            var scenario = new Scenario(new Random(s), files, pool);
            string outcome;
            try
            {
                outcome = await Task.Run(scenario.RunAsync).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"scenario {s} ({scenario}) did not end within 30 s");
            }
            catch (Exception error)
            {
                throw new Xunit.Sdk.XunitException($"scenario {s} ({scenario}): {error.GetType().Name} escaped: {error}");
            }

            Assert.True(pool.OutstandingBuffers == 0, $"scenario {s} ({scenario}) ended '{outcome}' with {pool.OutstandingBuffers} buffers outstanding");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.Count >= 6, "the scenarios ended in too few ways to have tried the consumers");
    }

    private sealed class Scenario(Random random, Files files, ColumnBufferPool pool)
    {
        private readonly List<string> _parts = [];
        private readonly List<IDisposable> _owned = [];
        private bool _damaged;

        public override string ToString() => string.Join(" ", _parts);

        public async Task<string> RunAsync()
        {
            _damaged = random.Next(3) == 0;
            int batchSize = new[] { 7, 100, 1_000, 4_096 }[random.Next(4)];
            (IBatchSource<StressItem> source, long? rows) = random.Next(4) switch
            {
                0 => (new ChainedSource<StressItem>(Source(batchSize).Source, Source(batchSize).Source), null),
                1 => (new InterleavedSource<StressItem>(random.Next(), (Source(batchSize).Source, 0.6), (Source(batchSize).Source, 0.4)), null),
                _ => Source(batchSize),
            };
            int buffer = new[] { 1, 2, 16 }[random.Next(3)];
            var streaming = new StreamingDataset<StressItem>(source, buffer);
            if (random.Next(3) == 0)
            {
                streaming = streaming.WithShuffle(random.Next());
                _parts.Add("shuffle");
            }

            if (random.Next(4) == 0)
            {
                streaming = streaming.WithShard(random.Next(2), 2);
                _parts.Add("shard");
                rows = null;
            }

            bool skipping = random.Next(3) == 0;
            if (skipping)
            {
                streaming = streaming.WithErrorPolicy(ErrorPolicy.SkipFile);
                _parts.Add("skip");
                rows = null;
            }

            if (random.Next(3) == 0)
            {
                streaming = streaming.WithBackpressure(1 + random.Next(3));
                _parts.Add("backpressure");
            }

            int consumer = random.Next(6);
            int stopAfter = random.Next(0, 20);
            _parts.Add($"damaged={_damaged} batch={batchSize} buffer={buffer} consumer={consumer} stop={stopAfter}");
            try
            {
                using (streaming)
                {
                    return await ConsumeAsync(streaming, consumer, stopAfter, rows);
                }
            }
            catch (AlimentarException error) when (_damaged && (error.Message.Contains(Files.DamagedName, StringComparison.Ordinal) || error.Message.Contains(Files.DamagedArrowName, StringComparison.Ordinal)))
            {
                return error.GetType().Name;
            }
            finally
            {
                foreach (IDisposable owned in _owned)
                {
                    owned.Dispose();
                }
            }
        }

        private async Task<string> ConsumeAsync(StreamingDataset<StressItem> streaming, int consumer, int stopAfter, long? rows)
        {
            switch (consumer)
            {
                case 0:
                    long read = 0;
                    foreach (Batch<StressItem> batch in streaming)
                    {
                        using (batch)
                        {
                            read += batch.Count;
                        }
                    }

                    Assert.True(rows is null || read == rows, $"read {read} rows of {rows}");
                    return "read all";
                case 1:
                    Read(streaming, stopAfter);
                    return "broke off";
                case 2:
                    using (var cancel = new CancellationTokenSource())
                    {
                        int n = 0;
                        try
                        {
                            await foreach (Batch<StressItem> batch in streaming.ReadAllAsync(cancel.Token))
                            {
                                using (batch)
                                {
                                    if (++n >= stopAfter)
                                    {
                                        await cancel.CancelAsync();
                                    }
                                }
                            }
                        }
                        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                        {
                            return "cancelled";
                        }

                        return "read all asynchronously";
                    }

                case 3:
                    Read(streaming, stopAfter);
                    streaming.Reset();
                    Read(streaming, int.MaxValue);
                    return "reset and read again";
                case 4:
                    {
                        Task reading = Task.Run(() => Read(streaming, int.MaxValue, spin: true));
                        await Task.Delay(random.Next(0, 5));
                        streaming.Dispose();
                        try
                        {
                            await reading;
                            return "read all before the dispose";
                        }
                        catch (ObjectDisposedException)
                        {
                            return "disposed under a read";
                        }
                    }

                default:
                    {
                        Task reading = Task.Run(() => Read(streaming, int.MaxValue, spin: true));
                        for (int reset = 0; reset < 3; reset++)
                        {
                            await Task.Delay(random.Next(0, 4));
                            streaming.Reset();
                        }

                        await reading;
                        return "reset under a read";
                    }
            }
        }

        private void Read(StreamingDataset<StressItem> streaming, int most, bool spin = false)
        {
            int n = 0;
            foreach (Batch<StressItem> batch in streaming)
            {
                using (batch)
                {
                    if (++n >= most)
                    {
                        break;
                    }

                    if (spin)
                    {
                        Thread.SpinWait(500);
                    }
                }
            }
        }

        private (IBatchSource<StressItem> Source, long? Rows) Source(int batchSize)
        {
            switch (random.Next(5))
            {
                case 0:
                    _parts.Add("directory");
                    return (ParquetSource<StressItem>.FromDirectory(_damaged ? files.Mixed : files.Good, configure: p => p.BatchSize(batchSize).WithBufferPool(pool)), _damaged ? null : 3L * FileRows);
                case 1:
                    _parts.Add("file");
                    string path = Path.Combine(_damaged ? files.Mixed : files.Good, _damaged && random.Next(2) == 0 ? Files.DamagedName : "part-0.parquet");
                    return (new ParquetSource<StressItem>(path).BatchSize(batchSize).WithBufferPool(pool), _damaged ? null : FileRows);
                case 2:
                    _parts.Add("filtered");
                    var filtered = new ParquetSource<StressItem>(Path.Combine(files.Good, "part-2.parquet")).BatchSize(batchSize).WithBufferPool(pool)
                        .Where(i => i.Id < 11_000 || i.Score > 6_000);
                    return (filtered, Enumerable.Range(2 * FileRows, FileRows).Count(i => i < 11_000 || (i % 5 != 0 && i * 0.5 > 6_000)));
                case 3:
                    // Compressed bodies are read ahead into pooled buffers; from a one-way stream, every body is.
                    bool oneWay = random.Next(2) == 0;
                    _parts.Add(oneWay ? "arrow-one-way" : "arrow");
                    string arrow = _damaged ? files.DamagedArrow : files.Arrow;
                    return (oneWay
                        ? new ArrowSource<StressItem>(_ => ValueTask.FromResult<Stream>(new ForwardOnlyStream(File.OpenRead(arrow))), arrow)
                        : new ArrowSource<StressItem>(arrow), _damaged ? null : FileRows);
                default:
                    _parts.Add("memory");
                    var memory = new MemorySource<StressItem>(Enumerable.Range(0, MemoryRows).Select(i => new StressItem(i, "m", null, [])), batchSize, pool);
                    _owned.Add(memory);
                    return (memory, MemoryRows);
            }
        }
    }

    /// <summary>Three files of <see cref="FileRows"/> rows in five row groups; beside copies of them, a damaged one.</summary>
    public sealed class Files : IDisposable
    {
        public const string DamagedName = "part-1-damaged.parquet";

        public const string DamagedArrowName = "part-0-damaged.arrows";

        private readonly TempDirectory _root = new("alimentar-lifecycle-");

        public Files()
        {
            Good = Directory.CreateDirectory(Path.Combine(_root.Path, "good")).FullName;
            Mixed = Directory.CreateDirectory(Path.Combine(_root.Path, "mixed")).FullName;
            for (int f = 0; f < 3; f++)
            {
                IEnumerable<StressItem> rows = Enumerable.Range(f * FileRows, FileRows).Select(i => new StressItem(i, $"n{i % 37}", i % 5 == 0 ? null : i * 0.5, [i, i + 1]));
                string path = Path.Combine(Good, $"part-{f}.parquet");
                ParquetDatasetWriter<StressItem>.WriteFileAsync(path, rows, rowGroupSize: 1_000).GetAwaiter().GetResult();
                File.Copy(path, Path.Combine(Mixed, $"part-{f}.parquet"));
            }

            byte[] damaged = File.ReadAllBytes(Path.Combine(Good, "part-1.parquet"));
            damaged.AsSpan(3_000, 400).Fill(0xEE);
            File.WriteAllBytes(Path.Combine(Mixed, DamagedName), damaged);

            // The first file's rows as an Arrow stream of LZ4 bodies in batches of 700, and a copy damaged in its middle.
            // In a folder of their own: the directory sources read every file of theirs.
            string arrows = Directory.CreateDirectory(Path.Combine(_root.Path, "arrow")).FullName;
            Arrow = Path.Combine(arrows, "part-0.arrows");
            using (FileStream output = File.Create(Arrow))
            using (var writer = new Apache.Arrow.Ipc.ArrowStreamWriter(output, BatchArrowExtensions.ArrowSchemaOf<StressItem>(), leaveOpen: false, new Apache.Arrow.Ipc.IpcOptions
            {
                CompressionCodec = Apache.Arrow.Ipc.CompressionCodecType.Lz4Frame,
                CompressionCodecFactory = new Apache.Arrow.Compression.CompressionCodecFactory(),
            }))
            {
                foreach (StressItem[] chunk in ParquetFiles.ReadAll(new ParquetSource<StressItem>(Path.Combine(Good, "part-0.parquet"))).Chunk(700))
                {
                    using Batch<StressItem> batch = Batch<StressItem>.FromRows(chunk);
                    writer.WriteRecordBatch(batch.ToArrow());
                }

                writer.WriteEnd();
            }

            byte[] arrow = File.ReadAllBytes(Arrow);
            arrow.AsSpan(arrow.Length / 2, 400).Fill(0xEE);
            DamagedArrow = Path.Combine(arrows, DamagedArrowName);
            File.WriteAllBytes(DamagedArrow, arrow);
        }

        public string Good { get; }

        public string Mixed { get; }

        /// <summary>The rows of the first file as an Arrow stream with LZ4 bodies.</summary>
        public string Arrow { get; }

        /// <summary>That stream, damaged in its middle.</summary>
        public string DamagedArrow { get; }

        public void Dispose() => _root.Dispose();
    }
}
