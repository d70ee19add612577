namespace Alimentar;

/// <summary>A column marked OPTIONAL held a null where the row type's member cannot hold one.</summary>
public sealed class UnexpectedNullException : RowValueException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file, the column, the row group and the row.</param>
    public UnexpectedNullException(string message)
        : base(message)
    {
    }
}
