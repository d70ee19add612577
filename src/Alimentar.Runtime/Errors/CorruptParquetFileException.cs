namespace Alimentar;

/// <summary>The file is not valid Parquet, or its bytes disagree with its own metadata.</summary>
public sealed class CorruptParquetFileException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file, and the column and row group where known.</param>
    /// <param name="innerException">The decoder's own error, when there is one.</param>
    public CorruptParquetFileException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

}
