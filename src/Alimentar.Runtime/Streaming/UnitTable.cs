namespace Alimentar.Streaming;

/// <summary>
/// What a planned pass reads: every unit of a source's inputs (a chain flattened into its sources), numbered
/// across them, with the input and name each belongs to. Sharding, shuffling and resuming plan over its row counts.
/// </summary>
internal sealed class UnitTable<T>
    where T : IStreamingRow<T>
{
    /// <summary>The inputs of a source: a chain's sources one by one, any other source whole.</summary>
    public static IEnumerable<IBatchSource<T>> Leaves(IBatchSource<T> source) =>
        source is ChainedSource<T> chain ? chain.Sources.SelectMany(Leaves) : [source];

    /// <summary>An input's name: what a unit source calls itself, or its type.</summary>
    public static string NameOf(IBatchSource<T> source) => source is IUnitSource<T> units ? units.Name : source.GetType().Name;

    /// <summary>Why a source cannot be planned over: it describes no units.</summary>
    public static NotSupportedException CannotPlan(IBatchSource<T> source) => new(
        $"{source.GetType().Name} cannot describe its units from metadata, so it cannot be sharded, shuffled, resumed or counted ahead; use Parquet, Arrow, memory or chained sources, or implement IUnitSource<T> on it.");

    private readonly List<(IUnitSource<T> Source, int Unit, string Name)> _units = [];

    public List<long> RowCounts { get; } = [];

    /// <summary>The largest batch any leaf hands out.</summary>
    public int BatchRows { get; private set; } = 1;

    /// <param name="source">The source, chains flattened.</param>
    /// <param name="admit">
    /// Under SkipFile, each input as the pass reads it, or null for one left out (the dataset's error policy admits it);
    /// null to read every input as it is and let its errors escape.
    /// </param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public static async ValueTask<UnitTable<T>> BuildAsync(
        IBatchSource<T> source, Func<IBatchSource<T>, CancellationToken, ValueTask<IBatchSource<T>?>>? admit, CancellationToken cancellationToken)
    {
        var table = new UnitTable<T>();
        foreach (IBatchSource<T> input in Leaves(source))
        {
            IBatchSource<T>? leaf = admit is null ? input : await admit(input, cancellationToken).ConfigureAwait(false);
            if (leaf is null)
            {
                continue;
            }

            IUnitSource<T> units = leaf as IUnitSource<T> ?? throw CannotPlan(leaf);
            string name = NameOf(leaf);
            IReadOnlyList<long> counts = await units.GetUnitRowCountsAsync(cancellationToken).ConfigureAwait(false);
            table.BatchRows = Math.Max(table.BatchRows, units.BatchRows);
            for (int unit = 0; unit < counts.Count; unit++)
            {
                table._units.Add((units, unit, name));
                table.RowCounts.Add(counts[unit]);
            }
        }

        return table;
    }

    public (IUnitSource<T> Source, int Unit, string Name) Locate(int unit) => _units[unit];
}
