namespace Alimentar.Parquet.Reading;

/// <summary>The levels of a batch's slots, copied out of their pages so a row may span two.</summary>
internal sealed class BatchLevels : IDisposable
{
    private byte[] _definitions = ColumnArrays<byte>.Pool.Rent(256);
    private byte[] _repetitions = ColumnArrays<byte>.Pool.Rent(256);
    private int _count;

    public int Rows { get; private set; }

    public ReadOnlySpan<byte> Definitions => _definitions.AsSpan(0, _count);

    public ReadOnlySpan<byte> Repetitions => _repetitions.AsSpan(0, _count);

    /// <summary>Copies the page's slots up to the start of row <paramref name="rows"/> + 1 (or the page's end); returns how many.</summary>
    public int TakeFromPage(ColumnChunkReader chunk, int rows)
    {
        ReadOnlySpan<byte> repetitions = chunk.Repetitions(chunk.PageSlotsLeft);
        if (repetitions.IsEmpty)
        {
            return TakeFlat(chunk, rows);
        }

        int take = 0;
        for (; take < repetitions.Length; take++)
        {
            if (repetitions[take] == 0)
            {
                if (Rows == rows)
                {
                    break;
                }

                Rows++;
            }
            else if (Rows == 0)
            {
                throw new InvalidDataException("a list that continues before any list started");
            }
        }

        Grow(_count + take);
        repetitions[..take].CopyTo(_repetitions.AsSpan(_count));
        Copy(chunk, take);
        return take;
    }

    /// <summary>A flat column's slots are its rows: up to <paramref name="rows"/> in all, repetition 0 each.</summary>
    private int TakeFlat(ColumnChunkReader chunk, int rows)
    {
        int take = Math.Min(chunk.PageSlotsLeft, rows - Rows);
        Grow(_count + take);
        _repetitions.AsSpan(_count, take).Clear();
        Copy(chunk, take);
        Rows += take;
        return take;
    }

    private void Copy(ColumnChunkReader chunk, int take)
    {
        ReadOnlySpan<byte> definitions = chunk.Definitions(take);
        if (definitions.IsEmpty)
        {
            _definitions.AsSpan(_count, take).Clear();
        }
        else
        {
            definitions.CopyTo(_definitions.AsSpan(_count));
        }

        _count += take;
    }

    public void Dispose()
    {
        ColumnArrays<byte>.Pool.Return(_definitions);
        ColumnArrays<byte>.Pool.Return(_repetitions);
    }

    private void Grow(int length)
    {
        if (_definitions.Length >= length)
        {
            return;
        }

        int size = Math.Max(length, _definitions.Length * 2);
        _definitions = Regrow(_definitions, size, _count);
        _repetitions = Regrow(_repetitions, size, _count);
    }

    private static byte[] Regrow(byte[] old, int size, int keep)
    {
        byte[] grown = ColumnArrays<byte>.Pool.Rent(size);
        old.AsSpan(0, keep).CopyTo(grown);
        ColumnArrays<byte>.Pool.Return(old);
        return grown;
    }
}
