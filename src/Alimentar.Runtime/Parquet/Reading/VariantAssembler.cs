using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Alimentar.Variants;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Makes the variants of a batch from the nodes of their VARIANT group (<see cref="VariantBinding"/>). A variant
/// stored whole is its <c>metadata</c> and <c>value</c> as read; a shredded one is put back together as the shredding
/// spec says: a typed value is encoded as the variant primitive its column type names, a shredded object's fields are
/// merged with those left in its <c>value</c>, a shredded array's elements are each rebuilt. A key the shredded fields
/// use that the entry's metadata lacks is added to a copy of it.
/// </summary>
/// <remarks>
/// Assemblers are pooled (<see cref="Shared"/>): one made per batch grew its buffer and lists from nothing every time,
/// which with a sort delegate per object made about a fifth of what a pass over shredded events allocated.
/// </remarks>
internal sealed class VariantAssembler
{
    /// <summary>Assemblers for any batch of any file: as many are in use as threads decode variants at once.</summary>
    public static readonly TrimmingObjectPool<VariantAssembler> Shared = new(static () => new VariantAssembler(), mostKept: 2 * Environment.ProcessorCount);

    private readonly VariantWriter _writer = new();
    private readonly VariantKeys.Recent _recentKeys = new();
    private readonly List<(int Entry, int Start, int Length, byte[] Metadata)> _assembled = [];

    // An object's fields and an array's element offsets, one list per nesting depth, reused entry after entry.
    private readonly List<List<(int Id, int Offset)>> _fields = [];
    private readonly List<List<int>> _elements = [];
    private readonly Comparison<(int Id, int Offset)> _byKey;
    private IReadOnlyList<RecordColumnNode> _nodes = [];
    private VariantShape _shape = null!;
    private VariantKeys _keys = null!;
    private int _depth;

    private VariantAssembler() => _byKey = (a, b) => _keys.Compare(a.Id, b.Id);

    /// <summary>
    /// Fills <paramref name="variants"/> with the variant of each entry, null where its group is null. Shredded variants
    /// are put back together into one array for the batch, each variant a slice of it.
    /// </summary>
    /// <param name="nodes">The nodes of the VARIANT group, read for this batch.</param>
    /// <param name="shape">How the group is shredded.</param>
    /// <param name="variants">One slot per entry of the group.</param>
    /// <param name="error">The error for an entry that holds no variant, or bytes that are not one.</param>
    public void Fill(IReadOnlyList<RecordColumnNode> nodes, VariantShape shape, Span<ParquetVariant?> variants, Func<int, Exception, Exception> error)
    {
        _nodes = nodes;
        _shape = shape;
        _depth = 0; // an earlier batch may have stopped at a damaged entry, deep in a variant
        _writer.Clear();
        _assembled.Clear();
        try
        {
            for (int entry = 0; entry < variants.Length; entry++)
            {
                try
                {
                    variants[entry] = At(entry);
                }
                catch (Exception problem) when (problem is FormatException or OverflowException)
                {
                    throw error(entry, problem);
                }
            }

            if (_assembled.Count > 0)
            {
                byte[] values = _writer.Written.ToArray();
                foreach ((int entry, int start, int length, byte[] metadata) in _assembled)
                {
                    variants[entry] = ParquetVariant.Assembled(metadata, values.AsMemory(start, length));
                }
            }
        }
        finally
        {
            // A pooled assembler keeps its buffers, not the batch: the nodes and metadata go with it.
            _nodes = [];
            _shape = null!;
            _keys = null!;
            _assembled.Clear();
        }
    }

    /// <summary>An entry's variant when stored whole; a shredded one is written and noted, and made in <see cref="Fill"/>.</summary>
    private ParquetVariant? At(int entry)
    {
        if (_nodes[0].Presence![entry] == 0)
        {
            return null;
        }

        byte[] metadata = Reference<byte[]>(_shape.Metadata, entry) ?? throw new FormatException("its variant has no metadata");
        if (_shape.Root.Typed is null)
        {
            byte[] value = Reference<byte[]>(_shape.Root.Value!.Value, entry) ?? throw new FormatException("its variant has neither a value nor a typed value");
            return new ParquetVariant(metadata, value);
        }

        _keys = _recentKeys.For(metadata);
        int start = _writer.Position;
        if (!Part(_shape.Root, entry))
        {
            // Neither half holds anything: the spec leaves this to fields of shredded objects; read as the variant null.
            _writer.Null();
        }

        _assembled.Add((entry, start, _writer.Position - start, _keys.Extended ? _keys.Metadata() : metadata));
        return null;
    }

    /// <summary>Writes the variant a group holds at <paramref name="entry"/>; false when it holds none (a missing object field).</summary>
    private bool Part(VariantPart part, int entry)
    {
        byte[]? value = part.Value is { } node ? Reference<byte[]>(node, entry) : null;
        switch (part.Typed)
        {
            case VariantScalar scalar when Scalar(scalar, entry):
                return true;
            case VariantObject shredded when _nodes[shredded.Node].Presence![entry] != 0:
                Object(shredded, value, entry, part);
                return true;
            case VariantArray array when !_nodes[array.Node].NullLists![entry]:
                Array(array, entry);
                return true;
        }

        if (value is null)
        {
            return false;
        }

        VariantValue.Check(value, _keys.Parsed);
        _writer.Encoded(value);
        return true;
    }

    private void Object(VariantObject shredded, byte[]? residual, int entry, VariantPart part)
    {
        int start = _writer.Position;
        List<(int Id, int Offset)> fields = Scratch(_fields);
        _depth++;
        foreach ((string name, VariantPart field) in shredded.Fields)
        {
            int offset = _writer.Position - start;
            if (Part(field, entry))
            {
                fields.Add((_keys.Id(name), offset));
            }
        }

        _depth--;
        if (residual is not null)
        {
            VariantValue.Check(residual, _keys.Parsed);
            var rest = new VariantValue(residual);
            if (rest.BasicType != VariantFormat.Object)
            {
                throw new FormatException($"'{part.Path}' holds a shredded object and a value that is not an object");
            }

            for (int i = 0, count = rest.Count; i < count; i++)
            {
                VariantValue field = rest.Field(i, out int id);
                foreach ((string name, _) in shredded.Fields)
                {
                    if (_keys.Find(name) == id)
                    {
                        throw new FormatException($"'{part.Path}' holds the key '{name}' both shredded and in its value");
                    }
                }

                fields.Add((id, _writer.Position - start));
                _writer.Encoded(field.Own);
            }
        }

        fields.Sort(_byKey);
        _writer.EndObject(start, CollectionsMarshal.AsSpan(fields));
    }

    private void Array(VariantArray array, int entry)
    {
        int[] offsets = _nodes[array.Node].Offsets!;
        int first = offsets[entry];
        int length = offsets[entry + 1] - first;
        int start = _writer.Position;
        List<int> starts = Scratch(_elements);
        _depth++;
        for (int i = 0; i < length; i++)
        {
            starts.Add(_writer.Position - start);
            if (!Part(array.Element, first + i))
            {
                _writer.Null();
            }
        }

        _depth--;
        _writer.EndArray(start, CollectionsMarshal.AsSpan(starts));
    }

    /// <summary>The list for the current depth, emptied: a container's entries are done with once it is closed.</summary>
    private List<T> Scratch<T>(List<List<T>> byDepth)
    {
        while (byDepth.Count <= _depth)
        {
            byDepth.Add([]);
        }

        List<T> list = byDepth[_depth];
        list.Clear();
        return list;
    }

    /// <summary>Writes a shredded column's value at <paramref name="entry"/>; false where it is null.</summary>
    private bool Scalar(VariantScalar scalar, int entry)
    {
        int node = scalar.Node;
        switch (scalar.Kind)
        {
            case VariantKind.Boolean when Nullable<bool>(node, entry) is { } flag:
                _writer.Boolean(flag);
                return true;
            case VariantKind.Integer when Nullable<long>(node, entry) is { } integer:
                switch (scalar.Type)
                {
                    case VariantFormat.Int8Type: _writer.Int8((sbyte)integer); break;
                    case VariantFormat.Int16Type: _writer.Int16((short)integer); break;
                    case VariantFormat.Int32Type: _writer.Int32((int)integer); break;
                    default: _writer.Int64(integer); break;
                }

                return true;
            case VariantKind.Float when Nullable<float>(node, entry) is { } single:
                _writer.Float(single);
                return true;
            case VariantKind.Double when Nullable<double>(node, entry) is { } number:
                _writer.Double(number);
                return true;
            case VariantKind.Decimal when Reference<string>(node, entry) is { } text:
                _writer.Decimal(BigInteger.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), scalar.Scale, scalar.Precision);
                return true;
            case VariantKind.Date when Nullable<int>(node, entry) is { } days:
                _writer.Date(days);
                return true;
            case VariantKind.Timestamp or VariantKind.LocalTimestamp or VariantKind.Time when Nullable<long>(node, entry) is { } count:
                _writer.Temporal(scalar.Type, scalar.Multiplier >= 0 ? checked(count * scalar.Multiplier) : count / -scalar.Multiplier);
                return true;
            case VariantKind.String when Reference<byte[]>(node, entry) is { } utf8:
                _writer.String(utf8);
                return true;
            case VariantKind.Binary when Reference<byte[]>(node, entry) is { } bytes:
                _writer.Binary(bytes);
                return true;
            case VariantKind.Uuid when Nullable<Guid>(node, entry) is { } uuid:
                _writer.Uuid(uuid);
                return true;
            default:
                return false;
        }
    }

    private T? Reference<T>(int node, int entry)
        where T : class => ((T?[])_nodes[node].Values!)[entry];

    private T? Nullable<T>(int node, int entry)
        where T : struct => ((T?[])_nodes[node].Values!)[entry];
}
