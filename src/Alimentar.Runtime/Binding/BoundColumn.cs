
namespace Alimentar.Binding;

/// <summary>A row-type column bound to the file column that fills it, with how values convert.</summary>
internal sealed record BoundColumn(ColumnDescriptor Descriptor, LeafColumn Field, FileValueKind FileKind)
{
    /// <summary>The file column's physical and logical type: how its pages decode.</summary>
    public FileColumnType FileType { get; } = FileColumnType.Of(Field.Element);

    /// <summary>True when the file can hold nulls here (the column is OPTIONAL).</summary>
    public bool FileIsNullable => Field.MaxDefinitionLevel > 0;

    /// <summary>The file column's path, as it is spelled there ('/' between the parts of a nested column).</summary>
    public string FileColumnName => Field.Path.ToString();
}
