namespace Alimentar;

/// <summary>What a pass does when one of its inputs cannot be read.</summary>
public enum ErrorPolicy
{
    /// <summary>The pass fails with the input's own typed exception (the default).</summary>
    FailPass,

    /// <summary>
    /// The input (a file of a chain or directory, also inside the sources an <see cref="InterleavedSource{T}"/>
    /// mixes, which is then mixed from the rest by the same seed and weights) is left out and listed in
    /// <see cref="StreamingDataset{T}.Skipped"/>; the pass goes on with the next one. A file whose footer,
    /// schema, column ranges or pages are bad is left out before any of its rows are handed out, and for
    /// sharded or shuffled passes while the pass is planned, so every rank leaves it out alike (see
    /// <see cref="FileCheck"/> for what is checked and what it costs).
    /// </summary>
    SkipFile,
}

/// <summary>An input a pass left out under <see cref="ErrorPolicy.SkipFile"/>.</summary>
/// <param name="Name">The file (or source) name.</param>
/// <param name="Error">Why it could not be read.</param>
public sealed record SkippedInput(string Name, Exception Error);
