namespace Alimentar;

/// <summary>A file's schema does not fit the row type: a column is missing, or its type or nullability cannot bind.</summary>
public sealed class SchemaMismatchException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file, the column, what was expected and what was found.</param>
    public SchemaMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>What the row type expected, in words.</summary>
    public string? Expected { get; init; }

    /// <summary>What the file holds, in words.</summary>
    public string? Found { get; init; }
}
