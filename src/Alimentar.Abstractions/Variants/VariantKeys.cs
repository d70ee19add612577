using System.Text;

namespace Alimentar.Variants;

/// <summary>
/// The keys of a row's metadata, for putting a shredded variant back together: each shredded field's key index, and
/// keys its metadata lacks added after its own. Rows often share their metadata, so keys are kept and reused
/// (<see cref="Recent"/>).
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

    /// <summary>
    /// The keys of the last few distinct metadata met: rows of a few shapes (objects of the same keys, with now and then
    /// an array or a number) alternate among them, and each shape's keys are made once.
    /// </summary>
    public sealed class Recent
    {
        private readonly VariantKeys?[] _keys = new VariantKeys?[8];
        private int _next;

        /// <summary>The keys of <paramref name="metadata"/>, without keys added for an earlier entry.</summary>
        /// <exception cref="FormatException">The bytes are not variant metadata.</exception>
        public VariantKeys For(byte[] metadata)
        {
            foreach (VariantKeys? keys in _keys)
            {
                if (keys is not null && (ReferenceEquals(keys._metadata, metadata) || keys._metadata.AsSpan().SequenceEqual(metadata)))
                {
                    keys.Forget();
                    return keys;
                }
            }

            var made = new VariantKeys(metadata);
            _keys[_next] = made;
            _next = (_next + 1) % _keys.Length;
            return made;
        }
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
