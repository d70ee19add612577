using System.Text;

namespace Alimentar.ParquetBinding;

/// <summary>
/// Turns decoded UTF-8 or UTF-16 values into strings, handing out one instance per repeated value instead
/// of a new string per row. A direct-mapped cache (a fixed number of slots, newest wins) bounds the memory
/// it can hold however many distinct values a column has: low-cardinality columns hit, unique ones pass
/// through. Safe to share between the threads that decode row groups: a slot holds one immutable entry,
/// replaced whole, so a race costs a miss and never a wrong string.
/// </summary>
internal sealed class StringPool
{
    private const int SlotCount = 4096;
    private const int MaxPooledLength = 128;

    private readonly Entry?[] _slots = new Entry?[SlotCount];

    public string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length == 0)
        {
            return string.Empty;
        }

        if (chars.Length > MaxPooledLength)
        {
            return new string(chars);
        }

        int slot = string.GetHashCode(chars) & (SlotCount - 1);
        Entry? cached = Volatile.Read(ref _slots[slot]);
        if (cached is { Utf8: null } && chars.SequenceEqual(cached.Value))
        {
            return cached.Value;
        }

        string value = new(chars);
        Volatile.Write(ref _slots[slot], new Entry(value, null));
        return value;
    }

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

        var hash = new HashCode();
        hash.AddBytes(utf8);
        int slot = hash.ToHashCode() & (SlotCount - 1);
        Entry? cached = Volatile.Read(ref _slots[slot]);
        if (cached?.Utf8 is { } key && utf8.SequenceEqual(key))
        {
            return cached.Value;
        }

        string value = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref _slots[slot], new Entry(value, utf8.ToArray()));
        return value;
    }

    /// <summary>A pooled string and, when it came from UTF-8 bytes, those bytes (the key it is found by).</summary>
    private sealed record Entry(string Value, byte[]? Utf8);
}
