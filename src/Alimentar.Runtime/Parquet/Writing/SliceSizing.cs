namespace Alimentar.Parquet.Writing;

/// <summary>
/// How much a writer's slice of rows holds in bytes. Rows of lists or long texts fill a slice's bytes long before its
/// rows: 65,536 rows of token lists are 75M values, and a slice's value and level arrays that size are past what the
/// pools keep, so every slice allocated them anew. A slice of rows also ends at <see cref="MaxBytes"/>, measured as
/// rows arrive, and a batch is written in stretches of about that many bytes.
/// </summary>
internal static class SliceSizing
{
    public const int MaxBytes = 16 << 20;

    /// <summary>Rows are measured this many at a time, each once.</summary>
    public const int RowsPerMeasure = 64;

    /// <summary>How many of <paramref name="count"/> rows holding <paramref name="bytes"/> to encode at once: about <see cref="MaxBytes"/> of them, at least one.</summary>
    public static int StretchRows(long bytes, int count) =>
        bytes <= MaxBytes ? count : (int)Math.Clamp((long)count * MaxBytes / bytes, 1, count);
}
