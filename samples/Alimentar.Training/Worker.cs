using System.Globalization;

namespace Alimentar.Training;

/// <summary>
/// One rank of the multi-process test: streams its shard from the environment's RANK and WORLD_SIZE,
/// appends the ids it consumed to a file at every checkpoint, and can crash on purpose and resume: from its own
/// checkpoint (<c>--resume</c>), or, after a restart with another world size, from every checkpoint in the stopped
/// run's folder (<c>--resume-elastic FOLDER</c>).
/// </summary>
public static class Worker
{
    private const int CheckpointEvery = 5;

    public static int Run(string directory, int epoch, string idsFile, string checkpointFile, string[] options)
    {
        int crash = Array.IndexOf(options, "--crash-after");
        int crashAfter = crash >= 0 ? int.Parse(options[crash + 1], CultureInfo.InvariantCulture) : -1;
        bool resume = options.Contains("--resume");
        int elastic = Array.IndexOf(options, "--resume-elastic");
        using StreamingDataset<Example> streaming = Dataset.Open(directory, ShardPlan.FromEnvironment(), epoch);
        if (resume)
        {
            streaming.ResumeFrom(StreamingState.FromBytes(File.ReadAllBytes(checkpointFile)));
        }
        else if (elastic >= 0)
        {
            streaming.ResumeFrom(Directory.GetFiles(options[elastic + 1], "checkpoint-*.json").Select(f => StreamingState.FromBytes(File.ReadAllBytes(f))));
        }

        var pending = new List<long>();
        int step = 0;
        foreach (Batch<Example> batch in streaming)
        {
            using (batch)
            {
                foreach (long id in batch.Id)
                {
                    pending.Add(id);
                }
            }

            if (++step % CheckpointEvery == 0)
            {
                Commit(streaming, pending, idsFile, checkpointFile);
            }

            if (step == crashAfter)
            {
                // Dies without committing what it read since the last checkpoint: those rows must come again.
                Environment.Exit(3);
            }
        }

        Commit(streaming, pending, idsFile, checkpointFile);
        return 0;
    }

    /// <summary>Ids, then the state: a crash between the two repeats rows that are already written, never loses any.</summary>
    private static void Commit(StreamingDataset<Example> streaming, List<long> pending, string idsFile, string checkpointFile)
    {
        File.AppendAllLines(idsFile, pending.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        pending.Clear();
        File.WriteAllBytes(checkpointFile, streaming.GetState().ToBytes());
    }
}
