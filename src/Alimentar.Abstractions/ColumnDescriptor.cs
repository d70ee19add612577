namespace Alimentar;

/// <summary>One column of a row type: the member it fills, the Parquet name it binds to and its type.</summary>
/// <param name="Name">The Parquet column name: the member name, or the name given by <see cref="ParquetColumnAttribute"/>.</param>
/// <param name="MemberName">The C# member that holds the value.</param>
/// <param name="Type">The member's value type; for a list, the element type.</param>
/// <param name="IsNullable">Whether the member accepts null (a nullable value type or a nullable reference); for a list, whether the list may be null.</param>
public sealed record ColumnDescriptor(string Name, string MemberName, ColumnType Type, bool IsNullable)
{
    /// <summary>True when the name came from <see cref="ParquetColumnAttribute"/>: it then binds by exact name only.</summary>
    public bool HasExplicitName { get; init; }

    /// <summary>Decimal precision (total digits) used when writing; 0 when not a decimal.</summary>
    public int Precision { get; init; }

    /// <summary>Decimal scale (digits after the point) used when writing; 0 when not a decimal.</summary>
    public int Scale { get; init; }

    /// <summary>
    /// True for a <see cref="ColumnType.DateTime"/> written as a local (wall-clock) TIMESTAMP, not adjusted to UTC
    /// (<see cref="ParquetTimestampAttribute"/>): each value at the clock time it shows, whatever its kind.
    /// </summary>
    public bool IsLocalTimestamp { get; init; }

    /// <summary>True for a one-level list (<c>T[]</c>, <c>List&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>) of <see cref="Type"/>.</summary>
    public bool IsList { get; init; }

    /// <summary>For a list, whether its values (the innermost elements, for a list of lists) may be null.</summary>
    public bool ElementIsNullable { get; init; }

    /// <summary>How many lists deep a list member's values lie: 1 for <c>T[]</c>, 2 for <c>T[][]</c>; 0 for a scalar.</summary>
    public int ListDepth
    {
        get => IsList ? Math.Max(1, _listDepth) : 0;
        init => _listDepth = value;
    }

    private readonly int _listDepth;

    /// <summary>For a map (<c>Dictionary&lt;K, V&gt;</c>), or a list of maps: the innermost list holds its key-value pairs, <see cref="Fields"/> <c>key</c> and <c>value</c>.</summary>
    public bool IsMap { get; init; }

    /// <summary>
    /// For a record, class or struct member (<see cref="ColumnType.Group"/>), or a list of them: the fields of the
    /// nested type, bound by the same name rules inside the file's group; null for any other member.
    /// </summary>
    public IReadOnlyList<ColumnDescriptor>? Fields { get; init; }

    /// <summary>
    /// For a binary leaf that no member holds as a <c>byte[]</c> (a variant's binaries, which only
    /// <see cref="ParquetVariant"/> reads, as read-only memory): rows may share one array for a value they repeat.
    /// </summary>
    internal bool SharesBytes { get; init; }

    /// <inheritdoc />
    public override string ToString() => Fields is { } fields
        ? $"{Name} ({(IsList ? "List<" : string.Empty)}{{{string.Join(", ", fields)}}}{(IsList ? ">" : string.Empty)}{(IsNullable ? "?" : string.Empty)})"
        : IsList
        ? $"{Name} ({string.Concat(Enumerable.Repeat("List<", ListDepth))}{Type}{(ElementIsNullable ? "?" : string.Empty)}{new string('>', ListDepth)}{(IsNullable ? "?" : string.Empty)})"
        : $"{Name} ({Type}{(IsNullable ? "?" : string.Empty)})";
}
