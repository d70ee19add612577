namespace Alimentar.Parquet.Writing;

/// <summary>Definition and repetition levels of one leaf, gathered slot by slot before they go to its writer.</summary>
internal sealed class LevelBuffers : IDisposable
{
    public GrowableArray<int> Definitions { get; } = new();

    public GrowableArray<int> Repetitions { get; } = new();

    public void Add(int definition, int repetition)
    {
        Definitions.Add(definition);
        Repetitions.Add(repetition);
    }

    public void Clear()
    {
        Definitions.Clear();
        Repetitions.Clear();
    }

    public void Dispose()
    {
        Definitions.Dispose();
        Repetitions.Dispose();
    }
}
