namespace Alimentar;

/// <summary>
/// A value the row type's member cannot hold: a narrowing that overflows (an INT64 into an <c>int</c>), a
/// timestamp outside <see cref="DateTime"/>'s range (an INT96 from a year past 9999), a decimal wider than
/// <see cref="decimal"/>. Declare the member wider (<c>long</c>, <see cref="DateTimeOffset"/>...) to read it.
/// </summary>
public sealed class ValueOutOfRangeException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file, the column, the row group (or Arrow record batch), the row and the member.</param>
    public ValueOutOfRangeException(string message)
        : base(message)
    {
    }

    /// <summary>The column that held the value.</summary>
    public string? ColumnName { get; init; }

    /// <summary>The Parquet row group, or the Arrow record batch, counting from zero.</summary>
    public int RowGroup { get; init; }

    /// <summary>The row within the row group or record batch, counting from zero.</summary>
    public long Row { get; init; }

    /// <summary>The member that cannot hold the value, with its type.</summary>
    public string? Member { get; init; }
}
