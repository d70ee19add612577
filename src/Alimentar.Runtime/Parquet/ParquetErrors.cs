namespace Alimentar.Parquet;

/// <summary>
/// The Parquet layer's errors: the one boundary where what a decoder or the stream throws becomes Alimentar's
/// exceptions (naming file, row group, column and page), and the value errors phrased from what a bound
/// column knows. Messages themselves are shaped by <see cref="AlimentarThrow"/>.
/// </summary>
internal static class ParquetErrors
{
    /// <summary>True for errors to translate; cancellation and our own errors pass through untouched.</summary>
    public static bool ShouldTranslate(Exception error) =>
        error is not OperationCanceledException and not AlimentarException;

    /// <param name="error">What the decoder threw.</param>
    /// <param name="fileName">The file.</param>
    /// <param name="rowGroup">The row group, when known.</param>
    /// <param name="column">The column, when known.</param>
    /// <param name="detail">The page and codec, when known.</param>
    public static AlimentarException Translate(Exception error, string fileName, int? rowGroup = null, string? column = null, string? detail = null) =>
        error is NotSupportedException
            ? AlimentarThrow.Unsupported(fileName, error.Message.TrimEnd('.'), rowGroup, column, error, detail)
            : AlimentarThrow.Corrupt(fileName, $"it could not be decoded; the file is corrupt or uses something the decoder does not support ({Describe(error)})", rowGroup, column, error, detail);

    private static string Describe(Exception error) => error switch
    {
        EndOfStreamException => "it ends before its metadata says it should",
        OutOfMemoryException => "a length in the file is larger than the file could hold",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

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
            $"{binding.RowSchema.RowTypeName}.{bound.LeafMemberPath ?? bound.Descriptor.MemberName} ({bound.LeafDescriptor.Type})",
            Remedy(bound.FileType, bound.LeafDescriptor.Type));

    /// <summary>
    /// What reads a value no wider member of its kind holds. A timestamp past what <see cref="DateTime"/> holds (year 9999)
    /// has no wider .NET type, but what the file stores always reads: an INT64's integer into a <c>long</c> member, an
    /// INT96's twelve bytes into a <c>byte[]</c> one. A DECIMAL of more digits than <see cref="decimal"/> holds (28 to 29) reads
    /// exactly into a <c>string</c>. A bool member over an integer column reads only 0 and 1; an integer member reads the rest.
    /// </summary>
    private static string? Remedy(FileColumnType type, ColumnType member) => type.Kind switch
    {
        _ when member == ColumnType.Boolean && type.Kind.IsInteger() =>
            "a bool member reads 0 as false and 1 as true, and no other number; declare the member an integer to read it",
        FileValueKind.Decimal when member == ColumnType.Decimal =>
            "decimal holds 28 to 29 significant digits; declare the member string to read the value's exact digits",
        FileValueKind.DateTime => type.Physical switch
        {
            PhysicalType.Int64 => $"DateTime holds years 1 to 9999; declare the member long to read the stored {type.Unit.ToString().ToLowerInvariant()} since the Unix epoch",
            PhysicalType.Int96 => "DateTime holds years 1 to 9999; declare the member byte[] to read the twelve INT96 bytes stored (nanoseconds of the day, then the Julian day)",
            _ => null,
        },
        _ => null,
    };

    private static string Member(ParquetFileBinding binding, BoundColumn bound) => $"{binding.RowSchema.RowTypeName}.{bound.Descriptor.MemberName}";
}
