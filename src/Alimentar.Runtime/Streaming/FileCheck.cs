namespace Alimentar;

/// <summary>How much of an input <see cref="ErrorPolicy.SkipFile"/> checks before any of its rows are handed out.</summary>
public enum FileCheck
{
    /// <summary>
    /// Every page the pass would read is read and decoded once, so a file whose pages are corrupt is left out
    /// whole, before any of its rows reach the consumer (the default). A planned pass (sharded, shuffled or
    /// resumed) checks every input while it is planned, on every rank alike, so the ranks still agree on the
    /// plan; an unplanned one checks each input just before streaming it. The verdicts are kept by the dataset,
    /// so later epochs, <see cref="StreamingDataset{T}.TotalRows"/> and checkpoints do not read again. The cost
    /// is one extra read of the data per dataset (on every rank, for a planned pass); memory stays that of a
    /// plain pass.
    /// </summary>
    Pages,

    /// <summary>
    /// Only what metadata shows (footer, schema, column ranges) is checked ahead, which costs no data reads.
    /// A file whose pages turn out corrupt is left out from the failing batch on, so rows read before it
    /// have been handed out, and under a row shuffle, whose windows mix units of many files, it fails the pass.
    /// </summary>
    Footer,
}
