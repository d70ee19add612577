namespace Alimentar.ParquetBinding;

/// <summary>What one pass over one file keeps while it reads row groups: the bound columns and, per string column, its pool.</summary>
internal sealed class ParquetFileBinding
{
    private readonly StringPool?[] _stringPools;

    public ParquetFileBinding(string fileName, RowSchema rowSchema, BoundColumn[] columns)
    {
        FileName = fileName;
        RowSchema = rowSchema;
        Columns = columns;
        _stringPools = new StringPool?[columns.Length];
    }

    public string FileName { get; }

    public RowSchema RowSchema { get; }

    public BoundColumn[] Columns { get; }

    /// <summary>The column's string pool, shared by every row group of the file so repeats across row groups are pooled too.</summary>
    public StringPool StringPoolFor(int column) => _stringPools[column] ??= new StringPool();
}
