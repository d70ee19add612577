using System.Text;

namespace Alimentar.ParquetBinding;

/// <summary>
/// Turns decoded UTF-8 or UTF-16 values into strings, handing out one instance per repeated value instead
/// of a new string per row. A direct-mapped cache (a fixed number of slots, newest wins) bounds the memory
/// it can hold however many distinct values a column has: low-cardinality columns hit, unique ones pass through.
/// </summary>
internal sealed class StringPool
{
    private const int SlotCount = 4096;
    private const int MaxPooledLength = 128;

    private readonly string?[] _slots = new string?[SlotCount];
    private readonly byte[]?[] _utf8Keys = new byte[]?[SlotCount];
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
        string? cached = _slots[slot];
        if (cached is not null && _utf8Keys[slot] is null && chars.SequenceEqual(cached))
        {
            return cached;
        }

        string result = new(chars);
        _slots[slot] = result;
        _utf8Keys[slot] = null;
        return result;
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
        byte[]? key = _utf8Keys[slot];
        if (key is not null && utf8.SequenceEqual(key))
        {
            return _slots[slot]!;
        }

        string result = Encoding.UTF8.GetString(utf8);
        _slots[slot] = result;
        _utf8Keys[slot] = utf8.ToArray();
        return result;
    }
}
