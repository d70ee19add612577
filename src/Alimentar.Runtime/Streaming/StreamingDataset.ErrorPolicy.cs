using System.Runtime.CompilerServices;

namespace Alimentar;

/// <content>What a pass does with an input it cannot read: fail with the input's own error, or leave the input out, checked before any of its rows are handed out.</content>
public sealed partial class StreamingDataset<T>
{
    private ErrorPolicy _errorPolicy;
    private FileCheck _fileCheck;
    private readonly List<SkippedInput> _skipped = [];
    private readonly Dictionary<IBatchSource<T>, Exception?> _pageVerdicts = new(ReferenceEqualityComparer.Instance);

    /// <summary>What a pass does when one of its inputs cannot be read (default <see cref="ErrorPolicy.FailPass"/>).</summary>
    public ErrorPolicy ErrorPolicy => _errorPolicy;

    /// <summary>The inputs the last pass left out under <see cref="ErrorPolicy.SkipFile"/>, with why.</summary>
    public IReadOnlyList<SkippedInput> Skipped
    {
        get
        {
            lock (_skipped)
            {
                return _skipped.ToArray();
            }
        }
    }

    /// <summary>How much of an input <see cref="ErrorPolicy.SkipFile"/> checks before handing out its rows (default <see cref="FileCheck.Pages"/>).</summary>
    public FileCheck FileCheck => _fileCheck;

    /// <summary>
    /// Sets what a pass does when a file cannot be read: fail (the default) or leave it out and go on. Under
    /// <see cref="ErrorPolicy.SkipFile"/> every page of a file is checked before any of its rows are handed out
    /// (see <see cref="FileCheck.Pages"/> for the cost).
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithErrorPolicy(ErrorPolicy policy) => WithErrorPolicy(policy, FileCheck.Pages);

    /// <summary>Sets what a pass does when a file cannot be read, and how much of each file is checked before its rows are handed out.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="check">What <see cref="ErrorPolicy.SkipFile"/> checks ahead: every page, or metadata alone.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithErrorPolicy(ErrorPolicy policy, FileCheck check)
    {
        ThrowIfPassRunning();
        _errorPolicy = policy;
        _fileCheck = check;
        return this;
    }

    /// <summary>The units a pass plans over; under SkipFile, without the inputs left out, each told to <paramref name="skipped"/> (see <see cref="AdmitAsync"/>).</summary>
    private ValueTask<UnitTable<T>> PlanUnitsAsync(Action<string, Exception> skipped, CancellationToken cancellationToken) =>
        UnitTable<T>.BuildAsync(Units, _errorPolicy == ErrorPolicy.SkipFile ? (input, token) => AdmitAsync(input, skipped, token) : null, cancellationToken);

    /// <summary>What a skipped input may fail with: its data, or the storage under it; a bug still fails the pass.</summary>
    private static bool IsInputFault(Exception error) => error is AlimentarException or IOException or UnauthorizedAccessException;

    private void RecordSkipped(string name, Exception error)
    {
        lock (_skipped)
        {
            _skipped.Add(new SkippedInput(name, error));
        }
    }

    private bool IsSkipped(string name)
    {
        lock (_skipped)
        {
            return _skipped.Any(s => s.Name == name);
        }
    }

    /// <summary>An unplanned pass under SkipFile: each input admitted, then streamed; one that fails is listed in <see cref="Skipped"/> and the pass goes on.</summary>
    private async IAsyncEnumerable<Batch<T>> ReadCheckedInputsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (IBatchSource<T> input in UnitTable<T>.Leaves(Source))
        {
            if (await AdmitAsync(input, RecordSkipped, cancellationToken).ConfigureAwait(false) is not { } leaf)
            {
                continue;
            }

            await foreach (Batch<T> batch in SkipOnFaultAsync(UnitTable<T>.NameOf(leaf), leaf.ReadBatchesAsync(cancellationToken)).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <summary>
    /// Under SkipFile, an input as the pass reads it, or null when it is left out (and told to <paramref name="skipped"/>):
    /// a file whose footer or (under <see cref="FileCheck.Pages"/>) pages cannot be read is left out; an interleave
    /// is mixed again from the files of its sources that can be read, by the same seed and weights, so one bad file
    /// costs the mix that file and not every source in it. A source left with no readable file leaves the mix.
    /// Every rank reaches the same verdicts, so the mix, and the plan over it, stay the same on every rank.
    /// </summary>
    private async ValueTask<IBatchSource<T>?> AdmitAsync(IBatchSource<T> input, Action<string, Exception> skipped, CancellationToken cancellationToken)
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
                    if (await AdmitAsync(leaf, skipped, cancellationToken).ConfigureAwait(false) is { } admitted)
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

        if (await CheckPagesAsync(input, cancellationToken).ConfigureAwait(false) is { } fault)
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
    private async ValueTask<Exception?> CheckPagesAsync(IBatchSource<T> leaf, CancellationToken cancellationToken)
    {
        if (_fileCheck != FileCheck.Pages || leaf is not IUnitSource<T>)
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

    /// <summary>An input's batches until one fails; the failure is listed in <see cref="Skipped"/> and the batches simply end.</summary>
    private async IAsyncEnumerable<Batch<T>> SkipOnFaultAsync(string name, IAsyncEnumerable<Batch<T>> batches)
    {
        await using IAsyncEnumerator<Batch<T>> reader = batches.GetAsyncEnumerator();
        while (true)
        {
            Batch<T> batch;
            try
            {
                if (!await reader.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                batch = reader.Current;
            }
            catch (Exception error) when (IsInputFault(error))
            {
                RecordSkipped(name, error);
                yield break;
            }

            yield return batch;
        }
    }
}
