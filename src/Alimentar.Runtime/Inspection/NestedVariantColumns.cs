namespace Alimentar.Inspection;

/// <summary>
/// The columns a scan shows when the file holds unshredded VARIANT groups below the top level (a record's field, a
/// list's element, a map's value: what Spark writes with shredding off): each such group's <c>metadata</c> and
/// <c>value</c> leaves, which the scan reads as binaries, are shown as one column at the group's path whose values are
/// the <see cref="ParquetVariant"/>s (lists of them under lists), put together element by element. A top-level group
/// is bound as a variant column already; a shredded one (with a <c>typed_value</c>) is shown as its leaves.
/// </summary>
internal sealed class NestedVariantColumns
{
    /// <summary>Per shown column, the scanned column it is, or the metadata and value columns it joins.</summary>
    private readonly (int First, int Value)[] _sources;

    private NestedVariantColumns(string[] names, (int First, int Value)[] sources)
    {
        Names = names;
        _sources = sources;
    }

    /// <summary>The shown columns' names.</summary>
    public string[] Names { get; }

    /// <summary>Whether any column is joined; when not, rows are shown as scanned.</summary>
    public bool Joins => _sources.Any(s => s.Value >= 0);

    /// <param name="leaves">The file's leaves.</param>
    /// <param name="scanned">The columns the scan reads, in order.</param>
    public static NestedVariantColumns Plan(IReadOnlyList<LeafColumn> leaves, IReadOnlyList<BoundColumn> scanned)
    {
        var names = new List<string>();
        var sources = new List<(int, int)>();
        var joined = new HashSet<int>();
        for (int i = 0; i < scanned.Count; i++)
        {
            if (joined.Contains(i))
            {
                continue;
            }

            if (GroupOf(leaves, scanned[i]) is { } group)
            {
                int metadata = IndexOf(scanned, [.. group, "metadata"]);
                int value = IndexOf(scanned, [.. group, "value"]);
                if (metadata >= 0 && value >= 0)
                {
                    joined.Add(metadata);
                    joined.Add(value);
                    names.Add(string.Join('/', group));
                    sources.Add((metadata, value));
                    continue;
                }
            }

            names.Add(scanned[i].Descriptor.Name);
            sources.Add((i, -1));
        }

        return new NestedVariantColumns([.. names], [.. sources]);
    }

    /// <summary>A scanned row as shown: joined columns hold variants.</summary>
    /// <param name="scanned">The row's scanned values.</param>
    /// <param name="file">The file, for errors.</param>
    /// <param name="rowGroup">The row group, for errors.</param>
    /// <exception cref="CorruptParquetFileException">A variant's bytes are damaged, or its two leaves disagree on its lists.</exception>
    public object?[] Shown(object?[] scanned, string file, int rowGroup)
    {
        var shown = new object?[_sources.Length];
        for (int c = 0; c < _sources.Length; c++)
        {
            (int first, int value) = _sources[c];
            try
            {
                shown[c] = value < 0 ? scanned[first] : Join(scanned[first], scanned[value]);
            }
            catch (FormatException error)
            {
                throw AlimentarThrow.Corrupt(file, $"a variant is not valid ({error.Message.TrimEnd('.')})", rowGroup, Names[c], error);
            }
        }

        return shown;
    }

    /// <summary>The group a binary leaf named <c>metadata</c> or <c>value</c> lies in, when that group is a nested unshredded VARIANT.</summary>
    private static string[]? GroupOf(IReadOnlyList<LeafColumn> leaves, BoundColumn column)
    {
        IReadOnlyList<string> path = column.Field.Path.Parts;
        if (column.Descriptor.Type != ColumnType.Binary || path.Count < 3 || path[^1] is not ("metadata" or "value"))
        {
            return null;
        }

        string[] group = [.. path.Take(path.Count - 1)];
        bool unshredded = !leaves.Any(l => l.Path.Parts.Count > group.Length && l.Path.Parts.Take(group.Length).SequenceEqual(group) && l.Path.Parts[group.Length] == "typed_value");
        return unshredded && VariantBinder.IsVariant(leaves, group) ? group : null;
    }

    private static int IndexOf(IReadOnlyList<BoundColumn> scanned, string[] path)
    {
        for (int i = 0; i < scanned.Count; i++)
        {
            if (scanned[i].Descriptor.Type == ColumnType.Binary && scanned[i].Field.Path.Parts.SequenceEqual(path))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A variant from its two binaries, or lists of them joined element by element; null where the group is.</summary>
    private static object? Join(object? metadata, object? value) => (metadata, value) switch
    {
        (null, _) => null,
        (byte[] keys, byte[] bytes) => new ParquetVariant(keys, bytes),
        // Spark writes value REQUIRED in the group; a file that leaves it null holds no value to show.
        (byte[], null) => throw new FormatException("a variant has metadata but no value"),
        (Array keys, Array bytes) when keys.Length == bytes.Length => Enumerable.Range(0, keys.Length).Select(i => Join(keys.GetValue(i), bytes.GetValue(i))).ToArray(),
        _ => throw new FormatException("a variant's metadata and value leaves hold different lists"),
    };
}
