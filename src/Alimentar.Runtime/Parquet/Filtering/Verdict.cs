namespace Alimentar.Parquet.Filtering;

/// <summary>
/// What statistics allow a filter to be over some rows: whether some row may pass it and whether some row
/// may fail it. Both stay true unless the statistics rule them out, so a verdict errs toward reading.
/// </summary>
internal readonly record struct Verdict(bool MayPass, bool MayFail)
{
    public static readonly Verdict Unknown = new(true, true);

    public static Verdict And(Verdict left, Verdict right) => new(left.MayPass && right.MayPass, left.MayFail || right.MayFail);

    public static Verdict Or(Verdict left, Verdict right) => new(left.MayPass || right.MayPass, left.MayFail && right.MayFail);

    public Verdict Not() => new(MayFail, MayPass);
}
