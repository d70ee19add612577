using Alimentar.Parquet.Filtering;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// The parsed footers (and filter plans) of files pinned to one version, kept for sources to reuse across units and
/// passes, up to a byte budget the whole process shares; past it, the footers used least recently are let go, and
/// their sources fetch them again when next asked (one request, at the version pinned).
/// </summary>
/// <remarks>
/// Each source kept its footer for as long as it lived, so a chain over thousands of objects kept every footer it
/// had read: about 500 bytes per column chunk, 2.4 GB over 25,000 files of 10 columns in 20 row groups, memory set by
/// the dataset rather than the batch. A footer costs one more request to fetch than to keep, against row groups of
/// megabytes read after it.
/// </remarks>
internal sealed class FooterCache
{
    private long _budget;
    private readonly Lock _lock = new();
    private readonly LinkedList<Slot> _recent = [];
    private long _bytes;

    /// <summary>Creates a cache.</summary>
    /// <param name="budget">The bytes of parsed footers and plans kept at most, estimated.</param>
    public FooterCache(long budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        _budget = budget;
    }

    /// <summary>The cache sources share: a thirty-second of the memory the process may use, at most 256 MiB.</summary>
    public static FooterCache Shared { get; } = new(Math.Min(256L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 32));

    /// <summary>The bytes kept at most; lowering it lets footers go as the next one is kept. Tests set it.</summary>
    internal long Budget
    {
        get
        {
            lock (_lock)
            {
                return _budget;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_lock)
            {
                _budget = value;
            }
        }
    }

    /// <summary>The estimated bytes kept now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The footer <paramref name="slot"/> holds, marked as used now; null when it was never kept or was let go.</summary>
    public FileMetadata? Footer(Slot slot)
    {
        lock (_lock)
        {
            if (slot.Footer is not null)
            {
                Touch(slot);
            }

            return slot.Footer;
        }
    }

    /// <summary>Keeps <paramref name="footer"/> in <paramref name="slot"/>, unless it holds one already.</summary>
    public void Remember(Slot slot, FileMetadata footer)
    {
        lock (_lock)
        {
            if (slot.Footer is not null)
            {
                return;
            }

            slot.Footer = footer;
            Grow(slot, EstimateBytes(footer));
        }
    }

    /// <summary>The plan of row group <paramref name="index"/> kept in <paramref name="slot"/> for <paramref name="filter"/>; null when none is.</summary>
    public RowGroupPlan? Plan(Slot slot, object filter, int index)
    {
        lock (_lock)
        {
            if (slot.Footer is null || !ReferenceEquals(slot.PlansFilter, filter) || !slot.Plans.TryGetValue(index, out RowGroupPlan? plan))
            {
                return null;
            }

            Touch(slot);
            return plan;
        }
    }

    /// <summary>Keeps <paramref name="plan"/> beside the footer in <paramref name="slot"/>, for <paramref name="filter"/> (a plan of another filter is dropped).</summary>
    public void Remember(Slot slot, object filter, int index, RowGroupPlan plan)
    {
        lock (_lock)
        {
            if (slot.Footer is null)
            {
                return;
            }

            if (!ReferenceEquals(slot.PlansFilter, filter))
            {
                Shrink(slot, slot.PlanBytes);
                slot.Plans.Clear();
                slot.PlanBytes = 0;
                slot.PlansFilter = filter;
            }

            if (slot.Plans.TryAdd(index, plan))
            {
                long bytes = EstimateBytes(plan);
                slot.PlanBytes += bytes;
                Grow(slot, bytes);
            }
        }
    }

    /// <summary>A footer's parsed size, roughly: its column chunks' records, schema and key-value metadata.</summary>
    internal static long EstimateBytes(FileMetadata footer)
    {
        long bytes = 256 + (footer.Schema.Elements.Count * 256L);
        foreach (RowGroupMetadata group in footer.RowGroups)
        {
            bytes += 128 + (group.Columns.Count * 512L);
        }

        foreach (KeyValuePair<string, string?> pair in footer.KeyValues)
        {
            bytes += 64 + (2L * (pair.Key.Length + (pair.Value?.Length ?? 0)));
        }

        return bytes;
    }

    private static long EstimateBytes(RowGroupPlan plan)
    {
        long bytes = 128 + (plan.Ranges.Count * 32L);
        foreach (OffsetIndex? index in plan.OffsetIndexes)
        {
            bytes += index is null ? 8 : 64 + (index.PageCount * 20L);
        }

        return bytes;
    }

    private void Touch(Slot slot)
    {
        if (slot.Node is { } node && node != _recent.First)
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
        }
    }

    private void Grow(Slot slot, long bytes)
    {
        slot.Bytes += bytes;
        _bytes += bytes;
        if (slot.Node is null)
        {
            slot.Node = _recent.AddFirst(slot);
        }
        else
        {
            Touch(slot);
        }

        // The slot just used is let go last: a footer larger than the whole budget is still kept while it is read.
        while (_bytes > _budget && _recent.Last is { } oldest && oldest.Value != slot)
        {
            Forget(oldest.Value);
        }
    }

    private void Shrink(Slot slot, long bytes)
    {
        slot.Bytes -= bytes;
        _bytes -= bytes;
    }

    private void Forget(Slot slot)
    {
        _recent.Remove(slot.Node!);
        slot.Node = null;
        _bytes -= slot.Bytes;
        slot.Bytes = 0;
        slot.Footer = null;
        slot.Plans.Clear();
        slot.PlanBytes = 0;
        slot.PlansFilter = null;
    }

    /// <summary>One source's place in the cache: what it keeps there, guarded by the cache's lock.</summary>
    internal sealed class Slot
    {
        internal FileMetadata? Footer { get; set; }

        internal Dictionary<int, RowGroupPlan> Plans { get; } = [];

        internal object? PlansFilter { get; set; }

        internal long PlanBytes { get; set; }

        internal long Bytes { get; set; }

        internal LinkedListNode<Slot>? Node { get; set; }
    }
}
