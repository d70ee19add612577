namespace Alimentar;

/// <summary>
/// A value the row type's member cannot hold: a narrowing that overflows (an INT64 into an <c>int</c>), a
/// timestamp outside <see cref="DateTime"/>'s range (an INT96 from a year past 9999), a decimal wider than
/// <see cref="decimal"/>. Declare the member wider (<c>long</c>, <see cref="DateTimeOffset"/>...) to read it.
/// </summary>
public sealed class ValueOutOfRangeException : RowValueException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file, the column, the row group (or Arrow record batch), the row and the member.</param>
    public ValueOutOfRangeException(string message)
        : base(message)
    {
    }

    /// <summary>The member that cannot hold the value, with its type.</summary>
    public string? Member { get; init; }
}
