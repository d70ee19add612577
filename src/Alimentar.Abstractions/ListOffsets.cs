namespace Alimentar;

/// <summary>Questions about list offsets (<c>count + 1</c> non-decreasing starts) that nested readers ask when reporting a row.</summary>
internal static class ListOffsets
{
    /// <summary>
    /// The list an entry lies in: the last list starting at or before it. Empty lists before it start at the same
    /// place, so the last one, not the first, owns the entry.
    /// </summary>
    public static int Owner(int[] offsets, int entry)
    {
        int low = 0;
        int high = offsets.Length - 2;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (offsets[middle] <= entry)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
