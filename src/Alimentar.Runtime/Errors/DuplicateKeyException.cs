namespace Alimentar;

/// <summary>A map in the file holds one key twice in a row, which a dictionary member cannot hold: named by file, column, row group and row.</summary>
public sealed class DuplicateKeyException : RowValueException
{
    /// <summary>Creates the exception with its message; the location is set by the reader that found it.</summary>
    /// <param name="message">What was found, where.</param>
    public DuplicateKeyException(string message)
        : base(message)
    {
    }

    /// <summary>The key met twice, as text.</summary>
    public string? Key { get; init; }
}
