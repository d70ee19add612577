namespace Alimentar.Parquet.Writing;

/// <summary>
/// A decimal a column's DECIMAL cannot hold, found as a writer takes the column's values: the Parquet column writer
/// turns it into an <see cref="OverflowException"/> naming the member and the row, the Arrow batch builder one naming
/// the member.
/// </summary>
/// <param name="row">For the Parquet writer, the row counted from the slice's first; for Arrow's, the value's index in its array.</param>
/// <param name="reason">Why the value does not fit.</param>
internal sealed class DecimalMisfitException(int row, string reason) : OverflowException(reason)
{
    /// <summary>For the Parquet writer, the row counted from the slice's first; for Arrow's, the value's index in its array.</summary>
    public int Row { get; } = row;
}
