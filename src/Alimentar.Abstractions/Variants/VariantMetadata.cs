using System.Text.Unicode;

namespace Alimentar.Variants;

/// <summary>
/// A variant's metadata: the dictionary of the field names its objects use, each object field naming its key by
/// index. Parsed once per value, checked as it is parsed so that reading a name never goes out of range.
/// </summary>
internal readonly ref struct VariantMetadata
{
    private readonly ReadOnlySpan<byte> _offsets;
    private readonly ReadOnlySpan<byte> _strings;
    private readonly int _offsetSize;

    private VariantMetadata(ReadOnlySpan<byte> offsets, ReadOnlySpan<byte> strings, int offsetSize, int count, bool sorted)
    {
        _offsets = offsets;
        _strings = strings;
        _offsetSize = offsetSize;
        Count = count;
        IsSorted = sorted;
    }

    /// <summary>How many names the dictionary holds.</summary>
    public int Count { get; }

    /// <summary>Whether the names are unique and in byte order, so a name can be found by binary search.</summary>
    public bool IsSorted { get; }

    /// <summary>Parses and checks metadata; empty bytes are an empty dictionary (the metadata of a default variant).</summary>
    /// <param name="bytes">The metadata.</param>
    /// <param name="trusted">True for bytes checked before: only the header is read.</param>
    /// <exception cref="FormatException">The bytes are not variant metadata.</exception>
    public static VariantMetadata Parse(ReadOnlySpan<byte> bytes, bool trusted = false)
    {
        if (bytes.IsEmpty)
        {
            return default;
        }

        int header = bytes[0];
        if ((header & 0x0F) != VariantFormat.Version)
        {
            throw new FormatException($"The variant metadata has version {header & 0x0F}; only version {VariantFormat.Version} is defined.");
        }

        int offsetSize = ((header >> 6) & 0x03) + 1;
        if (bytes.Length < 1 + offsetSize)
        {
            throw new FormatException("The variant metadata ends before its dictionary size.");
        }

        int count = VariantFormat.ReadUnsigned(bytes[1..], offsetSize);
        long offsetsEnd = 1 + offsetSize + ((long)count + 1) * offsetSize;
        if (offsetsEnd > bytes.Length)
        {
            throw new FormatException($"The variant metadata names {count} keys but ends before their offsets.");
        }

        ReadOnlySpan<byte> offsets = bytes[(1 + offsetSize)..(int)offsetsEnd];
        ReadOnlySpan<byte> strings = bytes[(int)offsetsEnd..];
        var metadata = new VariantMetadata(offsets, strings, offsetSize, count, (header & 0x10) != 0);
        if (trusted)
        {
            return metadata;
        }

        int previous = metadata.Offset(0);
        for (int i = 1; i <= count; i++)
        {
            int offset = metadata.Offset(i);
            if (offset < previous || offset > strings.Length)
            {
                throw new FormatException($"The variant metadata's key {i - 1} lies outside its {strings.Length} bytes of names.");
            }

            if (!Utf8.IsValid(strings[previous..offset]))
            {
                throw new FormatException($"The variant metadata's key {i - 1} is not UTF-8.");
            }

            previous = offset;
        }

        return metadata;
    }

    /// <summary>The UTF-8 bytes of name <paramref name="id"/>.</summary>
    /// <exception cref="FormatException">No name has that index.</exception>
    public ReadOnlySpan<byte> Name(int id)
    {
        if ((uint)id >= (uint)Count)
        {
            throw new FormatException($"A variant object names key {id}, but its metadata holds {Count} keys.");
        }

        return _strings[Offset(id)..Offset(id + 1)];
    }

    /// <summary>The index of <paramref name="name"/>, or -1 when the dictionary lacks it.</summary>
    public int Find(ReadOnlySpan<byte> name)
    {
        if (IsSorted)
        {
            int low = 0;
            int high = Count - 1;
            while (low <= high)
            {
                int middle = low + ((high - low) >> 1);
                int order = Name(middle).SequenceCompareTo(name);
                if (order == 0)
                {
                    return middle;
                }

                if (order < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return -1;
        }

        for (int i = 0; i < Count; i++)
        {
            if (Name(i).SequenceEqual(name))
            {
                return i;
            }
        }

        return -1;
    }

    private int Offset(int index) => VariantFormat.ReadUnsigned(_offsets[(index * _offsetSize)..], _offsetSize);
}
