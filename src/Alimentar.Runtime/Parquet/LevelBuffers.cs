namespace Alimentar.ParquetBinding;

/// <summary>
/// The definition and repetition levels of one column chunk read: <see cref="Entries"/> level slots
/// (rows for a flat column; values, empty and null lists for a repeated one), with null buffers where
/// the column has no such levels.
/// </summary>
internal readonly record struct LevelBuffers(int Entries, int[]? Definitions, int[]? Repetitions)
{
    public Memory<int>? DefinitionMemory => Definitions is null ? default(Memory<int>?) : Definitions.AsMemory(0, Entries);

    public Memory<int>? RepetitionMemory => Repetitions is null ? default(Memory<int>?) : Repetitions.AsMemory(0, Entries);

    /// <summary>How many values the file actually holds: the slots defined all the way down to the leaf.</summary>
    public int CountValues(int maxDefinitionLevel)
    {
        if (Definitions is null)
        {
            return Entries;
        }

        ReadOnlySpan<int> span = Definitions.AsSpan(0, Entries);
        return maxDefinitionLevel == 1 ? Entries - span.Count(0) : span.Count(maxDefinitionLevel);
    }

    /// <summary>The slot of the <paramref name="valueIndex"/>-th value, for error messages.</summary>
    public int SlotOfValue(int maxDefinitionLevel, int valueIndex)
    {
        if (Definitions is null)
        {
            return valueIndex;
        }

        int seen = -1;
        for (int slot = 0; slot < Entries; slot++)
        {
            if (Definitions[slot] == maxDefinitionLevel && ++seen == valueIndex)
            {
                return slot;
            }
        }

        return valueIndex;
    }
}
