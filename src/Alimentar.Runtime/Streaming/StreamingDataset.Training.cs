using System.Globalization;
using System.Runtime.CompilerServices;

namespace Alimentar;

/// <content>What a training loop configures: shards across processes, a seeded order per epoch, and the rows a rank will read.</content>
public sealed partial class StreamingDataset<T>
{
    private int? _shuffleSeed;
    private int _shuffleWindow;
    private int _shuffleLanes;
    private int _epoch;
    private ShardPlan? _shard;
    private long _resumeAt;

    // Written by the consumer's thread alone (one pass at a time), read by any thread taking a state: so a row
    // handed out is a plain volatile store, not a locked add on the hot path of Rows().
    private long _consumed;
    private static readonly ShardPlan WholeEpoch = new(0, 1);

    // After an elastic resume: what this rank reads of the epoch's plan for another world size (see ElasticPlan),
    // kept while its pass runs so GetState can describe it; the next pass plans the epoch afresh.
    private IReadOnlyList<EpochRange>? _ranges;
    private ShardPlan? _rangesPlan;
    private bool _rangesPending;

    /// <summary>The seed units are shuffled with, or null when they keep their order.</summary>
    public int? ShuffleSeed => _shuffleSeed;

    /// <summary>The epoch the order is drawn for (0 unless <see cref="WithEpoch"/> says otherwise).</summary>
    public int Epoch => _epoch;

    /// <summary>This process's share of each epoch, or null to read all of it.</summary>
    public ShardPlan? Shard => _shard;

    /// <summary>
    /// The rows a pass will hand this rank in this epoch, known from the sources' metadata before the first
    /// batch: for progress bars and learning-rate schedules.
    /// </summary>
    /// <exception cref="NotSupportedException">The source cannot describe its rows from metadata.</exception>
    public long TotalRows
    {
        get
        {
            return _ranges is { } ranges ? ranges.Sum(r => r.Rows) : UnitPlan.Create(UnitRowCounts(), _shuffleSeed, _epoch, ShardOrWhole).Rows;
        }
    }

    /// <summary>The default rows per shuffle window.</summary>
    public const int DefaultShuffleWindow = 32_768;

    /// <summary>The default number of units read side by side to fill a shuffle window.</summary>
    public const int DefaultShuffleLanes = 8;

    /// <summary>Rows per shuffle window; 0 when rows keep their order within units.</summary>
    public int ShuffleWindow => _shuffleWindow;

    /// <summary>
    /// Shuffles with <paramref name="seed"/>: units (Parquet row groups, in-memory batches) in an order drawn
    /// from (seed, epoch), then rows within windows of <see cref="DefaultShuffleWindow"/> rows that draw on
    /// <see cref="DefaultShuffleLanes"/> units at once. A different order each epoch; the same on every
    /// rank and every run.
    /// </summary>
    /// <param name="seed">Any number; the same seed and epoch give the same order.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="NotSupportedException">The source cannot describe its units from metadata.</exception>
    public StreamingDataset<T> WithShuffle(int seed) => WithShuffle(seed, DefaultShuffleWindow, DefaultShuffleLanes);

    /// <summary>
    /// Shuffles units by (<paramref name="seed"/>, epoch) and rows within windows of <paramref name="windowRows"/>
    /// rows, each filled from <paramref name="lanes"/> units read side by side, so the first rows of an epoch
    /// already come from that many units. Memory grows with the window (the decoded batches that hold its rows)
    /// and with the lanes (each holds one open unit: a window of the file, a page and a dictionary per bound column).
    /// A window of 1 keeps rows in unit order and only shuffles units.
    /// </summary>
    /// <param name="seed">Any number; the same seed and epoch give the same order.</param>
    /// <param name="windowRows">Rows per window; at least 1.</param>
    /// <param name="lanes">Units read side by side; at least 1.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="NotSupportedException">The source cannot describe its units from metadata.</exception>
    public StreamingDataset<T> WithShuffle(int seed, int windowRows, int lanes = DefaultShuffleLanes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowRows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lanes);
        _ = Units;
        ThrowIfPassRunning();
        _shuffleSeed = seed;
        _shuffleWindow = windowRows > 1 ? windowRows : 0;
        _shuffleLanes = windowRows > 1 ? lanes : 0;
        return this;
    }

    /// <summary>Reads only rank <paramref name="rank"/>'s share of each epoch (see <see cref="ShardPlan"/>).</summary>
    /// <param name="rank">This process's rank, from 0.</param>
    /// <param name="worldSize">How many processes share each epoch.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithShard(int rank, int worldSize) => WithShard(new ShardPlan(rank, worldSize));

    /// <summary>Reads only the share of each epoch <paramref name="plan"/> names, e.g. <c>ShardPlan.FromEnvironment()</c>.</summary>
    /// <param name="plan">The rank and world size.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="NotSupportedException">The source cannot describe its units from metadata.</exception>
    public StreamingDataset<T> WithShard(ShardPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _ = Units;
        ThrowIfPassRunning();
        _shard = plan;
        return this;
    }

    /// <summary>Sets the epoch the shuffled order is drawn for; every rank must use the same one.</summary>
    /// <param name="epoch">From 0.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ThrowIfPassRunning();
        _epoch = epoch;
        return this;
    }

    /// <summary>
    /// Where this rank stands in this epoch: the rows its consumer has received (not what the producer has
    /// buffered ahead), with the seed, epoch, shard and sources that define the order. Take it after any batch
    /// or row; <see cref="ResumeFrom(StreamingState)"/> on an identically configured dataset continues with the next row (and <see cref="ResumeFrom(IEnumerable{StreamingState})"/>, given every rank's state, on another number of ranks).
    /// </summary>
    /// <returns>A small state to checkpoint with <see cref="StreamingState.ToBytes"/>.</returns>
    /// <exception cref="NotSupportedException">The source cannot describe its units from metadata.</exception>
    public StreamingState GetState()
    {
        ShardPlan shard = ShardOrWhole;
        return new StreamingState
        {
            Seed = _shuffleSeed,
            Epoch = _epoch,
            ShuffleWindow = _shuffleWindow,
            ShuffleLanes = _shuffleLanes,
            Rank = shard.Rank,
            WorldSize = shard.WorldSize,
            // After an elastic resume the ranges belong to the epoch's plan, so its remainder is the one recorded.
            PadRemainder = (_rangesPlan ?? shard).Remainder == ShardRemainder.Pad,
            Sources = StreamingState.Fingerprint(UnitRowCounts()),
            RowsConsumed = Volatile.Read(ref _consumed),
            EpochWorldSize = _rangesPlan?.WorldSize,
            Ranges = _ranges ?? [],
        };
    }

    /// <summary>
    /// Makes the next pass continue where <paramref name="state"/> stood: with exactly the row after the last one
    /// its consumer received. The dataset must be configured as it was (seed, epoch, shard, the same sources);
    /// the pass seeks there through metadata, reading only the unit the next row lies in.
    /// </summary>
    /// <param name="state">A state from <see cref="GetState"/>, perhaps through <see cref="StreamingState.FromBytes"/>.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="InvalidOperationException">The state was taken with another seed, epoch, shard or set of sources; the message says which.</exception>
    /// <exception cref="ArgumentException">The state holds a position no run reaches (a rank outside its world, a negative count, ranges outside the epoch): a damaged or hand-edited checkpoint.</exception>
    public StreamingDataset<T> ResumeFrom(StreamingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfDamaged(state, nameof(state));
        ThrowIfPassRunning();
        StreamingState current = GetState();
        List<string> differences = OrderDifferences(state, current, "the state");
        if (state.WorldSize != current.WorldSize)
        {
            differences.Add($"world size {state.WorldSize} in the state, {current.WorldSize} here (to resume on another number of ranks, pass every rank's state to ResumeFrom(states))");
        }

        if (state.PadRemainder != current.PadRemainder && state.Ranges.Count == 0) differences.Add($"remainder {(state.PadRemainder ? "padded" : "dropped")} in the state, {(current.PadRemainder ? "padded" : "dropped")} here");
        if (state.Rank != current.Rank) differences.Add($"rank {state.Rank} in the state, {current.Rank} here");
        if (differences.Count > 0)
        {
            throw new InvalidOperationException($"The state cannot resume this dataset: {string.Join("; ", differences)}. Configure the dataset as it was when the state was taken.");
        }

        if (state.Ranges.Count > 0)
        {
            // A rank of an elastically resumed run resumes its ranges of the epoch's original plan.
            return ResumeRanges(state.Ranges, EpochPlanOf(state), state.RowsConsumed);
        }

        long rows = UnitPlan.Create(UnitRowCounts(), _shuffleSeed, _epoch, ShardOrWhole).Rows;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(state.RowsConsumed, rows, nameof(state));
        ClearRanges();
        _resumeAt = state.RowsConsumed;
        Volatile.Write(ref _consumed, state.RowsConsumed);
        return this;
    }

    /// <summary>
    /// Elastic resume: continues an epoch that ranks of another world size began, from every one of their states.
    /// The rows they had not delivered are shared out among this dataset's ranks (<see cref="WithShard(ShardPlan)"/>),
    /// each taking an equal contiguous part (the first few one row more when they do not divide evenly), so across
    /// both runs every row of the epoch is delivered exactly once, whatever the world sizes, shuffle and remainder.
    /// Later epochs are planned for the new world size.
    /// </summary>
    /// <param name="states">The state of every rank of the stopped run (from <see cref="GetState"/>, any order).</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="InvalidOperationException">
    /// A rank's state is missing or repeated, the states disagree, or they were taken with another seed, epoch, shuffle
    /// or set of sources than this dataset has; the message says which.
    /// </exception>
    /// <exception cref="ArgumentException">A state holds a position no run reaches: a damaged or hand-edited checkpoint.</exception>
    /// <example>
    /// <code>
    /// // Four ranks checkpointed; three come back (torchrun --nnodes=1:4 restarted with WORLD_SIZE=3):
    /// var states = Directory.GetFiles(checkpoints, "state-rank*.json").Select(f => StreamingState.FromBytes(File.ReadAllBytes(f)));
    /// streaming.WithShard(ShardPlan.FromEnvironment()).ResumeFrom(states);
    /// </code>
    /// </example>
    public StreamingDataset<T> ResumeFrom(IEnumerable<StreamingState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        ThrowIfPassRunning();
        StreamingState[] all = states.OrderBy(s => s.Rank).ToArray();
        if (all.Length == 0)
        {
            throw new InvalidOperationException("No states to resume from: pass the state of every rank of the stopped run.");
        }

        foreach (StreamingState state in all)
        {
            ThrowIfDamaged(state, nameof(states));
        }

        StreamingState first = all[0];
        List<string> differences = OrderDifferences(first, GetState(), "the states");
        if (differences.Count > 0)
        {
            throw new InvalidOperationException($"The states cannot resume this dataset: {string.Join("; ", differences)}. Configure the dataset as it was when the states were taken (only the shard may differ).");
        }

        ShardPlan epochPlan = EpochPlanOf(first);
        foreach (StreamingState state in all)
        {
            if (OrderDifferences(state, first, "one state").Count > 0 || state.WorldSize != first.WorldSize || EpochPlanOf(state) != epochPlan)
            {
                throw new InvalidOperationException($"The state of rank {state.Rank} was taken in another run than that of rank {first.Rank} (their seed, epoch, shuffle, sources or world size differ); pass the states of one run.");
            }
        }

        int[] ranks = all.Select(s => s.Rank).ToArray();
        if (!ranks.SequenceEqual(Enumerable.Range(0, first.WorldSize)))
        {
            // A damaged world size may be in the billions: the ranks missing are found among the states' own, not listed whole.
            var present = ranks.ToHashSet();
            int missingCount = first.WorldSize - present.Count;
            int[] missing = Enumerable.Range(0, first.WorldSize).Where(rank => !present.Contains(rank)).Take(8).ToArray();
            string missingText = missing.Length == 0 ? "" : $"rank {string.Join(", ", missing)}{(missingCount > missing.Length ? string.Create(CultureInfo.InvariantCulture, $" and {missingCount - missing.Length:N0} more") : "")} missing";
            int[] repeated = ranks.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            throw new InvalidOperationException(
                $"The states must be those of all {first.WorldSize} ranks of the stopped run, once each: {missingText}{(missing.Length > 0 && repeated.Length > 0 ? "; " : "")}{(repeated.Length > 0 ? $"rank {string.Join(", ", repeated)} repeated" : "")}. Without a rank's state its undelivered rows cannot be found.");
        }

        long shareRows = UnitPlan.Create(UnitRowCounts(), _shuffleSeed, _epoch, epochPlan).Rows;
        foreach (StreamingState state in all)
        {
            long own = state.Ranges.Count > 0 ? state.Ranges.Sum(r => r.Rows) : shareRows;
            if (state.RowsConsumed < 0 || state.RowsConsumed > own)
            {
                throw new InvalidOperationException($"The state of rank {state.Rank} counts {state.RowsConsumed} rows consumed of the {own} it reads.");
            }
        }

        ShardPlan shard = ShardOrWhole;
        return ResumeRanges(ElasticPlan.Share(all, shareRows, shard.Rank, shard.WorldSize), epochPlan, consumed: 0);
    }

    /// <summary>How a state's order differs from this dataset's: seed, epoch, shuffle window and sources (not the shard).</summary>
    private static List<string> OrderDifferences(StreamingState state, StreamingState current, string taken)
    {
        var differences = new List<string>();
        if (state.Seed != current.Seed) differences.Add($"seed {Show(state.Seed)} in {taken}, {Show(current.Seed)} here");
        if (state.Epoch != current.Epoch) differences.Add($"epoch {state.Epoch} in {taken}, {current.Epoch} here");
        if (state.ShuffleWindow != current.ShuffleWindow || state.ShuffleLanes != current.ShuffleLanes)
        {
            differences.Add($"a shuffle window of {state.ShuffleWindow} rows over {state.ShuffleLanes} lanes in {taken}, {current.ShuffleWindow} over {current.ShuffleLanes} here");
        }

        if (state.Sources != current.Sources) differences.Add($"sources '{state.Sources}' in {taken}, '{current.Sources}' here");
        return differences;
    }

    /// <summary>Refuses a state whose position no run could have reached (<see cref="StreamingState.Damage"/>).</summary>
    private static void ThrowIfDamaged(StreamingState state, string parameter)
    {
        if (state.Damage() is { } damage)
        {
            throw new ArgumentException($"The state of rank {state.Rank} is damaged: it holds {damage}, which no run takes.", parameter);
        }
    }

    /// <summary>The plan of the epoch a state belongs to: the world that began the epoch, and its remainder.</summary>
    private static ShardPlan EpochPlanOf(StreamingState state) =>
        new(0, state.EpochWorldSize ?? state.WorldSize) { Remainder = state.PadRemainder ? ShardRemainder.Pad : ShardRemainder.Drop };

    private StreamingDataset<T> ResumeRanges(IReadOnlyList<EpochRange> ranges, ShardPlan epochPlan, long consumed)
    {
        long shareRows = UnitPlan.Create(UnitRowCounts(), _shuffleSeed, _epoch, epochPlan).Rows;
        if (ranges.Any(r => r.Rank < 0 || r.Rank >= epochPlan.WorldSize || r.Start < 0 || r.Rows < 0 || r.Start + r.Rows > shareRows))
        {
            throw new InvalidOperationException($"The state's ranges name ranks or rows outside the epoch's plan for {epochPlan.WorldSize} ranks of {shareRows} rows each.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(consumed, ranges.Sum(r => r.Rows), nameof(consumed));
        _ranges = ranges;
        _rangesPlan = epochPlan;
        _rangesPending = true;
        _resumeAt = consumed;
        Volatile.Write(ref _consumed, consumed);
        return this;
    }

    private void ClearRanges()
    {
        _ranges = null;
        _rangesPlan = null;
        _rangesPending = false;
    }

    private static string Show(int? seed) => seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";

    /// <summary>The row counts a pass plans with: under SkipFile, without the inputs that cannot be read.</summary>
    private IReadOnlyList<long> UnitRowCounts() =>
        PlanUnitsAsync(static (_, _) => { }, CancellationToken.None).AsTask().GetAwaiter().GetResult().RowCounts;

    /// <summary>A pass starts counting from where it resumes, or from 0; an elastic resume's ranges last for the pass they start.</summary>
    private void BeginConsuming()
    {
        if (!_rangesPending)
        {
            ClearRanges();
        }

        Volatile.Write(ref _consumed, _resumeAt);
    }

    private Batch<T>? Delivered(Batch<T>? batch)
    {
        if (batch is not null)
        {
            Consume(batch.Count);
        }

        return batch;
    }

    private void Consume(long rows) => Volatile.Write(ref _consumed, _consumed + rows);

    private void Unconsume(long rows) => Volatile.Write(ref _consumed, _consumed - rows);

    /// <summary>The shard plan, or the whole epoch for one rank when none is set.</summary>
    private ShardPlan ShardOrWhole => _shard ?? WholeEpoch;

    /// <summary>Checks, when a training setting is made, that the source's units can be planned.</summary>
    private IBatchSource<T> Units => Source is IUnitSource<T> ? Source : throw UnitTable<T>.CannotPlan(Source);


    /// <summary>A pass: the source as it is, or, once sharded or shuffled, the planned stretches of its units.</summary>
    private IAsyncEnumerable<Batch<T>> ReadPassAsync(CancellationToken cancellationToken)
    {
        lock (_skipped)
        {
            _skipped.Clear();
        }

        // A resume point (and an elastic resume's ranges) applies to the pass it starts; later passes begin the epoch afresh.
        long skip = _resumeAt;
        _resumeAt = 0;
        if (_rangesPending)
        {
            _rangesPending = false;
            return ReadRangesAsync(_ranges!, _rangesPlan!, skip, cancellationToken);
        }

        ClearRanges();
        if (_shuffleSeed is null && _shard is null && skip == 0)
        {
            return _errorPolicy == ErrorPolicy.SkipFile ? ReadCheckedInputsAsync(cancellationToken) : Source.ReadBatchesAsync(cancellationToken);
        }

        return ReadPlannedAsync(ShardOrWhole, skip, long.MaxValue, cancellationToken);
    }

    /// <summary>An elastic resume's pass: each range is a stretch of what one rank of the epoch's plan reads.</summary>
    private async IAsyncEnumerable<Batch<T>> ReadRangesAsync(IReadOnlyList<EpochRange> ranges, ShardPlan epochPlan, long skip, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (EpochRange range in ElasticPlan.After(ranges, skip))
        {
            ShardPlan shard = new(range.Rank, epochPlan.WorldSize) { Remainder = epochPlan.Remainder };
            await foreach (Batch<T> batch in ReadPlannedAsync(shard, range.Start, range.Rows, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <summary>Rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of what <paramref name="shard"/>'s rank reads in this epoch.</summary>
    private async IAsyncEnumerable<Batch<T>> ReadPlannedAsync(ShardPlan shard, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Under SkipFile an input that cannot be read has no units: it is listed before any row is read.
        UnitTable<T> table = await PlanUnitsAsync(RecordSkipped, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<UnitSegment> segments = UnitPlan.Create(table.RowCounts, _shuffleSeed, _epoch, shard).Segments;
        if (_shuffleSeed is { } shuffleSeed && _shuffleWindow > 1)
        {
            await foreach (Batch<T> batch in ReadWindowsAsync(table, segments, shuffleSeed, _epoch, shard.Rank, skip, take, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        foreach (UnitSegment segment in segments)
        {
            if (take == 0)
            {
                yield break;
            }

            // Whole segments before the resume point are passed over by their counts alone.
            if (skip >= segment.Take)
            {
                skip -= segment.Take;
                continue;
            }

            long rows = Math.Min(segment.Take - skip, take);
            take -= rows;
            (IUnitSource<T> units, int unit, string name) = table.Locate(segment.Unit);
            IAsyncEnumerable<Batch<T>> stretch = units.ReadUnitAsync(unit, segment.Skip + skip, rows, cancellationToken);
            if (_errorPolicy == ErrorPolicy.SkipFile)
            {
                // A file that failed in this pass (a fault its check did not see, such as a lost connection) stays out of it.
                if (IsSkipped(name))
                {
                    skip = 0;
                    continue;
                }

                stretch = SkipOnFaultAsync(name, stretch);
            }

            await foreach (Batch<T> batch in stretch.ConfigureAwait(false))
            {
                yield return batch;
            }

            skip = 0;
        }
    }

    /// <summary>
    /// The shuffled pass: windows of rows drawn from several units at once (see <see cref="ShufflePlan"/>), each
    /// permuted and handed out in batches. A resume opens the lanes where the resumed window starts, so it reads
    /// that window again and nothing before it.
    /// </summary>
    private async IAsyncEnumerable<Batch<T>> ReadWindowsAsync(UnitTable<T> table, IReadOnlyList<UnitSegment> segments, int seed, int epoch, int rank, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using IEnumerator<WindowStretch[]> windows = ShufflePlan.Windows(segments, _shuffleWindow, _shuffleLanes).GetEnumerator();
        int first = 0;
        bool more = windows.MoveNext();
        while (more && windows.Current.Sum(s => s.Take) is var rows && skip >= rows)
        {
            skip -= rows;
            first++;
            more = windows.MoveNext();
        }

        var lanes = new Dictionary<int, Lane>();
        // Shuffled batches are as large as the source's own, so BatchSize means the same with or without a shuffle.
        int batchRows = Math.Clamp(table.BatchRows, 1, _shuffleWindow);
        ShuffleWindow<T>? window = null;
        try
        {
            for (int w = first; more && take > 0; w++, more = windows.MoveNext())
            {
                window = new ShuffleWindow<T>(_shuffleWindow);
                foreach (WindowStretch stretch in windows.Current)
                {
                    if (!lanes.TryGetValue(stretch.Segment, out Lane? lane))
                    {
                        UnitSegment segment = segments[stretch.Segment];
                        (IUnitSource<T> units, int unit, string name) = table.Locate(segment.Unit);
                        long left = segment.Skip + segment.Take - stretch.Skip;
                        lane = new Lane(units.ReadUnitAsync(unit, stretch.Skip, left, cancellationToken).GetAsyncEnumerator(cancellationToken), left, $"unit {unit} of {name}");
                        lanes[stretch.Segment] = lane;
                    }

                    await lane.TakeAsync(stretch.Take, window).ConfigureAwait(false);
                    if (lane.Left == 0)
                    {
                        await lane.DisposeAsync().ConfigureAwait(false);
                        lanes.Remove(stretch.Segment);
                    }
                }

                int[] order = ShufflePlan.Permutation(window.Count, seed, epoch, rank, w);
                for (int start = w == first ? (int)skip : 0; start < window.Count && take > 0; start += batchRows)
                {
                    int rows = (int)Math.Min(Math.Min(batchRows, window.Count - start), take);
                    take -= rows;
                    yield return window.Gather(order, start, rows, new BatchPosition("shuffle window", w, start));
                }

                window.Dispose();
                window = null;
            }
        }
        finally
        {
            window?.Dispose();
            foreach (Lane lane in lanes.Values)
            {
                await lane.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One unit read front to back across windows, a stretch at a time.</summary>
    private sealed class Lane(IAsyncEnumerator<Batch<T>> batches, long left, string unit) : IAsyncDisposable
    {
        private Batch<T>? _current;
        private int _next;

        /// <summary>Rows of the lane's segment not yet taken.</summary>
        public long Left { get; private set; } = left;

        public async ValueTask TakeAsync(long rows, ShuffleWindow<T> into)
        {
            while (rows > 0)
            {
                if (_current is null || _next == _current.Count)
                {
                    _current?.Dispose();
                    _current = null;
                    if (!await batches.MoveNextAsync().ConfigureAwait(false))
                    {
                        throw new InvalidOperationException($"{unit} ended {Left} rows before the end its metadata claims; did the source change during the pass?");
                    }

                    _current = batches.Current;
                    _next = 0;
                }

                int take = (int)Math.Min(rows, _current.Count - _next);
                into.Add(_current, _next, take);

                _next += take;
                rows -= take;
                Left -= take;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _current?.Dispose();
            _current = null;
            await batches.DisposeAsync().ConfigureAwait(false);
        }
    }
}
