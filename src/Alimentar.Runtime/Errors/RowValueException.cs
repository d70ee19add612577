namespace Alimentar;

/// <summary>
/// One value of one row cannot be handed to the row type. Its <see cref="AlimentarException.ColumnName"/>,
/// <see cref="AlimentarException.RowGroup"/> and <see cref="AlimentarException.Row"/> are always set, for code that reports or skips it.
/// </summary>
public abstract class RowValueException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file, the column, the row group and the row.</param>
    protected RowValueException(string message)
        : base(message)
    {
    }
}
