using System.Runtime.CompilerServices;

namespace Alimentar;

/// <content>What a pass does with an input it cannot read: fail with the input's own error, or leave the input out, checked before any of its rows are handed out.</content>
public sealed partial class StreamingDataset<T>
{
    private ErrorPolicy _errorPolicy;
    private FileCheck _fileCheck;
    private readonly List<SkippedInput> _skipped = [];
    private readonly InputAdmission<T> _admission = new();

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

    /// <summary>The units a pass plans over; under SkipFile, without the inputs left out, each told to <paramref name="skipped"/> (see <see cref="InputAdmission{T}"/>).</summary>
    private ValueTask<UnitTable<T>> PlanUnitsAsync(Action<string, Exception> skipped, CancellationToken cancellationToken) =>
        UnitTable<T>.BuildAsync(Units, _errorPolicy == ErrorPolicy.SkipFile ? (input, token) => _admission.AdmitAsync(input, _fileCheck, skipped, token) : null, cancellationToken);

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
            if (await _admission.AdmitAsync(input, _fileCheck, RecordSkipped, cancellationToken).ConfigureAwait(false) is not { } leaf)
            {
                continue;
            }

            await foreach (Batch<T> batch in SkipOnFaultAsync(UnitTable<T>.NameOf(leaf), leaf.ReadBatchesAsync(cancellationToken)).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
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
            catch (Exception error) when (InputAdmission<T>.IsInputFault(error))
            {
                RecordSkipped(name, error);
                yield break;
            }

            yield return batch;
        }
    }
}
