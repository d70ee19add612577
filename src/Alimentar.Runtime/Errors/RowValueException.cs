namespace Alimentar;

/// <summary>One value of one row cannot be handed to the row type: where it lies, for code that reports or skips it.</summary>
public abstract class RowValueException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file, the column, the row group and the row.</param>
    protected RowValueException(string message)
        : base(message)
    {
    }

    /// <summary>The column that held the value.</summary>
    public string? ColumnName { get; init; }

    /// <summary>The Parquet row group, or the Arrow record batch, counting from zero.</summary>
    public int RowGroup { get; init; }

    /// <summary>The row within the row group or record batch, counting from zero.</summary>
    public long Row { get; init; }
}
