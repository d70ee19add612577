using System.Text;

namespace Alimentar.Variants;

/// <summary>
/// The keys of a row's metadata, for putting a shredded variant back together: each shredded field's key index, and
/// keys its metadata lacks added after its own. Rows often share their metadata, so the keys of the last metadata
/// seen are kept and reused while it repeats.
/// </summary>
internal sealed class VariantKeys
{
    private readonly byte[] _metadata;
    private readonly List<byte[]> _names = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly int _count;

    private VariantKeys(byte[] metadata)
    {
        _metadata = metadata;
        VariantMetadata parsed = VariantMetadata.Parse(metadata);
        _count = parsed.Count;
        for (int i = 0; i < _count; i++)
        {
            byte[] name = parsed.Name(i).ToArray();
            _names.Add(name);
            _ids.TryAdd(Encoding.UTF8.GetString(name), i);
        }
    }

    /// <summary>Whether a key was added that the metadata lacks, so the variant needs <see cref="Metadata"/>.</summary>
    public bool Extended => _names.Count > _count;

    /// <summary>The metadata, checked when these keys were made.</summary>
    public VariantMetadata Parsed => VariantMetadata.Parse(_metadata, trusted: true);

    /// <summary>The keys of <paramref name="metadata"/>: <paramref name="previous"/> again, without keys added for its row, when it was made from the same bytes.</summary>
    /// <exception cref="FormatException">The bytes are not variant metadata.</exception>
    public static VariantKeys For(byte[] metadata, VariantKeys? previous)
    {
        if (previous is not null && previous._metadata.AsSpan().SequenceEqual(metadata))
        {
            previous.Forget();
            return previous;
        }

        return new VariantKeys(metadata);
    }

    /// <summary>The index of <paramref name="name"/>, added after the metadata's own keys when it lacks it.</summary>
    public int Id(string name)
    {
        if (!_ids.TryGetValue(name, out int id))
        {
            id = _names.Count;
            _names.Add(Encoding.UTF8.GetBytes(name));
            _ids.Add(name, id);
        }

        return id;
    }

    /// <summary>The index of <paramref name="name"/>, or -1.</summary>
    public int Find(string name) => _ids.TryGetValue(name, out int id) ? id : -1;

    /// <summary>The key at <paramref name="id"/>.</summary>
    public string Name(int id) => Encoding.UTF8.GetString(_names[id]);

    /// <summary>Orders two keys as an object's fields are ordered: by their UTF-8 bytes.</summary>
    public int Compare(int left, int right) => _names[left].AsSpan().SequenceCompareTo(_names[right]);

    /// <summary>The metadata with the added keys after its own.</summary>
    public byte[] Metadata() => VariantWriter.Metadata(_names);

    private void Forget()
    {
        for (int id = _names.Count - 1; id >= _count; id--)
        {
            _ids.Remove(Encoding.UTF8.GetString(_names[id]));
            _names.RemoveAt(id);
        }
    }
}
