namespace Alimentar.Parquet.Writing;

/// <summary>What a node of a written column is: a group, a list (or map) or a leaf.</summary>
internal enum WriteNodeKind
{
    Group,
    List,
    Leaf,
}

/// <summary>
/// One node of a row-type column as it is written, numbered as <see cref="RecordColumn"/> numbers its nodes (a group,
/// then its fields; a list, then its element). Levels are those of the node's entries when they are present: a list's
/// elements sit one definition level deeper and repeat at <see cref="Repetition"/>.
/// </summary>
/// <param name="Kind">Group, list or leaf.</param>
/// <param name="Optional">Whether an entry may be null (an OPTIONAL node); a present entry then adds a definition level.</param>
/// <param name="Definition">The definition level of a present entry.</param>
/// <param name="Repetition">A list: the repetition level of its elements after the first; else the level of the list around it.</param>
/// <param name="Children">A group's fields, or a list's element.</param>
/// <param name="Leaf">A leaf: its index among the file's leaf columns; else -1.</param>
/// <param name="Descriptor">The member, field or element the node comes from.</param>
internal sealed record WriteNode(WriteNodeKind Kind, bool Optional, int Definition, int Repetition, WriteNode[] Children, int Leaf, ColumnDescriptor Descriptor);
