namespace Alimentar.Binding;

/// <summary>
/// How a member that holds records (a record, a list or map of them, at any depth) binds to the file: the file
/// leaf of each of its leaves, and a node per group, list and leaf of the member's type, numbered depth first
/// from 0 (the member itself) as the generated code numbers them.
/// </summary>
/// <param name="LeafColumns">Per leaf, its index among the binding's columns (the first is the member's own).</param>
/// <param name="Nodes">The member's type as a tree of groups, lists and leaves, depth first.</param>
internal sealed record RecordBinding(int[] LeafColumns, RecordNode[] Nodes)
{
    /// <summary>The leaves of fields the file's groups lack, read as null (<see cref="ParquetReadOptions.MissingColumnsAsNull"/>).</summary>
    public IReadOnlyList<AbsentField> AbsentFields { get; init; } = [];
}

/// <summary>
/// A leaf of a nullable record field that the file's group lacks. It has no levels of its own: it takes those of a
/// present leaf of the same group (<paramref name="Mirror"/>), one slot per entry of the group, each defined at most
/// to the group (<paramref name="Definition"/>), so the field is null wherever the group is present and the group's
/// nulls and lists stay as the file has them.
/// </summary>
/// <param name="Leaf">The absent leaf.</param>
/// <param name="Mirror">The present leaf under the same group whose levels give the entries.</param>
/// <param name="Definition">The definition level at which the group is present.</param>
/// <param name="Depth">How many lists lie above the group.</param>
internal sealed record AbsentField(int Leaf, int Mirror, int Definition, int Depth);

/// <summary>What a node of a record member's type is.</summary>
internal enum RecordNodeKind
{
    /// <summary>A record, class or struct: a Parquet group; present or null per entry.</summary>
    Group,

    /// <summary>A list or map: per entry, a null list or a run of its element's entries.</summary>
    List,

    /// <summary>A value: one file leaf.</summary>
    Leaf,

    /// <summary>
    /// A <see cref="ParquetVariant"/>: a value to the member's type, a VARIANT group in the file, whose own nodes
    /// (<see cref="RecordNode.Variant"/>) are read beside the member's and made into one variant per entry.
    /// </summary>
    Variant,
}

/// <summary>One group, list or leaf of a record member's type, as the file's levels describe it.</summary>
/// <param name="Kind">What the node is.</param>
/// <param name="Depth">How many lists lie above the node's entries: 0 for entries that are rows.</param>
/// <param name="Leaf">The leaf whose levels give the node's entries: its own for a leaf, the first under it otherwise.</param>
/// <param name="Definition">For a group, the definition level at and above which it is present; for a leaf, at which its value is.</param>
/// <param name="List">For a list, its levels as its leaves see them.</param>
/// <param name="Children">A group's fields, or a list's element: node indexes.</param>
/// <param name="Name">The member path (<c>Messages.Spans</c>), for errors.</param>
internal sealed record RecordNode(RecordNodeKind Kind, int Depth, int Leaf, int Definition, ListLevel? List, int[] Children, string Name)
{
    /// <summary>For a variant: its group's nodes, numbered apart from the member's, and how they make variants.</summary>
    public VariantBinding? Variant { get; init; }
}

/// <summary>A VARIANT group's nodes as a record of its own (node 0 the group), and how they make variants.</summary>
/// <param name="Nodes">The group, its binaries and any shredded columns, depth first; their leaves are the member's.</param>
/// <param name="Shape">Which of the nodes is what.</param>
internal sealed record VariantBinding(RecordNode[] Nodes, VariantShape Shape);
