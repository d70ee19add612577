using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// Writes one leaf column of a file: takes its values and levels as the row group fills, cuts them into pages and
/// hands the row group's finished chunk over (<see cref="FinishChunk"/>). Typed by <see cref="LeafWriter{T, TCodec}"/>.
/// </summary>
internal abstract class LeafWriter(LeafColumn leaf, LeafWriteSettings settings) : IDisposable
{
    public LeafColumn Leaf { get; } = leaf;

    public LeafWriteSettings Settings { get; } = settings;

    /// <summary>Encoded bytes held in memory for the row group so far (finished pages and the dictionary).</summary>
    public abstract long BufferedBytes { get; }

    /// <summary>The row group's finished pages moved to the spill file so far.</summary>
    public abstract long SpilledBytes { get; }

    /// <summary>The finished pages held in memory, in order, since the chunk started or last spilled.</summary>
    public abstract IEnumerable<ReadOnlyMemory<byte>> FinishedPages { get; }

    /// <summary>Records that <see cref="FinishedPages"/> now lie in the spill file at <paramref name="pages"/>, and lets their memory go.</summary>
    public abstract void PagesSpilled(SpilledPages pages);

    /// <summary>Flushes the page being built and returns the row group's chunk; the writer then starts a new chunk.</summary>
    public abstract EncodedChunk FinishChunk();

    public abstract void Dispose();
}

/// <summary>A leaf writer taking values of <typeparamref name="T"/>, the form its physical type is written from.</summary>
internal abstract class LeafWriter<T>(LeafColumn leaf, LeafWriteSettings settings) : LeafWriter(leaf, settings)
{
    /// <summary>
    /// Adds slots: one value per slot when <paramref name="definitions"/> is empty, else a value for each slot whose
    /// definition level is the maximum; each slot starts a row unless <paramref name="repetitions"/> says otherwise.
    /// </summary>
    public abstract void Append(ReadOnlySpan<T> values, ReadOnlySpan<int> definitions, ReadOnlySpan<int> repetitions);
}
