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
internal sealed class VariantAssembler(IReadOnlyList<RecordColumnNode> nodes, VariantShape shape)
{
    private readonly VariantWriter _writer = new();
    private VariantKeys _keys = null!;

    /// <summary>The variant of <paramref name="entry"/>, or null where its group is null.</summary>
    /// <exception cref="FormatException">The entry holds no variant, or bytes that are not one.</exception>
    public ParquetVariant? At(int entry)
    {
        if (nodes[0].Presence![entry] == 0)
        {
            return null;
        }

        byte[] metadata = Reference<byte[]>(shape.Metadata, entry) ?? throw new FormatException("its variant has no metadata");
        if (shape.Root.Typed is null)
        {
            byte[] value = Reference<byte[]>(shape.Root.Value!.Value, entry) ?? throw new FormatException("its variant has neither a value nor a typed value");
            return new ParquetVariant(metadata, value);
        }

        _keys = VariantKeys.For(metadata, _keys);
        _writer.Clear();
        if (!Part(shape.Root, entry))
        {
            // Neither half holds anything: the spec leaves this to fields of shredded objects; read as the variant null.
            _writer.Null();
        }

        return new ParquetVariant(_keys.Extended ? _keys.Metadata() : metadata, _writer.Written.ToArray());
    }

    /// <summary>Writes the variant a group holds at <paramref name="entry"/>; false when it holds none (a missing object field).</summary>
    private bool Part(VariantPart part, int entry)
    {
        byte[]? value = part.Value is { } node ? Reference<byte[]>(node, entry) : null;
        switch (part.Typed)
        {
            case VariantScalar scalar when Scalar(scalar, entry):
                return true;
            case VariantObject shredded when nodes[shredded.Node].Presence![entry] != 0:
                Object(shredded, value, entry, part);
                return true;
            case VariantArray array when !nodes[array.Node].NullLists![entry]:
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
        var fields = new List<(int Id, int Offset)>(shredded.Fields.Length);
        foreach ((string name, VariantPart field) in shredded.Fields)
        {
            int offset = _writer.Position - start;
            if (Part(field, entry))
            {
                fields.Add((_keys.Id(name), offset));
            }
        }

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
                if (System.Array.Exists(shredded.Fields, f => _keys.Find(f.Name) == id))
                {
                    throw new FormatException($"'{part.Path}' holds the key '{_keys.Name(id)}' both shredded and in its value");
                }

                fields.Add((id, _writer.Position - start));
                _writer.Encoded(field.Own);
            }
        }

        fields.Sort((a, b) => _keys.Compare(a.Id, b.Id));
        _writer.EndObject(start, CollectionsMarshal.AsSpan(fields));
    }

    private void Array(VariantArray array, int entry)
    {
        int[] offsets = nodes[array.Node].Offsets!;
        int first = offsets[entry];
        int length = offsets[entry + 1] - first;
        int start = _writer.Position;
        int[] starts = new int[length];
        for (int i = 0; i < length; i++)
        {
            starts[i] = _writer.Position - start;
            if (!Part(array.Element, first + i))
            {
                _writer.Null();
            }
        }

        _writer.EndArray(start, starts);
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
        where T : class => ((T?[])nodes[node].Values!)[entry];

    private T? Nullable<T>(int node, int entry)
        where T : struct => ((T?[])nodes[node].Values!)[entry];
}
