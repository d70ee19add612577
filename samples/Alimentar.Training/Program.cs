using System.Globalization;
using Alimentar;
using Alimentar.Training;

// A training loop over a directory of Parquet files: seeded shuffle, shards from the launcher's environment,
// epochs, a checkpoint every few batches, and a resume after a simulated crash.
//   dotnet run -c Release --project samples/Alimentar.Training
//   RANK=1 WORLD_SIZE=4 dotnet run -c Release --project samples/Alimentar.Training      (torchrun-style)
// Worker mode, used by the multi-process test:
//   Alimentar.Training --worker DIR EPOCH IDS_FILE CHECKPOINT [--crash-after BATCHES] [--resume | --resume-elastic OLD_CHECKPOINTS_DIR]
if (args is ["--worker", var workerDirectory, var workerEpoch, var idsFile, var checkpointFile, .. var options])
{
    return Worker.Run(workerDirectory, int.Parse(workerEpoch, CultureInfo.InvariantCulture), idsFile, checkpointFile, options);
}

string directory = Path.Combine(Path.GetTempPath(), "alimentar-training");
Dataset.EnsureWritten(directory, files: 6, rowsPerFile: 50_000, rowGroupSize: 10_000);

// Outside a launch (no RANK/WORLD_SIZE, Kubernetes, Slurm or MPI variables) this is rank 0 of 1: the whole epoch.
ShardPlan shard = ShardPlan.FromEnvironment();
Console.WriteLine($"Rank {shard.Rank} of {shard.WorldSize}.");

string checkpoint = Path.Combine(directory, $"checkpoint-rank{shard.Rank}.json");
File.Delete(checkpoint);
const int CheckpointEvery = 20;
const int CrashAtBatch = 70;

for (int epoch = 0; epoch < 2; epoch++)
{
    bool crashed = false;
    while (true)
    {
        using StreamingDataset<Example> streaming = Dataset.Open(directory, shard, epoch);
        if (File.Exists(checkpoint) && crashed)
        {
            streaming.ResumeFrom(StreamingState.FromBytes(File.ReadAllBytes(checkpoint)));
            Console.WriteLine($"  resumed from {checkpoint}: {streaming.GetState().RowsConsumed:N0} rows already done");
        }

        long total = streaming.TotalRows;
        int step = 0;
        double loss = 0;
        try
        {
            foreach (Batch<Example> batch in streaming)
            {
                using (batch)
                {
                    // "Training": a running mean of a feature, standing in for a forward and backward pass.
                    foreach (float feature in batch.F0)
                    {
                        loss += feature;
                    }
                }

                if (++step % CheckpointEvery == 0)
                {
                    File.WriteAllBytes(checkpoint, streaming.GetState().ToBytes());
                    long done = streaming.GetState().RowsConsumed;
                    Console.WriteLine($"epoch {epoch} rank {shard.Rank}/{shard.WorldSize} {Bar(done, total)} {done:N0}/{total:N0} rows");
                }

                if (epoch == 0 && !crashed && step == CrashAtBatch)
                {
                    throw new SimulatedCrash();
                }
            }
        }
        catch (SimulatedCrash)
        {
            Console.WriteLine($"  simulated crash at batch {step}; restarting from the last checkpoint");
            crashed = true;
            continue;
        }

        Console.WriteLine($"epoch {epoch} done: {total:N0} rows (mean feature {loss / Math.Max(1, total):N4})");
        File.Delete(checkpoint);
        break;
    }
}

return 0;

static string Bar(long done, long total)
{
    int filled = total == 0 ? 20 : (int)(20 * done / total);
    return "[" + new string('#', filled) + new string('.', 20 - filled) + "]";
}

internal sealed class SimulatedCrash : Exception;
