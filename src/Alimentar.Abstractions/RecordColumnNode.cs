namespace Alimentar;

/// <summary>
/// One group, list or leaf of a <see cref="RecordColumn"/>: its entries and what the batch holds for each.
/// Exactly one of <see cref="Presence"/> (a group), <see cref="Offsets"/> (a list) and <see cref="Values"/> (a leaf) is set.
/// This type supports generated code and is not meant to be used directly.
/// </summary>
/// <param name="Entries">
/// How many entries the node has in the batch: the rows for a node outside any list, else the elements of every
/// list above it. A group's fields have its entries; a list's element has as many as the list's offsets reach.
/// </param>
/// <param name="Children">A group's fields, or a list's element: node indexes; empty for a leaf.</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed record RecordColumnNode(int Entries, int[] Children)
{
    /// <summary>For a group: per entry, 1 where the group is present.</summary>
    public byte[]? Presence { get; init; }

    /// <summary>For a list: <c>Entries + 1</c> offsets into the element's entries.</summary>
    public int[]? Offsets { get; init; }

    /// <summary>For a list: per entry, true where the list is null.</summary>
    public bool[]? NullLists { get; init; }

    /// <summary>For a leaf: one value per entry, a <c>T?[]</c> for a value type or a <c>T[]</c> of references (null where absent).</summary>
    public Array? Values { get; init; }
}
