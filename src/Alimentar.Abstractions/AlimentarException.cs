namespace Alimentar;

/// <summary>The base of every error Alimentar raises about data: catch this to handle them all.</summary>
public class AlimentarException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, naming the file, column and row group where known.</param>
    public AlimentarException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong, naming the file, column and row group where known.</param>
    /// <param name="innerException">The underlying error.</param>
    public AlimentarException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    // Every error says where it lies in the same shape, so a handler reads one set of properties whatever it caught.

    /// <summary>The file (or stream description) the error is about, when there is one.</summary>
    public string? FilePath { get; init; }

    /// <summary>The column the error is about, when there is one: as the file spells it, or the row type's for a schema mismatch.</summary>
    public string? ColumnName { get; init; }

    /// <summary>The Parquet row group, or the Arrow record batch, counting from zero, when known.</summary>
    public int? RowGroup { get; init; }

    /// <summary>The row within the row group or record batch, counting from zero, when known.</summary>
    public long? Row { get; init; }
}
