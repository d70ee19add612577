namespace Alimentar.Testing;

/// <summary>How the read of a damaged file must end, whatever the damage.</summary>
internal static class MutantReads
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <paramref name="read"/> of a mutant of a file of <paramref name="originalLength"/> bytes: it streams to its
    /// end or fails with an <see cref="AlimentarException"/> naming <paramref name="fileName"/>, within 20 s, allocating
    /// no more than a bounded multiple of the file (whatever a damaged page declares); nothing else may escape.
    /// </summary>
    /// <returns>"ok", or the name of the <see cref="AlimentarException"/> type it failed with.</returns>
    public static async Task<string> CheckAsync(Action read, string fileName, long originalLength, string mutant)
    {
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        string outcome;
        try
        {
            await Task.Run(read).WaitAsync(Bound);
            outcome = "ok";
        }
        catch (AlimentarException error)
        {
            Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
            outcome = error.GetType().Name;
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{mutant} did not finish within {Bound.TotalSeconds:0} s");
        }
        catch (Exception error)
        {
            throw new Xunit.Sdk.XunitException($"{mutant}: {error.GetType().Name} escaped: {error}");
        }

        long bound = (512L << 20) + (originalLength * 64L);
        long allocated = ProcessAllocations.Confirmed(GC.GetTotalAllocatedBytes() - allocatedBefore, bound, () => Task.Run(read).Wait(Bound));
        Assert.True(allocated < bound, $"{mutant} ({originalLength:N0} bytes before the damage) made the process allocate {allocated:N0} bytes");
        return outcome;
    }
}
