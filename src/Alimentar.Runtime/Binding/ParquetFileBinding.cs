namespace Alimentar.Binding;

/// <summary>What one pass over one file keeps while it reads row groups: the bound columns and, per string column, its pool.</summary>
internal sealed class ParquetFileBinding
{
    private readonly StringPool?[] _stringPools;

    // stringPools: one slot per column, shared by every reader of a pass so each repeated value is one string.
    public ParquetFileBinding(string fileName, RowSchema rowSchema, BoundColumn[] columns, StringPool?[]? stringPools = null)
    {
        FileName = fileName;
        RowSchema = rowSchema;
        Columns = columns;
        _stringPools = stringPools ?? new StringPool?[columns.Length];
    }

    public string FileName { get; }

    public RowSchema RowSchema { get; }

    public BoundColumn[] Columns { get; }

    /// <summary>The column's string pool, shared by every row group of the file so repeats across row groups are pooled too.</summary>
    public StringPool StringPoolFor(int column)
    {
        StringPool? pool = Volatile.Read(ref _stringPools[column]);
        if (pool is null)
        {
            Interlocked.CompareExchange(ref _stringPools[column], new StringPool(), null);
            pool = _stringPools[column]!;
        }

        return pool;
    }
}
