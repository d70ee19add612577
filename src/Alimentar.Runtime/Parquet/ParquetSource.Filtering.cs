using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Alimentar;

/// <content>Filters pushed down into the reader: row groups and pages ruled out by metadata are never read, and only matching rows are handed out.</content>
public sealed partial class ParquetSource<T>
{
    // What the filter joins with &&: the rows a deletion vector leaves, then each Where, kept apart and joined when a
    // pass asks, so that a program calling Where in a loop gets a balanced filter, not one level deeper per call.
    private readonly List<FilterNode> _conditions = [];
    private FilterNode? _joinedFilter;

    // The record fields the filter reads (Meta.Year): each file binds them as columns after the row type's, in this order.
    private readonly List<string> _nestedFilterPaths = [];

    // Plans of a file pinned to one version (an object store's) are kept beside its footer, for the filter this key
    // stands for: a shuffled pass plans each unit again when it reads it.
    private object _planKey = new();

    /// <summary>The filter every pass applies, as the reader evaluates it; null when every row is read.</summary>
    public string? Filter => ActiveFilter?.ToString();

    /// <summary>The filter every pass applies: its conditions joined by &amp;&amp;; null when there are none.</summary>
    private FilterNode? ActiveFilter
    {
        get
        {
            if (_conditions.Count == 0)
            {
                return null;
            }

            // Passes read on several threads: one joined tree is published, so its worked-out columns are shared.
            return Volatile.Read(ref _joinedFilter)
                ?? Interlocked.CompareExchange(ref _joinedFilter, FilterNode.Join(_conditions, any: false), null)
                ?? _joinedFilter!;
        }
    }

    /// <summary>
    /// Hands out only the rows for which <paramref name="predicate"/> holds, from the next pass on; called again,
    /// the filters combine with <c>&amp;&amp;</c>. The reader skips row groups whose statistics or Bloom filters rule
    /// the predicate out, and pages whose column index does; it decodes the predicate's columns of what is left,
    /// evaluates them, and materialises only the rows that pass. Batches then hold the matching rows of up to
    /// <see cref="ParquetReadOptions.BatchSize"/> rows read, so they may be shorter; none is empty.
    /// </summary>
    /// <remarks>
    /// What is pushed down: comparisons (<c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>) of a row
    /// member, or a field of a record member outside any list (<c>r.Meta.Year</c>, <c>r.Picture!.Value.Path</c>; a field of
    /// a null record reads as null, as in SQL), with a constant or captured value, null tests (<c>== null</c>, <c>HasValue</c>), <c>StartsWith</c> on
    /// strings, <c>string.IsNullOrEmpty</c>, a constant set's <c>Contains</c>, and <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> of those.
    /// Predicates over the contents of lists and maps are refused, naming them.
    /// Results are C#'s own: a null member fails every comparison but <c>!=</c>, NaN likewise, strings compare
    /// ordinally. Statistics prune only where the format guarantees their order (the deprecated min/max only for
    /// signed numbers). Culture-sensitive <c>StartsWith(prefix)</c> filters rows exactly but cannot prune; pass
    /// <see cref="StringComparison.Ordinal"/> to let it. The expression is walked, never compiled, so NativeAOT is fine.
    /// <para>With a filter, sharding, shuffling, <c>TotalRows</c> and resume count matching rows: planning reads the
    /// predicate's columns of the row groups that survive pruning once per source, to count them.</para>
    /// </remarks>
    /// <param name="predicate">The rows to keep, e.g. <c>t =&gt; t.Timestamp &gt;= from &amp;&amp; t.UserId == 42</c>.</param>
    /// <returns>This source, configured.</returns>
    /// <exception cref="UnsupportedFilterException">Part of <paramref name="predicate"/> cannot be pushed down; the message names it.</exception>
    public ParquetSource<T> Where(Expression<Func<T, bool>> predicate)
    {
        _conditions.Add(FilterParser.Parse(predicate, T.Schema, _nestedFilterPaths));
        _joinedFilter = null;
        Volatile.Write(ref _unitRowCounts, null);
        _planKey = new object();
        return this;
    }

    /// <summary>
    /// Leaves out the rows <paramref name="rows"/> names by their position in the file (a Delta deletion vector's), ahead
    /// of any filter: unit counts, shards and resume then count the rows that are left, as with a filter.
    /// </summary>
    internal ParquetSource<T> ExcludeRows(DeletedRows rows)
    {
        _conditions.Insert(0, new DeletedRowsNode(rows));
        _joinedFilter = null;
        Volatile.Write(ref _unitRowCounts, null);
        _planKey = new object();
        return this;
    }

    /// <summary>
    /// Whether the filter rules the whole file out by what its table lists for it (a Delta file's partition values and
    /// column statistics, from the log), so the file is never opened: a table's data files do not hold its partition
    /// columns, so those values are the members' in every row, and the log's bounds bound the file's values. Worked
    /// out once per filter.
    /// </summary>
    private bool TableRulesOut()
    {
        if (ActiveFilter is not { } filter || _view is not { } view || (view.Partitions is not { Count: > 0 } && view.ColumnSummary is null))
        {
            return false;
        }

        if (_tableRulesOut is { } known && ReferenceEquals(known.Filter, filter))
        {
            return known.RuledOut;
        }

        RowSchema schema = T.Schema;
        var summaries = new ValueSummary?[schema.Columns.Count];
        for (int i = 0; i < summaries.Length; i++)
        {
            try
            {
                if (view.Partitions is { Count: > 0 } partitions && HivePartition.Find(schema.Columns[i], schema, Name, partitions) is { } partition)
                {
                    summaries[i] = ValueSummary.OfPartition(MissingMember.PartitionAs(schema, schema.Columns[i], partition));
                }
                else
                {
                    summaries[i] = view.ColumnSummary?.Invoke(schema.Columns[i], schema, Name);
                }
            }
            catch (SchemaMismatchException)
            {
                // Binding the file reports it, naming what is wrong.
            }
        }

        bool ruledOut = !StatisticsJudge.Judge(filter, column => column < summaries.Length ? summaries[column] : null).MayPass;
        _tableRulesOut = (filter, ruledOut);
        return ruledOut;
    }

    private (FilterNode Filter, bool RuledOut)? _tableRulesOut;

    /// <summary>Says which row groups and pages the filter keeps and why, from metadata alone (footer, page index, Bloom filters).</summary>
    /// <returns>One line per row group; <see cref="FilterExplanation.ToString"/> prints them.</returns>
    public FilterExplanation Explain() => ExplainAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Explain"/>
    /// <param name="cancellationToken">Stops the reads.</param>
    public async ValueTask<FilterExplanation> ExplainAsync(CancellationToken cancellationToken = default)
    {
        await using ParquetFileReader<T> reader = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var groups = new List<RowGroupExplanation>();
        FilterPlanner? planner = ActiveFilter is null ? null : new FilterPlanner(reader.File, reader.Binding, ActiveFilter);
        bool ruledOut = TableRulesOut();
        for (int index = 0; index < reader.RowGroupCount; index++)
        {
            long rows = reader.File.Metadata.RowGroups[index].RowCount;
            if (planner is null)
            {
                groups.Add(new RowGroupExplanation(index, rows, true, rows, 0, 0, "there is no filter"));
                continue;
            }

            if (ruledOut)
            {
                // A pass never opens the file: explaining it is the only read.
                groups.Add(new RowGroupExplanation(index, rows, false, 0, 0, 0, "the table's log rules the whole file out (its partition values or column statistics)"));
                continue;
            }

            RowGroupPlan plan = await PlanAsync(planner, index, cancellationToken).ConfigureAwait(false);
            groups.Add(new RowGroupExplanation(index, rows, plan.IsKept, plan.RowsToRead, plan.PagesKept, plan.PagesTotal, plan.Reason));
        }

        return new FilterExplanation(Name, Filter, groups);
    }

    private async IAsyncEnumerable<Batch<T>> DecodeFilteredAsync(ParquetFileReader<T> reader, FilterNode filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var planner = new FilterPlanner(reader.File, reader.Binding, filter);
        for (int index = 0; index < reader.RowGroupCount; index++)
        {
            await foreach (Batch<T> batch in ReadFilteredRowGroupAsync(reader, planner, filter, index, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <summary>The matching rows of one row group: only the ranges its plan keeps are decoded, the gaps sought over.</summary>
    private async IAsyncEnumerable<Batch<T>> ReadFilteredRowGroupAsync(
        ParquetFileReader<T> reader, FilterPlanner planner, FilterNode filter, int index, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RowGroupPlan plan = await PlanAsync(planner, index, cancellationToken).ConfigureAwait(false);
        if (!plan.IsKept)
        {
            yield break;
        }

        // With a page index the plan says which pages to fetch; without one, each chunk's first stretch is fetched as usual.
        using RowGroupReader rowGroup = reader.OpenRowGroup(index, readAhead: false, prefetch: !plan.ByPages);
        if (!plan.ByPages)
        {
            AlimentarMetrics.BytesReadCounter.Add(rowGroup.CompressedBytes);
        }

        // A filtered batch's position counts matching rows, as the plan and resume do.
        long matched = 0;
        RowGroupReading reading = Reading(reader, plan.Ranges, plan.OffsetIndexes, plan.ByPages, filter);
        await foreach (ColumnStore<T> store in reader.ReadBatchesAsync(rowGroup, reading, cancellationToken).ConfigureAwait(false))
        {
            yield return Batch<T>.FromStore(store, new BatchPosition(Name, index, (int)matched));
            matched += store.Count;
        }
    }

    /// <summary>A row group's plan; over a file pinned to one version, made once per source and filter.</summary>
    private async ValueTask<RowGroupPlan> PlanAsync(FilterPlanner planner, int index, CancellationToken cancellationToken)
    {
        object key = _planKey;
        if (_footerSlot is { } slot && FooterCache.Shared.Plan(slot, key, index) is { } known)
        {
            return known;
        }

        RowGroupPlan plan = await planner.PlanAsync(index, cancellationToken).ConfigureAwait(false);
        if (_footerSlot is { } kept)
        {
            FooterCache.Shared.Remember(kept, key, index, plan);
        }

        return plan;
    }

    /// <summary>Matching rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of row group <paramref name="unit"/>.</summary>
    private async IAsyncEnumerable<Batch<T>> ReadFilteredUnitAsync(int unit, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using ParquetFileReader<T> reader = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var planner = new FilterPlanner(reader.File, reader.Binding, ActiveFilter!);
        long seen = 0;
        long end = skip + take;
        await foreach (Batch<T> batch in ReadFilteredRowGroupAsync(reader, planner, ActiveFilter!, unit, cancellationToken).ConfigureAwait(false))
        {
            long first = seen;
            seen += batch.Count;
            if (seen <= skip)
            {
                batch.Dispose();
                continue;
            }

            int from = (int)Math.Max(0, skip - first);
            int to = (int)Math.Min(batch.Count, end - first);
            if (from == 0 && to == batch.Count)
            {
                yield return batch;
            }
            else
            {
                using (batch)
                {
                    yield return batch.Slice(from, to - from, new BatchPosition(Name, unit, (int)(first + from)));
                }
            }

            if (seen >= end)
            {
                yield break;
            }
        }
    }

    /// <summary>The matching rows of each row group, for planning: pruned groups count 0; the rest have their filter columns decoded once.</summary>
    private async ValueTask<long[]> CountMatchingRowsAsync(ParquetFileReader<T> reader, CancellationToken cancellationToken)
    {
        var planner = new FilterPlanner(reader.File, reader.Binding, ActiveFilter!);
        long[] counts = new long[reader.RowGroupCount];
        for (int index = 0; index < counts.Length; index++)
        {
            RowGroupPlan plan = await PlanAsync(planner, index, cancellationToken).ConfigureAwait(false);
            if (plan.IsKept && ActiveFilter is DeletedRowsNode deleted)
            {
                // A deletion vector alone: its rows are counted in the vector, with no column to decode.
                long rows = reader.File.Metadata.RowGroups[index].RowCount;
                counts[index] = rows - deleted.Rows.CountIn(reader.File.FirstRowOf(index), rows);
            }
            else if (plan.IsKept)
            {
                // Only the filter's columns are decoded: none is fetched ahead for the others.
                using RowGroupReader rowGroup = reader.OpenRowGroup(index, prefetch: false);
                counts[index] = await reader.CountMatchesAsync(rowGroup, plan, ActiveFilter!, cancellationToken).ConfigureAwait(false);
            }
        }

        return counts;
    }
}
