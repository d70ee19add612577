namespace Alimentar.Parquet.Reading;

/// <summary>
/// A run of slots taken from the current page of a column chunk (<see cref="ColumnChunkReader.Take"/>): their
/// definition and repetition levels, and the page's values, standing at the run's first present value. Taking is
/// the one move of a chunk's position, so levels and values cannot drift apart: the slots count as read once
/// taken, and their present values are the next ones <see cref="Values"/> gives.
/// </summary>
internal readonly ref struct PageSlots
{
    private readonly byte _maxDefinitionLevel;

    public PageSlots(int count, ReadOnlySpan<byte> definitions, ReadOnlySpan<byte> repetitions, PageValueReader values, byte maxDefinitionLevel)
    {
        Count = count;
        Definitions = definitions;
        Repetitions = repetitions;
        Values = values;
        _maxDefinitionLevel = maxDefinitionLevel;
    }

    /// <summary>How many slots were taken.</summary>
    public int Count { get; }

    /// <summary>The slots' definition levels; empty for a REQUIRED column, whose every slot holds a value.</summary>
    public ReadOnlySpan<byte> Definitions { get; }

    /// <summary>The slots' repetition levels; empty for a column outside any list.</summary>
    public ReadOnlySpan<byte> Repetitions { get; }

    /// <summary>The page's values, standing at the first value of these slots.</summary>
    public PageValueReader Values { get; }

    /// <summary>How many of the slots hold a value (their definition level is the column's maximum).</summary>
    public int CountPresent() => Definitions.IsEmpty ? Count : Definitions.Count(_maxDefinitionLevel);

    /// <summary>The first slot that holds no value, or -1 when every slot holds one.</summary>
    public int FirstAbsent() => Definitions.IsEmpty ? -1 : Definitions.IndexOfAnyExcept(_maxDefinitionLevel);

    /// <summary>The slot that holds the <paramref name="value"/>-th present value (for error messages).</summary>
    public int SlotOfValue(int value) => LevelMath.SlotOfValue(Definitions, _maxDefinitionLevel, value);
}
