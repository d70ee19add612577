namespace Alimentar;

/// <summary>A column marked OPTIONAL held a null where the row type's member cannot hold one.</summary>
public sealed class UnexpectedNullException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file, the column, the row group and the row.</param>
    public UnexpectedNullException(string message)
        : base(message)
    {
    }

    /// <summary>The column that held the null.</summary>
    public string? ColumnName { get; init; }

    /// <summary>The row group, counting from zero.</summary>
    public int RowGroup { get; init; }

    /// <summary>The row within the row group, counting from zero.</summary>
    public long Row { get; init; }
}
