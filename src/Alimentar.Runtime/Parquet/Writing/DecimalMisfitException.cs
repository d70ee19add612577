namespace Alimentar.Parquet.Writing;

/// <summary>
/// A decimal a column's DECIMAL cannot hold, found as a writer takes the column's values: the Parquet column writer and
/// the Arrow batch builder turn it into an <see cref="OverflowException"/> naming the member and the row.
/// </summary>
/// <param name="row">For the Parquet writer, the row counted from the slice's first; for Arrow's, the value's index in the array being built, which each list level renumbers until it is the batch's row.</param>
/// <param name="reason">Why the value does not fit.</param>
internal sealed class DecimalMisfitException(int row, string reason) : OverflowException(reason)
{
    /// <summary>For the Parquet writer, the row counted from the slice's first; for Arrow's, the value's index in the array being built, which each list level renumbers until it is the batch's row.</summary>
    public int Row { get; } = row;
}
