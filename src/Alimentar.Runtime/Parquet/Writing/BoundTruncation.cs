namespace Alimentar.Parquet.Writing;

/// <summary>
/// Shortens long string and binary bounds so statistics stay small, keeping them bounds: a lower bound is cut to a
/// prefix (which sorts no later), an upper bound is cut and its last kept byte raised (which sorts no earlier). Cuts
/// fall between UTF-8 characters and only ASCII bytes are raised, so string bounds stay valid UTF-8.
/// </summary>
internal static class BoundTruncation
{
    public static byte[] Lower(byte[] value, int length) => value[..CharacterStart(value, length)];

    /// <summary>A shorter upper bound, or null when none exists within <paramref name="length"/> bytes.</summary>
    public static byte[]? Upper(byte[] value, int length)
    {
        for (int end = CharacterStart(value, length) - 1; end >= 0; end--)
        {
            if (value[end] < 0x7F)
            {
                byte[] upper = value[..(end + 1)];
                upper[end]++;
                return upper;
            }
        }

        return null;
    }

    private static int CharacterStart(byte[] value, int at)
    {
        while (at > 0 && (value[at] & 0xC0) == 0x80)
        {
            at--;
        }

        return at;
    }
}
