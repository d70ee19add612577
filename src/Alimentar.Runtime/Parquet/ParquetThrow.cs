namespace Alimentar.ParquetBinding;

/// <summary>The value errors of reading a Parquet file, phrased through <see cref="AlimentarThrow"/> from what a bound column knows.</summary>
internal static class ParquetThrow
{
    public static CorruptParquetFileException Corrupt(string fileName, int rowGroup, string column, string problem) =>
        AlimentarThrow.Corrupt(fileName, problem, rowGroup, column);

    public static UnexpectedNullException UnexpectedNull(ParquetFileBinding binding, BoundColumn bound, int rowGroup, long row, string what = "is null") =>
        AlimentarThrow.UnexpectedNull(binding.FileName, rowGroup, bound.FileColumnName, row, what, Member(binding, bound), bound.Descriptor.Type);

    /// <summary>A value the member's type cannot hold: a narrowing that overflows, a timestamp outside <see cref="DateTime"/>'s range, a time past midnight.</summary>
    public static ValueOutOfRangeException Misfit(ParquetFileBinding binding, BoundColumn bound, int rowGroup, long row) =>
        AlimentarThrow.Misfit(
            binding.FileName,
            AlimentarThrow.Where(binding.FileName, rowGroup, bound.FileColumnName, ParquetSchemaBinder.Describe(bound.Field)),
            bound.FileColumnName,
            rowGroup,
            row,
            $"{Member(binding, bound)} ({bound.Descriptor.Type})");

    private static string Member(ParquetFileBinding binding, BoundColumn bound) => $"{binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName}";
}
