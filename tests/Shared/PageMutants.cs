namespace Alimentar.Testing;

/// <summary>Seeded damage to a Parquet file's pages (between the leading magic and the footer), which the footer still describes.</summary>
internal static class PageMutants
{
    /// <summary>A flipped bit, a random byte or a zeroed run of up to seven bytes somewhere between <paramref name="from"/> and the footer.</summary>
    public static byte[] Mutate(byte[] original, Random random, long from = 4)
    {
        int footerLength = BitConverter.ToInt32(original, original.Length - 8);
        int end = original.Length - 8 - footerLength;
        byte[] mutant = (byte[])original.Clone();
        int at = random.Next((int)from, end);
        switch (random.Next(3))
        {
            case 0:
                mutant[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                mutant[at] = (byte)random.Next(256);
                break;
            default:
                mutant.AsSpan(at, Math.Min(random.Next(1, 8), end - at)).Clear();
                break;
        }

        return mutant;
    }
}
