namespace Alimentar.Sources;

/// <summary>
/// A source that can do its slow first step (an object store's footer request) ahead of its pass: a chain
/// prepares the next source while the current one streams, so a file boundary costs no round trip.
/// </summary>
internal interface IPreparableSource
{
    /// <summary>Does what the first pass would do first; failures are left for that pass to report.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);
}
