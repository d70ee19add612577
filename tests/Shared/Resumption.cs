namespace Alimentar.Testing;

/// <summary>Interrupts a pass after some rows and checks that a resumed dataset gives exactly the rest.</summary>
internal static class Resumption
{
    /// <summary>
    /// Reads <paramref name="rows"/> rows of a pass of <paramref name="configure"/>'s dataset, takes its state
    /// (through bytes, as a checkpoint would), resumes a fresh dataset from it and returns every row seen, before and after.
    /// </summary>
    public static List<TKey> ReadInterruptedAndResumed<T, TKey>(Func<StreamingDataset<T>> configure, int rows, Func<T, TKey> key)
        where T : IStreamingRow<T>
    {
        var seen = new List<TKey>();
        byte[] checkpoint;
        using (StreamingDataset<T> interrupted = configure())
        using (IEnumerator<T> pass = interrupted.Rows().GetEnumerator())
        {
            while (seen.Count < rows && pass.MoveNext())
            {
                seen.Add(key(pass.Current));
            }

            checkpoint = interrupted.GetState().ToBytes();
        }

        using StreamingDataset<T> resumed = configure().ResumeFrom(StreamingState.FromBytes(checkpoint));
        seen.AddRange(resumed.Rows().Select(key));
        return seen;
    }

    /// <summary>Reads up to <paramref name="rows"/> rows row by row, takes the state, ends the pass and disposes the dataset.</summary>
    public static TKey[] Read<T, TKey>(StreamingDataset<T> streaming, int rows, Func<T, TKey> key, out StreamingState state)
        where T : IStreamingRow<T>
    {
        using (streaming)
        {
            var keys = new List<TKey>();
            using (IEnumerator<T> pass = streaming.Rows().GetEnumerator())
            {
                while (keys.Count < rows && pass.MoveNext())
                {
                    keys.Add(key(pass.Current));
                }

                state = streaming.GetState();
            }

            return keys.ToArray();
        }
    }
}
