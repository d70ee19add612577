namespace Alimentar.Streaming;

/// <summary>
/// What <see cref="ErrorPolicy.SkipFile"/> does with each input of a pass before any of its rows are handed out:
/// reads its metadata, and under <see cref="FileCheck.Pages"/> every page once, and leaves out an input that
/// fails. Verdicts on pages are kept, so later passes and epochs do not read again.
/// </summary>
internal sealed class InputAdmission<T>
    where T : IStreamingRow<T>
{
    private readonly Dictionary<IBatchSource<T>, Exception?> _pageVerdicts = new(ReferenceEqualityComparer.Instance);

    /// <summary>What a skipped input may fail with: its data, or the storage under it; a bug still fails the pass.</summary>
    public static bool IsInputFault(Exception error) => error is AlimentarException or IOException or UnauthorizedAccessException;

    /// <summary>
    /// An input as the pass reads it, or null when it is left out (and told to <paramref name="skipped"/>):
    /// a file whose footer or (under <see cref="FileCheck.Pages"/>) pages cannot be read is left out; an interleave
    /// is mixed again from the files of its sources that can be read, by the same seed and weights, so one bad file
    /// costs the mix that file and not every source in it. A source left with no readable file leaves the mix.
    /// Every rank reaches the same verdicts, so the mix, and the plan over it, stay the same on every rank.
    /// </summary>
    public async ValueTask<IBatchSource<T>?> AdmitAsync(IBatchSource<T> input, FileCheck check, Action<string, Exception> skipped, CancellationToken cancellationToken)
    {
        if (input is InterleavedSource<T> mix)
        {
            var kept = new List<(IBatchSource<T> Source, double Weight)>();
            bool changed = false;
            foreach ((IBatchSource<T> source, double weight) in mix.Sources)
            {
                List<IBatchSource<T>> leaves = UnitTable<T>.Leaves(source).ToList();
                var readable = new List<IBatchSource<T>>();
                foreach (IBatchSource<T> leaf in leaves)
                {
                    if (await AdmitAsync(leaf, check, skipped, cancellationToken).ConfigureAwait(false) is { } admitted)
                    {
                        readable.Add(admitted);
                    }
                }

                bool same = readable.Count == leaves.Count && readable.Zip(leaves).All(pair => ReferenceEquals(pair.First, pair.Second));
                changed |= !same;
                if (readable.Count > 0)
                {
                    kept.Add((same ? source : new ChainedSource<T>(readable), weight));
                }
            }

            return !changed ? mix
                : kept.Count == 0 ? null
                : new InterleavedSource<T>(mix.Seed, [.. kept]).StopWhen(mix.Stop);
        }

        if (input is IUnitSource<T> { CanReadTwice: false })
        {
            // Checking a stream that cannot seek would use up the one pass it has: its faults skip it from the failing batch on.
            return input;
        }

        if (input is IUnitSource<T> units)
        {
            try
            {
                _ = await units.GetUnitRowCountsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (IsInputFault(error))
            {
                skipped(UnitTable<T>.NameOf(input), error);
                return null;
            }
        }

        if (await CheckPagesAsync(input, check, cancellationToken).ConfigureAwait(false) is { } fault)
        {
            skipped(UnitTable<T>.NameOf(input), fault);
            return null;
        }

        return input;
    }

    /// <summary>
    /// Under <see cref="FileCheck.Pages"/>, reads every batch of an input once and says why it cannot be read, or
    /// null. Only unit sources are read (they say whether they can be read again, where another source might be a
    /// stream the check would use up). Verdicts are kept for later passes.
    /// </summary>
    private async ValueTask<Exception?> CheckPagesAsync(IBatchSource<T> leaf, FileCheck check, CancellationToken cancellationToken)
    {
        if (check != FileCheck.Pages || leaf is not IUnitSource<T>)
        {
            return null;
        }

        lock (_pageVerdicts)
        {
            if (_pageVerdicts.TryGetValue(leaf, out Exception? known))
            {
                return known;
            }
        }

        Exception? verdict = null;
        try
        {
            await foreach (Batch<T> batch in leaf.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Dispose();
            }
        }
        catch (Exception error) when (IsInputFault(error))
        {
            verdict = error;
        }

        lock (_pageVerdicts)
        {
            _pageVerdicts[leaf] = verdict;
        }

        return verdict;
    }
}
