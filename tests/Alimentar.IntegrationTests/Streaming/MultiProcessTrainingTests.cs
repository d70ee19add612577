using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Ranks as separate processes, as a launcher starts them: each plans its shard alone from RANK and WORLD_SIZE,
/// and one is killed mid-epoch and restarted from its checkpoint. Runs the Training sample in its worker mode.
/// </summary>
public sealed class MultiProcessTrainingTests
{
    private const int World = 4;

    private static readonly string WorkerPath = typeof(MultiProcessTrainingTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TrainingWorker").Value!;

    [Fact]
    public async Task Separate_processes_read_disjoint_equal_shares_and_a_killed_rank_resumes_without_loss()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-multiprocess-").FullName;
        try
        {
            const int Files = 5;
            const int RowsPerFile = 20_000;
            for (int file = 0; file < Files; file++)
            {
                int first = file * RowsPerFile;
                await ParquetDatasetWriter<TrainingExample>.WriteFileAsync(
                    Path.Combine(directory, $"part-{file:D5}.parquet"),
                    Enumerable.Range(first, RowsPerFile).Select(i => new TrainingExample(i, i % 10, i, -i, 0.5f)),
                    rowGroupSize: 4_000);
            }

            string data = Path.Combine(directory, "data");
            Directory.CreateDirectory(data);
            foreach (string path in Directory.GetFiles(directory, "*.parquet"))
            {
                File.Move(path, Path.Combine(data, Path.GetFileName(path)));
            }

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

    private static long[] ReadIds(string directory, int rank) =>
        File.ReadAllLines(Path.Combine(directory, $"ids-{rank}.txt")).Select(line => long.Parse(line, CultureInfo.InvariantCulture)).ToArray();

    private static async Task<int> RunWorkerAsync(string directory, int rank, int epoch, string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in (string[])[WorkerPath, "--worker", Path.Combine(directory, "data"), epoch.ToString(CultureInfo.InvariantCulture),
                     Path.Combine(directory, $"ids-{rank}.txt"), Path.Combine(directory, $"checkpoint-{rank}.json"), .. options])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["RANK"] = rank.ToString(CultureInfo.InvariantCulture);
        start.Environment["WORLD_SIZE"] = World.ToString(CultureInfo.InvariantCulture);
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
