using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Ranks as separate processes, as a launcher starts them: each plans its shard alone from RANK and WORLD_SIZE,
/// and one is killed mid-epoch and restarted from its checkpoint, or the run loses ranks and restarts with another
/// world size from every rank's checkpoint. Runs the Training sample in its worker mode.
/// </summary>
public sealed class MultiProcessTrainingTests
{
    private const int World = 4;

    private static readonly string WorkerPath = typeof(MultiProcessTrainingTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TrainingWorker").Value!;

    private const int Files = 5;
    private const int RowsPerFile = 20_000;

    [Fact]
    public async Task Separate_processes_read_disjoint_equal_shares_and_a_killed_rank_resumes_without_loss()
    {
        string directory = await WriteDataAsync();
        try
        {

            const int Epoch = 1;
            const int KilledRank = 2;
            var runs = new List<Task<int>>();
            for (int rank = 0; rank < World; rank++)
            {
                string[] options = rank == KilledRank ? ["--crash-after", "12"] : [];
                runs.Add(RunWorkerAsync(directory, rank, Epoch, options));
            }

            int[] exitCodes = await Task.WhenAll(runs);
            Assert.True(exitCodes[KilledRank] == 3, $"rank {KilledRank} was not killed; it read {ReadIds(directory, KilledRank).Length} rows");
            Assert.All(exitCodes.Where((_, rank) => rank != KilledRank), code => Assert.Equal(0, code));

            // The killed rank lost the rows it read after its last checkpoint; the restart reads them again.
            long[] beforeCrash = ReadIds(directory, KilledRank);
            Assert.NotEmpty(beforeCrash);
            Assert.Equal(0, await RunWorkerAsync(directory, KilledRank, Epoch, ["--resume"]));

            var seen = new HashSet<long>();
            long[][] shares = Enumerable.Range(0, World).Select(rank => ReadIds(directory, rank)).ToArray();
            Assert.True(shares[KilledRank].AsSpan(0, beforeCrash.Length).SequenceEqual(beforeCrash));
            foreach (long[] share in shares)
            {
                Assert.Equal(Files * RowsPerFile / World, share.Length);
                Assert.All(share, id => Assert.True(seen.Add(id), $"id {id} was read twice"));
            }

            Assert.Equal(Files * RowsPerFile, seen.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public async Task A_run_that_loses_ranks_restarts_on_another_world_size_and_reads_every_row_of_the_epoch_once(int newWorld)
    {
        string directory = await WriteDataAsync();
        try
        {
            // Four ranks start the epoch; three are killed at different points and the job is stopped.
            const int Epoch = 2;
            string first = Path.Combine(directory, "run-1");
            Directory.CreateDirectory(first);
            int[] crashAfter = [-1, 6, 6, 11];
            int[] exitCodes = await Task.WhenAll(Enumerable.Range(0, World).Select(rank =>
                RunWorkerAsync(directory, rank, Epoch, crashAfter[rank] > 0 ? ["--crash-after", crashAfter[rank].ToString(CultureInfo.InvariantCulture)] : [], first, World)));
            Assert.Equal([0, 3, 3, 3], exitCodes);

            // The launcher restarts the job with another world size; every new rank reads all four checkpoints, and
            // one new rank is killed too and restarted alone from its own checkpoint.
            string second = Path.Combine(directory, "run-2");
            Directory.CreateDirectory(second);
            int[] restarted = await Task.WhenAll(Enumerable.Range(0, newWorld).Select(rank =>
                RunWorkerAsync(directory, rank, Epoch, rank == 1 ? ["--resume-elastic", first, "--crash-after", "6"] : ["--resume-elastic", first], second, newWorld)));
            Assert.Equal(3, restarted[1]);
            Assert.Equal(0, await RunWorkerAsync(directory, 1, Epoch, ["--resume"], second, newWorld));

            long[][] before = Enumerable.Range(0, World).Select(rank => ReadIds(first, rank)).ToArray();
            long[][] after = Enumerable.Range(0, newWorld).Select(rank => ReadIds(second, rank)).ToArray();
            long[] all = before.Concat(after).SelectMany(ids => ids).ToArray();
            Assert.Equal(Files * RowsPerFile, all.Length);
            Assert.Equal(Enumerable.Range(0, Files * RowsPerFile).Select(i => (long)i), all.Order());
            Assert.InRange(after.Max(ids => ids.Length) - after.Min(ids => ids.Length), 0, 1);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Writes the dataset the workers read, under <c>data/</c> of a new temporary folder, and returns the folder.</summary>
    private static async Task<string> WriteDataAsync()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-multiprocess-").FullName;
        string data = Path.Combine(directory, "data");
        Directory.CreateDirectory(data);
        for (int file = 0; file < Files; file++)
        {
            int first = file * RowsPerFile;
            await ParquetDatasetWriter<TrainingExample>.WriteFileAsync(
                Path.Combine(data, $"part-{file:D5}.parquet"),
                Enumerable.Range(first, RowsPerFile).Select(i => new TrainingExample(i, i % 10, i, -i, 0.5f)),
                rowGroupSize: 4_000);
        }

        return directory;
    }

    private static long[] ReadIds(string directory, int rank) =>
        File.ReadAllLines(Path.Combine(directory, $"ids-{rank}.txt")).Select(line => long.Parse(line, CultureInfo.InvariantCulture)).ToArray();

    private static Task<int> RunWorkerAsync(string directory, int rank, int epoch, string[] options) =>
        RunWorkerAsync(directory, rank, epoch, options, directory, World);

    /// <summary>Runs rank <paramref name="rank"/> of <paramref name="world"/>, its ids and checkpoint in <paramref name="run"/>.</summary>
    private static async Task<int> RunWorkerAsync(string directory, int rank, int epoch, string[] options, string run, int world)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in (string[])[WorkerPath, "--worker", Path.Combine(directory, "data"), epoch.ToString(CultureInfo.InvariantCulture),
                     Path.Combine(run, $"ids-{rank}.txt"), Path.Combine(run, $"checkpoint-{rank}.json"), .. options])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["RANK"] = rank.ToString(CultureInfo.InvariantCulture);
        start.Environment["WORLD_SIZE"] = world.ToString(CultureInfo.InvariantCulture);
        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        string stderr = await errors;
        await output;
        Assert.True(process.ExitCode is 0 or 3, $"rank {rank} failed with {process.ExitCode}: {stderr}");
        return process.ExitCode;
    }
}

/// <summary>The columns of the Training sample's <c>Example</c>, written here so the workers read what the test knows.</summary>
[StreamingDataset]
public partial record TrainingExample(long Id, int Label, float F0, float F1, float F2);
