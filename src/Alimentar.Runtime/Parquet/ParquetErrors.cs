namespace Alimentar.ParquetBinding;

/// <summary>Turns what a decoder or the stream throws into Alimentar's exceptions, naming file, row group, column and page.</summary>
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
}
