namespace Alimentar;

/// <summary>A source cannot be opened: the path is missing, is a directory, or cannot be read.</summary>
public sealed class SourceUnavailableException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the path and the reason.</param>
    /// <param name="innerException">The I/O error, when there is one.</param>
    public SourceUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
