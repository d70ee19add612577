namespace Alimentar.Parquet.Reading;

/// <summary>Small questions about definition levels, for error messages.</summary>
internal static class LevelMath
{
    /// <summary>The slot that holds the <paramref name="valueIndex"/>-th present value.</summary>
    public static int SlotOfValue(ReadOnlySpan<byte> definitions, byte maxLevel, int valueIndex)
    {
        if (definitions.IsEmpty)
        {
            return valueIndex;
        }

        int seen = -1;
        for (int slot = 0; slot < definitions.Length; slot++)
        {
            if (definitions[slot] == maxLevel && ++seen == valueIndex)
            {
                return slot;
            }
        }

        return valueIndex;
    }
}
