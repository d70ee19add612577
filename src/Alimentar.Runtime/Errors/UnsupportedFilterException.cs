namespace Alimentar;

/// <summary>
/// A <c>Where</c> filter holds something the Parquet reader cannot evaluate itself; thrown by <c>Where</c>,
/// before anything is read, so a filter never silently becomes a full read.
/// </summary>
public sealed class UnsupportedFilterException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the filter, the part refused and why.</param>
    /// <param name="part">The part of the expression that cannot be pushed down.</param>
    public UnsupportedFilterException(string message, string part)
        : base(message)
    {
        Part = part;
    }

    /// <summary>The part of the filter that cannot be pushed down, as the expression prints it.</summary>
    public string Part { get; }
}
