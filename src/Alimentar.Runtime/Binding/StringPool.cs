using System.Numerics;
using System.Runtime.InteropServices;
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
/// <remarks>
/// Looking a value up costs more than decoding it (measured on 17-byte values: 2.5× a plain decode), which pays
/// only where values repeat. So the pool watches its own hit rate: after a window of <see cref="ProbeWindow"/>
/// lookups of which fewer than one in <see cref="ScarceHitRatio"/> hit, it decodes the next
/// <see cref="ProbeWindow"/> × <see cref="ScarceWindowsSkipped"/> values directly, then measures again. A column of
/// ids, URLs or texts then costs what decoding costs; one whose values start repeating later in the file is pooled
/// again within a few thousand rows. The counters are not synchronised: a race only blurs the estimate.
/// </remarks>
internal sealed class StringPool
{
    private const int SetCount = 4096;
    private const int MaxPooledLength = 128;
    private const int ProbeWindow = 4096;
    private const int ScarceHitRatio = 8;
    private const int ScarceWindowsSkipped = 15;

    private readonly Entry?[] _ways = new Entry?[SetCount * 2];
    private readonly int[] _seen = new int[SetCount];
    private int _windowLookups;
    private int _windowHits;
    private int _unpooledLeft;

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

        if (_unpooledLeft > 0)
        {
            _unpooledLeft--;
            return Encoding.UTF8.GetString(utf8);
        }

        string? pooled = Find(utf8, out int hash);
        CountLookup(hit: pooled is not null);
        return pooled ?? Add(utf8, hash);
    }

    private string? Find(ReadOnlySpan<byte> utf8, out int hash)
    {
        hash = Hash(utf8);
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

        return null;
    }

    private string Add(ReadOnlySpan<byte> utf8, int hash)
    {
        string value = Encoding.UTF8.GetString(utf8);
        int set = hash & (SetCount - 1);
        Entry? first = Volatile.Read(ref _ways[2 * set]);
        Entry? second = Volatile.Read(ref _ways[2 * set + 1]);
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

    private void CountLookup(bool hit)
    {
        if (hit)
        {
            _windowHits++;
        }

        if (++_windowLookups >= ProbeWindow)
        {
            if (_windowHits < ProbeWindow / ScarceHitRatio)
            {
                _unpooledLeft = ProbeWindow * ScarceWindowsSkipped;
            }

            _windowLookups = 0;
            _windowHits = 0;
        }
    }

    /// <summary>
    /// Spreads values over the sets. A hit is confirmed byte for byte, so this needs speed, not strength: eight bytes
    /// at a time (the last eight overlapping), where <see cref="HashCode.AddBytes"/> mixes four at a time and took
    /// longer than decoding the value. A file crafted so that its values share a set only makes them miss.
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        ulong hash = (ulong)utf8.Length * Multiplier;
        if (utf8.Length >= sizeof(ulong))
        {
            int last = utf8.Length - sizeof(ulong);
            for (int at = 0; at < last; at += sizeof(ulong))
            {
                hash = BitOperations.RotateLeft((hash ^ MemoryMarshal.Read<ulong>(utf8[at..])) * Multiplier, 31);
            }

            hash = (hash ^ MemoryMarshal.Read<ulong>(utf8[last..])) * Multiplier;
        }
        else if (utf8.Length >= sizeof(uint))
        {
            ulong both = ((ulong)MemoryMarshal.Read<uint>(utf8) << 32) | MemoryMarshal.Read<uint>(utf8[^sizeof(uint)..]);
            hash = (hash ^ both) * Multiplier;
        }
        else
        {
            hash = (hash ^ ((ulong)utf8[0] << 16) ^ ((ulong)utf8[utf8.Length / 2] << 8) ^ utf8[^1]) * Multiplier;
        }

        // The multiplications mix best into the high bits; fold them into the low ones, which choose the set.
        hash ^= hash >> 32;
        hash *= 0xD6E8FEB86659FD93;
        hash ^= hash >> 32;
        return (int)hash;
    }

    /// <summary>A pooled string, the UTF-8 bytes it is found by, and their hash.</summary>
    private sealed record Entry(string Value, byte[] Utf8, int Hash);
}
