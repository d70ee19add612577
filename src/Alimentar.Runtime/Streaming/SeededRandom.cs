namespace Alimentar.Streaming;

/// <summary>
/// A small fixed generator (SplitMix64), so that orders drawn from a seed never change with the framework's
/// <see cref="Random"/>: a checkpoint taken today resumes the same order after an upgrade.
/// </summary>
internal struct SeededRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>Combines two numbers (a seed and an epoch) into one well-mixed seed.</summary>
    public static ulong Mix(ulong seed, ulong other) => new SeededRandom(seed ^ (other * 0x9E3779B97F4A7C15UL)).NextUInt64();

    /// <summary>A value below <paramref name="bound"/>; the slight bias of a modulo does not matter to shuffling units.</summary>
    public ulong Next(ulong bound) => NextUInt64() % bound;

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
