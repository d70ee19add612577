namespace Alimentar.Testing;

/// <summary>
/// The seeds of a random search: a few in every test run, and as many as asked for, from where the last search
/// stopped, when <c>{variable}</c> and <c>{variable}_FROM</c> are set.
/// </summary>
internal static class SearchSeeds
{
    /// <summary>Seeds from <c>{variable}_FROM</c> (0 when unset), <c>{variable}</c> of them (<paramref name="defaultCount"/> when unset).</summary>
    public static TheoryData<int> Of(string variable, int defaultCount)
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable(variable), out int asked) ? asked : defaultCount;
        int first = int.TryParse(Environment.GetEnvironmentVariable(variable + "_FROM"), out int from) ? from : 0;
        var seeds = new TheoryData<int>();
        for (int seed = first; seed < first + count; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }
}
