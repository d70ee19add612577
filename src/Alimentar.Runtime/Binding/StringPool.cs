using System.Text;

namespace Alimentar.Binding;

/// <summary>
/// Turns UTF-8 values into strings, handing out one instance per repeated value instead of a new string
/// per row. The cache is two-way set-associative with a fixed number of sets, so the memory it holds is
/// bounded however many distinct values a column has. A value takes a free way at once; once its set is
/// full it must be seen twice to displace another (a fingerprint per set remembers the first sighting),
/// so a column of unique values soon allocates only its strings, never cache entries, and cannot flush
/// the values that do repeat. Safe to share between threads: a
/// way holds one immutable entry, replaced whole, so a race costs a miss and never a wrong string.
/// </summary>
internal sealed class StringPool
{
    private const int SetCount = 4096;
    private const int MaxPooledLength = 128;

    private readonly Entry?[] _ways = new Entry?[SetCount * 2];
    private readonly int[] _seen = new int[SetCount];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxPooledLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var hasher = new HashCode();
        hasher.AddBytes(utf8);
        int hash = hasher.ToHashCode();
        int set = hash & (SetCount - 1);
        Entry? first = Volatile.Read(ref _ways[2 * set]);
        if (first is not null && first.Hash == hash && utf8.SequenceEqual(first.Utf8))
        {
            return first.Value;
        }

        Entry? second = Volatile.Read(ref _ways[2 * set + 1]);
        if (second is not null && second.Hash == hash && utf8.SequenceEqual(second.Utf8))
        {
            return second.Value;
        }

        string value = Encoding.UTF8.GetString(utf8);
        if (second is null || Volatile.Read(ref _seen[set]) == hash)
        {
            // Seen before: keep it, and the previous newest as the older way.
            Volatile.Write(ref _ways[2 * set + 1], first);
            Volatile.Write(ref _ways[2 * set], new Entry(value, utf8.ToArray(), hash));
        }
        else
        {
            Volatile.Write(ref _seen[set], hash);
        }

        return value;
    }

    /// <summary>A pooled string, the UTF-8 bytes it is found by, and their hash.</summary>
    private sealed record Entry(string Value, byte[] Utf8, int Hash);
}
