namespace Alimentar.ParquetBinding;

/// <summary>Turns what Parquet.Net and the stream throw into Alimentar's exceptions, naming file, column and row group.</summary>
internal static class ParquetErrors
{
    /// <summary>True for errors to translate; cancellation and our own errors pass through untouched.</summary>
    public static bool ShouldTranslate(Exception error) =>
        error is not OperationCanceledException and not AlimentarException;

    public static AlimentarException Translate(Exception error, string fileName, int? rowGroup = null, string? column = null, string? codec = null)
    {
        string where = $"'{fileName}'"
            + (rowGroup is { } g ? $", row group {g}" : string.Empty)
            + (column is null ? string.Empty : $", column '{column}'")
            + (codec is null ? string.Empty : $" ({codec})");
        return error switch
        {
            NotSupportedException => new UnsupportedParquetFeatureException($"Cannot read {where}: {error.Message}", error) { FilePath = fileName },
            _ when IsEncryption(error) => new UnsupportedParquetFeatureException($"Cannot read {where}: the file is encrypted, which is not supported ({error.Message})", error) { FilePath = fileName },
            _ => new CorruptParquetFileException($"Cannot read {where}: it could not be decoded; the file is corrupt or uses something the decoder does not support ({Describe(error)})", error)
            {
                FilePath = fileName,
                RowGroup = rowGroup,
                ColumnName = column,
            },
        };
    }

    private static bool IsEncryption(Exception error) =>
        error.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("PARE", StringComparison.Ordinal);

    private static string Describe(Exception error) => error switch
    {
        EndOfStreamException => "it ends before its metadata says it should",
        OutOfMemoryException => "a length in the file is larger than the file could hold",
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}
