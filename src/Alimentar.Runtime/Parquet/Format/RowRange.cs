namespace Alimentar.Parquet.Format;

/// <summary>Rows <see cref="Start"/> to <see cref="Start"/> + <see cref="Count"/> of a row group.</summary>
internal readonly record struct RowRange(long Start, long Count)
{
    public long End => Start + Count;
}
