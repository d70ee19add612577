using System.Diagnostics;
using System.Globalization;
using Alimentar;
using Alimentar.Pretraining;
using Microsoft.ML.Tokenizers;

// A language-model data pipeline end to end:
//   1. make a FineWeb-like text dataset (Parquet, ZSTD, several parts) with Alimentar's writer;
//   2. stream it, tokenise with tiktoken's cl100k_base on every core, pack tokens into 2,048-token sequences across
//      document boundaries, and write them as a sharded token dataset;
//   3. read the sequences back shuffled, sharded from the environment (RANK/WORLD_SIZE), with a checkpoint and an
//      exact resume half way, into TorchSharp tensors for a few steps of a tiny model.
//   dotnet run -c Release --project samples/Alimentar.Pretraining [documents]
//   dotnet run -c Release -p:WithLibTorch=true --project samples/Alimentar.Pretraining      (with libtorch for the model steps)
int documents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 6_000;
const int SequenceLength = 2_048;
string root = Path.Combine(Path.GetTempPath(), $"alimentar-pretraining-{Environment.ProcessId}");
string corpus = Path.Combine(root, "corpus");
string sequences = Path.Combine(root, "tokens");
try
{
    // 1. The corpus.
    var clock = Stopwatch.StartNew();
    long characters = await Corpus.WriteAsync(corpus, documents, seed: 2024);
    Console.WriteLine($"corpus:   {documents:N0} documents, {characters / 1e6:N1} M characters in {Directory.GetFiles(corpus).Length} parts, written in {clock.Elapsed.TotalSeconds:N2} s");

    // 2. Tokenise and pack. Batches arrive in file order; their documents are tokenised in parallel and packed in order.
    clock.Restart();
    using var tokenizers = new ThreadLocal<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));
    int endOfText = ((TiktokenTokenizer)tokenizers.Value!).SpecialTokens!["<|endoftext|>"];
    var packer = new SequencePacker(SequenceLength, endOfText);
    long tokens = 0, written = 0;
    using (var stream = new StreamingDataset<WebDocument>(ParquetSource<WebDocument>.FromDirectory(corpus), bufferSize: 4))
    {
        var options = new ParquetWriteOptions { Compression = ParquetCompression.Zstd, RowGroupSize = 64, RowsPerFile = 256 };
        await using ParquetDatasetWriter<TokenSequence> writer = await ParquetDatasetWriter<TokenSequence>.CreateDatasetAsync(sequences, options);
        foreach (Batch<WebDocument> batch in stream)
        {
            using (batch)
            {
                string[] texts = batch.Text.ToArray();
                var ids = new IReadOnlyList<int>[texts.Length];
                Parallel.For(0, texts.Length, i => ids[i] = tokenizers.Value!.EncodeToIds(texts[i]));
                foreach (IReadOnlyList<int> document in ids)
                {
                    tokens += document.Count + 1;
                    foreach (int[] sequence in packer.Add(document))
                    {
                        await writer.WriteAsync(new TokenSequence(written++, sequence));
                    }
                }
            }
        }
    }

    double tokenizeSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"tokenise: {tokens:N0} tokens ({tokens / (double)characters:N2} per character) into {written:N0} sequences of {SequenceLength:N0}, {packer.Pending:N0} left over: {tokens / tokenizeSeconds / 1e6:N2} M tokens/s");
    if (written * SequenceLength + packer.Pending != tokens)
    {
        throw new InvalidOperationException("The packed sequences do not hold every token.");
    }

    // 3. Read back: shuffled, sharded from the environment, checkpointed and resumed half way.
    ShardPlan shard = ShardPlan.FromEnvironment();
    StreamingDataset<TokenSequence> Open() =>
        new StreamingDataset<TokenSequence>(ParquetSource<TokenSequence>.FromDirectory(sequences, configure: s => s.BatchSize(8)), bufferSize: 4)
            .WithShuffle(seed: 1_234).WithShard(shard).WithEpoch(0);

    bool torchLoads = TinyLanguageModel.IsAvailable(out string reason);
    using TinyLanguageModel? model = torchLoads ? new TinyLanguageModel() : null;
    var seen = new List<long>();
    long readTokens = 0;
    int steps = 0;
    float firstLoss = float.NaN, lastLoss = float.NaN;
    clock.Restart();
    StreamingState checkpoint;
    long total;
    using (StreamingDataset<TokenSequence> first = Open())
    {
        total = first.TotalRows;
        using IEnumerator<Batch<TokenSequence>> pass = first.GetEnumerator();
        while (seen.Count < total / 2 && pass.MoveNext())
        {
            Consume(pass.Current);
        }

        checkpoint = StreamingState.FromBytes(first.GetState().ToBytes());
    }

    using (StreamingDataset<TokenSequence> resumed = Open().ResumeFrom(checkpoint))
    {
        foreach (Batch<TokenSequence> batch in resumed)
        {
            Consume(batch);
        }
    }

    double readSeconds = clock.Elapsed.TotalSeconds;
    bool exact = seen.Count == total && seen.Distinct().Count() == seen.Count;
    Console.WriteLine($"read:     rank {shard.Rank} of {shard.WorldSize}: {seen.Count:N0} sequences shuffled, checkpointed at {checkpoint.RowsConsumed:N0} and resumed, each once: {exact}; {readTokens / readSeconds / 1e6:N2} M tokens/s");
    Console.WriteLine(torchLoads
        ? $"model:    {steps} steps on [8, {SequenceLength}] int32 token tensors, loss {firstLoss:N2} -> {lastLoss:N2}"
        : $"model:    skipped, libtorch does not load here: {reason}");
    return exact ? 0 : 1;

    void Consume(Batch<TokenSequence> batch)
    {
        using (batch)
        {
            foreach (long id in batch.Id)
            {
                seen.Add(id);
            }

            ListColumn<int> lists = batch.Tokens;
            readTokens += lists.ValueCount;
            if (lists.Count > 0 && lists.MaxLength != SequenceLength)
            {
                throw new InvalidOperationException($"A sequence of {lists.MaxLength} tokens was read back.");
            }

            if (model is not null && steps < 20)
            {
                using TorchSharp.torch.Tensor tensor = lists.ToTensor();
                lastLoss = model.Step(tensor);
                firstLoss = steps++ == 0 ? lastLoss : firstLoss;
            }
        }
    }
}
finally
{
    if (Directory.Exists(root))
    {
        Directory.Delete(root, recursive: true);
    }
}
