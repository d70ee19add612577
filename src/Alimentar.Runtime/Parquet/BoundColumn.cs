using Parquet.Schema;

namespace Alimentar.ParquetBinding;

/// <summary>A row-type column bound to the file column that fills it, with how values convert.</summary>
internal sealed record BoundColumn(ColumnDescriptor Descriptor, DataField Field, FileValueKind FileKind)
{
    /// <summary>The file column's physical and logical type: how its pages decode.</summary>
    public FileColumnType FileType { get; } = FileColumnType.Of(Field.SchemaElement ?? throw new InvalidDataException($"column '{Field.Name}' has no schema element"));

    /// <summary>True when the file can hold nulls here (the column is OPTIONAL).</summary>
    public bool FileIsNullable => Field.MaxDefinitionLevel > 0;

    /// <summary>The file's column name, as it is spelled there.</summary>
    public string FileColumnName => Field.Name;
}
