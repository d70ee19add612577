using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Decides, from metadata alone, what of each row group a filter needs: footer statistics first, then the
/// Bloom filters of equality tests, then the column index page by page. Reads only the small index and
/// filter structures it consults, and only for row groups statistics did not already rule out.
/// </summary>
internal sealed class FilterPlanner(ParquetFile file, ParquetFileBinding binding, FilterNode filter)
{
    private readonly int[] _columns = filter.Columns();
    private readonly PageIndexReader _indexes = new(file, binding);

    public async ValueTask<RowGroupPlan> PlanAsync(int index, CancellationToken cancellationToken)
    {
        // A plan looks its columns up among the row group's chunks before the reader checks them.
        ParquetFile.CheckChunkCount(file.Metadata, file.Name, index);
        RowGroupMetadata group = file.Metadata.RowGroups[index];
        long rows = group.RowCount;

        // What could not be used, said in the plan's reason.
        var notes = new List<string>();
        if (rows == 0)
        {
            return new RowGroupPlan(index, 0, [], "it holds no rows");
        }

        if (DeletedRowsNode.Of(filter) is { } vector)
        {
            long deleted = vector.Rows.CountIn(file.FirstRowOf(index), rows);
            if (deleted == rows)
            {
                return new RowGroupPlan(index, rows, [], "its Delta deletion vector deletes every row");
            }

            if (_columns.Length == 0)
            {
                // Nothing else to judge, and no index or Bloom filter worth a read.
                return new RowGroupPlan(index, rows, [new RowRange(0, rows)], $"its Delta deletion vector deletes {deleted} of its rows");
            }
        }

        ValueSummary?[] summaries = new ValueSummary?[binding.Columns.Length];
        foreach (int column in _columns)
        {
            BoundColumn bound = binding.Columns[column];

            // A partition's bounds are Alimentar's own, whatever wrote the file: no writer's faults to allow for.
            summaries[column] = ValueSummary.Of(Chunk(group, column).Statistics, bound, rows, bound.Partition is null ? file.Metadata.CreatedBy : null);
            if (bound.Partition is { IsNull: false } partition)
            {
                notes.Add($"{bound.Descriptor.MemberName} is the file's partition {partition}");
            }
            else if (bound.IsAbsent)
            {
                notes.Add($"{bound.Descriptor.MemberName} is not in the file and reads as null ({(bound.Partition is null ? "MissingColumnsAsNull" : $"the null partition {bound.Partition}")})");
            }
        }

        Verdict byStatistics = StatisticsJudge.Judge(filter, column => summaries[column]);
        if (!byStatistics.MayPass)
        {
            string ruledOut = $"its statistics rule out every row ({Describe(summaries)})";
            return new RowGroupPlan(index, rows, [], notes.Count == 0 ? ruledOut : $"{ruledOut}; {string.Join("; ", notes)}");
        }

        Dictionary<int, BloomFilter> blooms = await LoadBloomFiltersAsync(group, notes, cancellationToken).ConfigureAwait(false);
        if (blooms.Count > 0 && !StatisticsJudge.Judge(filter, column => summaries[column], leaf => IsAbsent(leaf, blooms)).MayPass)
        {
            return new RowGroupPlan(index, rows, [], $"its Bloom filter on {string.Join(", ", blooms.Keys.Select(c => binding.Columns[c].Descriptor.MemberName))} holds none of the values");
        }

        OffsetIndex?[] offsets = await _indexes.LoadOffsetIndexesAsync(index, notes, cancellationToken).ConfigureAwait(false);

        RowGroupPlan plan = await PlanPagesAsync(group, index, rows, summaries, offsets, notes, cancellationToken).ConfigureAwait(false);
        plan = plan with { OffsetIndexes = offsets };
        return notes.Count == 0 ? plan : plan with { Reason = $"{plan.Reason}; {string.Join("; ", notes)}" };
    }

    /// <summary>Splits the row group at every page boundary of the filter's columns and keeps the stretches their pages may pass.</summary>
    private async ValueTask<RowGroupPlan> PlanPagesAsync(
        RowGroupMetadata group, int index, long rows, ValueSummary?[] summaries, OffsetIndex?[] offsetIndexes, List<string> notes, CancellationToken cancellationToken)
    {
        var pages = new Dictionary<int, (OffsetIndex Offsets, ColumnIndex Index)>();
        foreach (int column in _columns)
        {
            if (offsetIndexes[column] is { } offsets && binding.Columns[column].Field.MaxRepetitionLevel == 0
                && await _indexes.LoadColumnIndexAsync(index, column, notes, cancellationToken).ConfigureAwait(false) is { } columnIndex
                && columnIndex.PageCount == offsets.PageCount)
            {
                pages[column] = (offsets, columnIndex);
            }
        }

        RowRange whole = new(0, rows);
        if (pages.Count == 0)
        {
            return new RowGroupPlan(index, rows, [whole], "its statistics allow matching rows; it has no page index for the filter's columns");
        }

        long[] cuts = pages.Values.SelectMany(p => p.Offsets.FirstRows).Append(0).Append(rows).Where(r => r >= 0 && r <= rows).Distinct().Order().ToArray();
        var kept = new List<RowRange>();
        for (int i = 0; i + 1 < cuts.Length; i++)
        {
            long start = cuts[i], end = cuts[i + 1];
            Verdict verdict = StatisticsJudge.Judge(filter, column => pages.TryGetValue(column, out var page) ? PageSummary(page, column, start, rows) : summaries[column]);
            if (!verdict.MayPass)
            {
                continue;
            }

            if (kept.Count > 0 && kept[^1].End == start)
            {
                kept[^1] = new RowRange(kept[^1].Start, end - kept[^1].Start);
            }
            else
            {
                kept.Add(new RowRange(start, end - start));
            }
        }

        int total = pages.Values.Sum(p => p.Offsets.PageCount);
        int pagesKept = pages.Values.Sum(p => Enumerable.Range(0, p.Offsets.PageCount).Count(page =>
        {
            RowRange pageRows = p.Offsets.Rows(page, rows);
            return kept.Any(range => range.Start < pageRows.End && pageRows.Start < range.End);
        }));
        string reason = kept.Count == 0
            ? "its page index rules out every page"
            : $"its page index keeps {pagesKept} of {total} pages of {string.Join(", ", pages.Keys.Select(c => binding.Columns[c].Descriptor.MemberName))}";
        return new RowGroupPlan(index, rows, kept, reason) { PagesKept = pagesKept, PagesTotal = total };
    }

    private ValueSummary PageSummary((OffsetIndex Offsets, ColumnIndex Index) page, int column, long row, long rows)
    {
        int at = Array.BinarySearch(page.Offsets.FirstRows, row);
        int pageNumber = at >= 0 ? at : ~at - 1;
        long pageRows = page.Offsets.Rows(pageNumber, rows).Count;
        BoundColumn bound = binding.Columns[column];
        return page.Index.NullPages[pageNumber]
            ? new ValueSummary(null, null, null, null, pageRows, pageRows, bound.FileIsNullable)
            : ValueSummary.Bounded(page.Index.Mins[pageNumber], page.Index.Maxes[pageNumber], page.Index.NullCounts?[pageNumber], pageRows, bound);
    }

    private ColumnChunkMetadata Chunk(RowGroupMetadata group, int column) => binding.Columns[column] is { IsAbsent: true } absent
        ? AbsentColumn.Metadata(absent, group.RowCount)
        : group.Columns[binding.Columns[column].Field.Index];

    private async ValueTask<Dictionary<int, BloomFilter>> LoadBloomFiltersAsync(RowGroupMetadata group, List<string> notes, CancellationToken cancellationToken)
    {
        var blooms = new Dictionary<int, BloomFilter>();
        foreach (FilterLeaf leaf in filter.Leaves().Where(l => l is CompareLeaf { Op: CompareOp.Equal } or InSetLeaf).DistinctBy(l => l.Column))
        {
            ColumnChunkMetadata chunk = Chunk(group, leaf.Column);
            if (chunk.BloomFilterOffset is not long offset || offset <= 0 || offset >= file.Pages.Length)
            {
                continue;
            }

            int guess = chunk.BloomFilterLength is int length and > 0 ? length : 64;
            byte[] bytes = await _indexes.ReadAsync(offset, guess, cancellationToken).ConfigureAwait(false);
            BloomFilterRead? read = _indexes.Parse(() => BloomFilter.Parse(bytes), "Bloom filter", leaf.Column, notes);
            if (read is { Filter: null } && read.Needed > bytes.Length && offset + read.Needed <= file.Pages.Length)
            {
                byte[] whole = await _indexes.ReadAsync(offset, read.Needed, cancellationToken).ConfigureAwait(false);
                read = _indexes.Parse(() => BloomFilter.Parse(whole), "Bloom filter", leaf.Column, notes);
            }

            BloomFilter? bloom = read?.Filter;

            if (bloom is not null)
            {
                blooms[leaf.Column] = bloom;
            }
        }

        return blooms;
    }

    private bool IsAbsent(FilterLeaf leaf, Dictionary<int, BloomFilter> blooms)
    {
        if (!blooms.TryGetValue(leaf.Column, out BloomFilter? bloom))
        {
            return false;
        }

        IEnumerable<FilterValue> values = leaf switch
        {
            CompareLeaf compare => [compare.Constant],
            InSetLeaf set => set.Values,
            _ => [],
        };
        foreach (FilterValue value in values)
        {
            if (PlainBytes(value, leaf, binding.Columns[leaf.Column]) is not { } plain || bloom.MayContain(plain))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The PLAIN bytes a value is stored (and hashed) as, or null when they cannot be worked out exactly; floats
    /// are left out since -0 and 0 are equal but hash apart.
    /// </summary>
    private static byte[]? PlainBytes(FilterValue value, FilterLeaf leaf, BoundColumn bound)
    {
        if (leaf.EnumByName is not null || leaf.Single)
        {
            return null;
        }

        FileColumnType type = bound.FileType;
        if (value.Domain == FilterDomain.Text)
        {
            return type.Physical == PhysicalType.ByteArray && type.Kind == FileValueKind.Utf8String && FilterValue.StoredAsUtf8(value.Text!) ? Encoding.UTF8.GetBytes(value.Text!) : null;
        }

        if (value.Domain == FilterDomain.Guid)
        {
            // A UUID is stored, and hashed, as its sixteen bytes in RFC 9562 order.
            return type.Physical == PhysicalType.FixedLenByteArray && type.Kind == FileValueKind.Guid ? value.GuidValue.ToByteArray(bigEndian: true) : null;
        }

        if (value.Domain != FilterDomain.Integer)
        {
            return null;
        }

        Int128 number = value.IntegerValue;

        bool plainInteger = type.Kind is FileValueKind.SByte or FileValueKind.Byte or FileValueKind.Int16 or FileValueKind.UInt16
            or FileValueKind.Int32 or FileValueKind.UInt32 or FileValueKind.Int64 or FileValueKind.UInt64;
        bool memberIsInteger = bound.Descriptor.Type is ColumnType.SByte or ColumnType.Byte or ColumnType.Int16 or ColumnType.UInt16
            or ColumnType.Int32 or ColumnType.UInt32 or ColumnType.Int64 or ColumnType.UInt64;
        if (!plainInteger || !memberIsInteger)
        {
            return null;
        }

        switch (type.Physical)
        {
            case PhysicalType.Int32 when number >= int.MinValue && number <= uint.MaxValue:
                byte[] four = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(four, unchecked((int)(long)number));
                return four;
            case PhysicalType.Int64 when number >= long.MinValue && number <= ulong.MaxValue:
                byte[] eight = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(eight, unchecked((long)(ulong)(number & ulong.MaxValue)));
                return eight;
            default:
                return null;
        }
    }

    private string Describe(ValueSummary?[] summaries) => string.Join("; ", _columns.Select(column =>
    {
        ValueSummary? summary = summaries[column];
        string name = binding.Columns[column].Descriptor.MemberName;
        return summary switch
        {
            null => $"{name}: no statistics",
            { AllNull: true } => $"{name}: all null",
            { Min: null } => $"{name}: no usable bounds",
            _ => $"{name}: {ExplainedValue.Show(summary.Min)} to {ExplainedValue.Show(summary.Max)}{(summary.NullCount is long nulls ? $", {nulls} nulls" : string.Empty)}",
        };
    }));

}
