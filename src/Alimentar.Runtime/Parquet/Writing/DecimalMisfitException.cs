namespace Alimentar.Parquet.Writing;

/// <summary>
/// A decimal a leaf's DECIMAL cannot hold, found as the leaf takes a slice's values, while the row is still known: the
/// column writer turns it into an <see cref="OverflowException"/> naming the member and the row.
/// </summary>
/// <param name="row">The row, counted from the slice's first.</param>
/// <param name="reason">Why the value does not fit.</param>
internal sealed class DecimalMisfitException(int row, string reason) : OverflowException(reason)
{
    /// <summary>The row, counted from the slice's first.</summary>
    public int Row { get; } = row;
}
