using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// Writing <see cref="ParquetVariant"/> values: each is a VARIANT group of its <c>metadata</c> and <c>value</c>
/// binaries (unshredded, as Spark writes them), so variants are handed to the record shredder as records of the two.
/// </summary>
internal static class VariantRecords
{
    /// <summary>The group a variant is written as: the member's name and nullability, its two binaries as fields.</summary>
    public static ColumnDescriptor Group(ColumnDescriptor variant) => variant with
    {
        Type = ColumnType.Group,
        Fields =
        [
            new ColumnDescriptor("metadata", "Metadata", ColumnType.Binary, IsNullable: false) { HasExplicitName = true },
            new ColumnDescriptor("value", "Value", ColumnType.Binary, IsNullable: false) { HasExplicitName = true },
        ],
    };

    /// <summary>A member's variants as records: node 0 the group, null where the variant is.</summary>
    public static RecordColumn Of(ReadOnlySpan<ParquetVariant?> variants)
    {
        var nodes = new List<RecordColumnNode>();
        Add(nodes, variants);
        return Records(variants.Length, nodes);
    }

    /// <summary>A member's lists of variants as records: node 0 the list, node 1 the element group.</summary>
    public static RecordColumn Of<T>(ListColumn<T> lists, Func<T, ParquetVariant?> variant)
    {
        var offsets = new int[lists.Count + 1];
        var nulls = new bool[lists.Count];
        var elements = new ParquetVariant?[lists.ValueCount];
        ReadOnlySpan<T> values = lists.Values;
        for (int i = 0; i < values.Length; i++)
        {
            elements[i] = variant(values[i]);
        }

        for (int row = 0; row < lists.Count; row++)
        {
            nulls[row] = lists.IsNull(row);
            offsets[row + 1] = offsets[row] + lists.LengthOf(row);
        }

        var nodes = new List<RecordColumnNode> { new(lists.Count, [1]) { Offsets = offsets, NullLists = nulls } };
        Add(nodes, elements);
        return Records(lists.Count, nodes);
    }

    /// <summary>
    /// Records whose fields, list elements or map values hold variants, each variant leaf turned into its group of two
    /// binaries and the nodes renumbered depth first, as the write schema numbers them; the records themselves when none do.
    /// </summary>
    public static RecordColumn Expand(RecordColumn records)
    {
        IReadOnlyList<RecordColumnNode> nodes = records.Nodes;
        if (!nodes.Any(n => n.Values is ParquetVariant?[]))
        {
            return records;
        }

        var expanded = new List<RecordColumnNode>();
        Renumber(0);
        return Records(records.Rows, expanded);

        int Renumber(int node)
        {
            RecordColumnNode old = nodes[node];
            if (old.Values is ParquetVariant?[] variants)
            {
                return Add(expanded, variants.AsSpan(0, old.Entries));
            }

            int self = expanded.Count;
            expanded.Add(old);
            int[] children = new int[old.Children.Length];
            for (int i = 0; i < children.Length; i++)
            {
                children[i] = Renumber(old.Children[i]);
            }

            expanded[self] = old with { Children = children };
            return self;
        }
    }

    /// <summary>Adds a group of two binaries holding <paramref name="variants"/>; returns the group's node.</summary>
    private static int Add(List<RecordColumnNode> nodes, ReadOnlySpan<ParquetVariant?> variants)
    {
        var presence = new byte[variants.Length];
        var metadata = new byte[]?[variants.Length];
        var value = new byte[]?[variants.Length];
        for (int i = 0; i < variants.Length; i++)
        {
            if (variants[i] is { } variant)
            {
                presence[i] = 1;
                metadata[i] = Bytes(variant.Metadata);
                value[i] = Bytes(variant.Value);
            }
        }

        int group = nodes.Count;
        nodes.Add(new RecordColumnNode(variants.Length, [group + 1, group + 2]) { Presence = presence });
        nodes.Add(new RecordColumnNode(variants.Length, []) { Values = metadata });
        nodes.Add(new RecordColumnNode(variants.Length, []) { Values = value });
        return group;
    }

    /// <summary>The bytes as an array of their own: the array itself when the memory is a whole one.</summary>
    private static byte[] Bytes(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private static RecordColumn Records(int rows, List<RecordColumnNode> nodes) =>
        new(rows, [.. nodes], static (row, node, what) => new InvalidOperationException($"Row {row}: node {node} {what}."));
}
