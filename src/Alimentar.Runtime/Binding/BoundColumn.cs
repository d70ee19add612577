
namespace Alimentar.Binding;

/// <summary>A row-type column bound to the file column that fills it, with how values convert.</summary>
internal sealed record BoundColumn(ColumnDescriptor Descriptor, LeafColumn Field, FileValueKind FileKind)
{
    private readonly ColumnDescriptor? _leafDescriptor;
    private FileColumnType? _fileType;

    /// <summary>The file column's physical and logical type as the member reads it (<see cref="FileColumnType.ReadInto"/>): how its pages decode.</summary>
    public FileColumnType FileType => _fileType ??= FileColumnType.Of(Field.Element).ReadInto(LeafDescriptor.Type);

    /// <summary>True when the file can hold nulls here (the column is OPTIONAL).</summary>
    public bool FileIsNullable => Field.MaxDefinitionLevel > 0;

    /// <summary>True for a member whose column the file lacks, read as null in every row (<see cref="MissingMember"/>).</summary>
    public bool IsAbsent => Field.Index == MissingMember.NotInFile;

    /// <summary>For a member the file lacks that its path gives (<see cref="HivePartition"/>): the value every row holds.</summary>
    public PartitionValue? Partition { get; init; }

    /// <summary>The file column's path, as it is spelled there ('/' between the parts of a nested column).</summary>
    public string FileColumnName => Field.Path.ToString();

    /// <summary>
    /// For a record member or a list of records: how its leaves bind. <see cref="Field"/> is then its first leaf,
    /// read through this column's chunk; the others are bound columns of their own after the row type's.
    /// </summary>
    public RecordBinding? Record { get; init; }

    /// <summary>For a <see cref="ParquetVariant"/> member: how its VARIANT group's nodes make variants (<see cref="Record"/> reads them).</summary>
    public VariantShape? Variant { get; init; }

    /// <summary>
    /// For a leaf of a record member: the members from the row's to the leaf's (<c>Meta.Cover.Path</c>), so that a value
    /// the leaf's member cannot hold is reported against that member, not against the record.
    /// </summary>
    public string? LeafMemberPath { get; init; }

    /// <summary>For a leaf of a record member: the descriptor of the leaf (this column's own descriptor is the record's).</summary>
    public ColumnDescriptor LeafDescriptor
    {
        get => _leafDescriptor ?? Descriptor;
        init => _leafDescriptor = value;
    }
}
