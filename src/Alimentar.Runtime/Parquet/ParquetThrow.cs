namespace Alimentar.ParquetBinding;

/// <summary>
/// The errors reading a file raises about its values, built in one place so that every message names
/// the file, row group, column and row the same way.
/// </summary>
internal static class ParquetThrow
{
    public static CorruptParquetFileException Corrupt(string fileName, int rowGroup, string column, string problem) =>
        new($"Cannot read '{fileName}', row group {rowGroup}, column '{column}': {problem}.")
        {
            FilePath = fileName,
            RowGroup = rowGroup,
            ColumnName = column,
        };

    public static UnexpectedNullException UnexpectedNull(ParquetFileBinding binding, BoundColumn bound, int rowGroup, long row, string what = "is null")
    {
        string message = $"Null in '{binding.FileName}', row group {rowGroup}, column '{bound.FileColumnName}', row {row}: the value {what}, "
            + $"but member {binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName} ({bound.Descriptor.Type}) does not accept null there; declare it nullable to accept nulls.";
        return new(message)
        {
            FilePath = binding.FileName,
            ColumnName = bound.FileColumnName,
            RowGroup = rowGroup,
            Row = row,
        };
    }

    /// <summary>A value the member's type cannot hold: a narrowing that overflows, a timestamp outside <see cref="DateTime"/>'s range, a time past midnight.</summary>
    public static AlimentarException Misfit(ParquetFileBinding binding, BoundColumn bound, int rowGroup, long row) =>
        new($"The value in '{binding.FileName}', row group {rowGroup}, column '{bound.FileColumnName}' ({ParquetSchemaBinder.Describe(bound.Field)}), row {row} "
            + $"does not fit member {binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName} ({bound.Descriptor.Type}).")
        {
            FilePath = binding.FileName,
        };
}
