namespace Alimentar.Parquet.Reading;

/// <summary>The levels of a batch's slots, copied out of their pages so a row may span two.</summary>
internal sealed class BatchLevels : IDisposable
{
    private byte[] _definitions;
    private byte[] _repetitions;
    private int _count;

    public BatchLevels()
        : this(ColumnArrays<byte>.Pool.Rent(256), ColumnArrays<byte>.Pool.Rent(256))
    {
    }

    /// <summary>Starts from the arrays given, which dispose returns to the pool: the pool's own arrays may differ in length as these may.</summary>
    internal BatchLevels(byte[] definitions, byte[] repetitions)
    {
        _definitions = definitions;
        _repetitions = repetitions;
    }

    public int Rows { get; private set; }

    public ReadOnlySpan<byte> Definitions => _definitions.AsSpan(0, _count);

    public ReadOnlySpan<byte> Repetitions => _repetitions.AsSpan(0, _count);

    /// <summary>
    /// Takes the page's slots up to the start of row <paramref name="rows"/> + 1 (or the page's end) and copies
    /// their levels; the caller reads the taken slots' present values.
    /// </summary>
    public PageSlots TakeFromPage(ColumnChunkReader chunk, int rows)
    {
        ReadOnlySpan<byte> repetitions = chunk.RepetitionsLeft;
        int take;
        if (repetitions.IsEmpty)
        {
            // A flat column's slots are its rows: up to rows in all.
            take = Math.Min(chunk.PageSlotsLeft, rows - Rows);
            Rows += take;
        }
        else
        {
            if (Rows == 0 && repetitions[0] != 0)
            {
                throw new InvalidDataException("a list that continues before any list started");
            }

            // Row starts are the zeros: jump from one to the next (a vector search) rather than testing every slot.
            take = 0;
            while (true)
            {
                int start = repetitions[take..].IndexOf((byte)0);
                if (start < 0)
                {
                    take = repetitions.Length;
                    break;
                }

                take += start;
                if (Rows == rows)
                {
                    break;
                }

                Rows++;
                take++;
            }
        }

        PageSlots slots = chunk.Take(take);
        Grow(_count + take);
        Copy(slots.Repetitions, _repetitions.AsSpan(_count, take));
        Copy(slots.Definitions, _definitions.AsSpan(_count, take));
        _count += take;
        return slots;
    }

    /// <summary>
    /// The batch's row (from 0) that holds its <paramref name="value"/>-th present value (from 0): the slot defined to
    /// <paramref name="maxDefinition"/>, counted in the rows that start where the repetition level is 0. For error messages.
    /// </summary>
    public int RowOfValue(int value, int maxDefinition)
    {
        ReadOnlySpan<byte> definitions = Definitions;
        ReadOnlySpan<byte> repetitions = Repetitions;
        int row = -1;
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            row += repetitions[slot] == 0 ? 1 : 0;
            if (definitions[slot] == maxDefinition && value-- == 0)
            {
                return row;
            }
        }

        return Rows - 1;
    }

    /// <summary>
    /// Replaces these levels with those of <paramref name="source"/>'s slots that start an entry under
    /// <paramref name="depth"/> lists (a row, or an element of the lists above), each defined at most to
    /// <paramref name="definition"/>: the levels of a field the file lacks, null wherever its group is present.
    /// </summary>
    public void Mirror(BatchLevels source, int depth, int definition)
    {
        ReadOnlySpan<byte> definitions = source.Definitions;
        ReadOnlySpan<byte> repetitions = source.Repetitions;
        Grow(definitions.Length);
        int count = 0;
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            if (repetitions[slot] <= depth)
            {
                _repetitions[count] = repetitions[slot];
                _definitions[count] = (byte)Math.Min(definitions[slot], definition);
                count++;
            }
        }

        _count = count;
        Rows = source.Rows;
    }

    /// <summary>Copies levels out of a page; a column without such levels has level 0 in every slot.</summary>
    private static void Copy(ReadOnlySpan<byte> levels, Span<byte> destination)
    {
        if (levels.IsEmpty)
        {
            destination.Clear();
        }
        else
        {
            levels.CopyTo(destination);
        }
    }

    public void Dispose()
    {
        ColumnArrays<byte>.Pool.Return(_definitions);
        ColumnArrays<byte>.Pool.Return(_repetitions);
    }

    /// <summary>
    /// Makes both arrays hold at least <paramref name="length"/> levels. Each is checked on its own: the pool may hand
    /// out a larger array than asked for (the next sizes up, when the asked size has none left), so the two arrays'
    /// lengths differ whenever the pool's state does.
    /// </summary>
    private void Grow(int length)
    {
        _definitions = Regrow(_definitions, length, _count);
        _repetitions = Regrow(_repetitions, length, _count);
    }

    private static byte[] Regrow(byte[] old, int length, int keep)
    {
        if (old.Length >= length)
        {
            return old;
        }

        byte[] grown = ColumnArrays<byte>.Pool.Rent(Math.Max(length, old.Length * 2));
        old.AsSpan(0, keep).CopyTo(grown);
        ColumnArrays<byte>.Pool.Return(old);
        return grown;
    }
}
