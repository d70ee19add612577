namespace Alimentar.Training;

/// <summary>The sample's dataset: a directory of Parquet files, and the training configuration over it.</summary>
public static class Dataset
{
    public const int Seed = 42;

    public static void EnsureWritten(string directory, int files, int rowsPerFile, int rowGroupSize)
    {
        Directory.CreateDirectory(directory);
        for (int file = 0; file < files; file++)
        {
            string path = Path.Combine(directory, $"part-{file:D5}.parquet");
            if (File.Exists(path))
            {
                continue;
            }

            int first = file * rowsPerFile;
            var random = new Random(file);
            IEnumerable<Example> rows = Enumerable.Range(first, rowsPerFile).Select(i => new Example(i, i % 10, random.NextSingle(), random.NextSingle(), random.NextSingle()));
            ParquetDatasetWriter<Example>.WriteFileAsync(path, rows, rowGroupSize).GetAwaiter().GetResult();
        }
    }

    /// <summary>Every rank opens the dataset the same way; only the shard differs.</summary>
    public static StreamingDataset<Example> Open(string directory, ShardPlan shard, int epoch) =>
        new StreamingDataset<Example>(ParquetSource<Example>.FromDirectory(directory, configure: s => s.BatchSize(1_024)), bufferSize: 8)
            .WithShuffle(Seed)
            .WithShard(shard)
            .WithEpoch(epoch);
}
