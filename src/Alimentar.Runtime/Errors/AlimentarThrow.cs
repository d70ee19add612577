namespace Alimentar.Errors;

/// <summary>
/// Every data error the runtime raises is built here, so each message names the file, row group, column
/// and row the same way: <c>Cannot read 'file', row group 2, column 'x': what is wrong.</c>
/// </summary>
internal static class AlimentarThrow
{
    /// <summary>Where an error is: <c>'file', row group 2, column 'x' (page 3, SNAPPY)</c>, as much of it as is known.</summary>
    public static string Where(string file, int? rowGroup = null, string? column = null, string? detail = null) =>
        $"'{file}'" + (rowGroup is { } g ? $", row group {g}" : string.Empty) + (column is null ? string.Empty : $", column '{column}'")
        + (detail is null ? string.Empty : $" ({detail})");

    /// <summary>The file, directory or stream cannot be had at all.</summary>
    public static SourceUnavailableException Unavailable(string path, string problem, Exception? inner = null) =>
        new($"Cannot read '{path}': {problem}.", inner) { FilePath = path };

    /// <summary>A source that is not in the format it was opened as (an Arrow stream that is not one).</summary>
    public static AlimentarException Unreadable(string name, string problem, Exception? inner = null) =>
        new($"Cannot read '{name}': {problem}.", inner) { FilePath = name };

    /// <summary>The bytes disagree with the format or with their own metadata.</summary>
    public static CorruptParquetFileException Corrupt(string file, string problem, int? rowGroup = null, string? column = null, Exception? inner = null, string? detail = null) =>
        new($"Cannot read {Where(file, rowGroup, column, detail)}: {problem}.", inner)
        {
            FilePath = file,
            RowGroup = rowGroup,
            ColumnName = column,
        };

    /// <summary>Valid Parquet that uses something Alimentar does not read (encryption, nested lists, ...).</summary>
    public static UnsupportedParquetFeatureException Unsupported(string file, string problem, int? rowGroup = null, string? column = null, Exception? inner = null, string? detail = null) =>
        new($"Cannot read {Where(file, rowGroup, column, detail)}: {problem}.", inner)
        {
            FilePath = file,
            RowGroup = rowGroup,
            ColumnName = column,
        };

    /// <summary>A value the member's type cannot hold (a narrowing that overflows, a timestamp outside <see cref="DateTime"/>'s range).</summary>
    /// <param name="file">The file.</param>
    /// <param name="where">The file, row group or batch, and column, as <see cref="Where"/> phrases them.</param>
    /// <param name="column">The column.</param>
    /// <param name="rowGroup">The row group or record batch.</param>
    /// <param name="row">The row within it.</param>
    /// <param name="member">The member and its type.</param>
    /// <param name="remedy">What the user can do instead; by default, declare the member wider.</param>
    public static ValueOutOfRangeException Misfit(string file, string where, string column, int rowGroup, long row, string member, string? remedy = null) =>
        new($"The value in {where}, row {row} does not fit member {member}; {remedy ?? "declare the member wider to read it"}.")
        {
            FilePath = file,
            ColumnName = column,
            RowGroup = rowGroup,
            Row = row,
            Member = member,
        };

    /// <summary>A null where the member does not accept one.</summary>
    public static UnexpectedNullException UnexpectedNull(string file, int rowGroup, string column, long row, string what, string member, ColumnType type) =>
        new($"Null in {Where(file, rowGroup, column)}, row {row}: the value {what}, but member {member} ({type}) does not accept null there; declare it nullable to accept nulls.")
        {
            FilePath = file,
            ColumnName = column,
            RowGroup = rowGroup,
            Row = row,
        };

    /// <summary>A file column that cannot fill a member: the binder's error, for Parquet and Arrow alike.</summary>
    public static SchemaMismatchException Mismatch(string file, RowSchema rowSchema, ColumnDescriptor column, string expected, string found, string? remedy = null) =>
        new($"Schema mismatch in '{file}', column '{column.Name}' (member {rowSchema.RowTypeName}.{column.MemberName}): expected {expected}, found {found}"
            + (remedy is null ? "." : $"; {remedy}."))
        {
            FilePath = file,
            ColumnName = column.Name,
            Expected = expected,
            Found = found,
        };
}
