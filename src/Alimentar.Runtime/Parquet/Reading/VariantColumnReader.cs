using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Alimentar.Variants;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Reads one batch of a <see cref="ParquetVariant"/> member: its VARIANT group as a record column, then each row's
/// variant. A variant stored whole is its <c>metadata</c> and <c>value</c> as read; a shredded one is put back
/// together as the shredding spec says: a typed value is encoded as the variant primitive its column type names, a
/// shredded object's fields are merged with those left in its <c>value</c>, a shredded array's elements are each
/// rebuilt. A key the shredded fields use that the row's metadata lacks is added to a copy of it.
/// </summary>
internal sealed class VariantColumnReader(PagedColumnReader reader, int column)
{
    private readonly BoundColumn _bound = reader.Bound(column);
    private readonly VariantWriter _writer = new();
    private RecordColumn _records = null!;
    private VariantKeys _keys = null!;
    private int _row;

    public async ValueTask ReadAsync(Memory<ParquetVariant> required, Memory<ParquetVariant?> nullable, CancellationToken cancellationToken)
    {
        _records = await new RecordColumnReader(reader, column).ReadAsync(cancellationToken).ConfigureAwait(false);
        VariantShape shape = _bound.Variant!;
        bool isNullable = !nullable.IsEmpty || required.IsEmpty;
        for (_row = 0; _row < _records.Rows; _row++)
        {
            if (_records.IsNull(0, _row, isNullable))
            {
                nullable.Span[_row] = null;
                continue;
            }

            ParquetVariant variant = Variant(shape);
            if (isNullable)
            {
                nullable.Span[_row] = variant;
            }
            else
            {
                required.Span[_row] = variant;
            }
        }
    }

    private ParquetVariant Variant(VariantShape shape)
    {
        byte[] metadata = _records.Reference<byte[]>(shape.Metadata, _row) ?? throw Corrupt("its variant has no metadata");
        try
        {
            if (shape.Root.Typed is null)
            {
                byte[] value = _records.Reference<byte[]>(shape.Root.Value!.Value, _row) ?? throw Corrupt("its variant has neither a value nor a typed value");
                return new ParquetVariant(metadata, value);
            }

            _keys = VariantKeys.For(metadata, _keys);
            _writer.Clear();
            if (!Part(shape.Root, _row))
            {
                // Neither half holds anything: the spec leaves this to fields of shredded objects; read as the variant null.
                _writer.Null();
            }

            return new ParquetVariant(_keys.Extended ? _keys.Metadata() : metadata, _writer.Written.ToArray());
        }
        catch (Exception error) when (error is FormatException or OverflowException)
        {
            throw Corrupt($"its variant is not valid ({error.Message})");
        }
    }

    /// <summary>Writes the variant a group holds at <paramref name="entry"/>; false when it holds none (a missing object field).</summary>
    private bool Part(VariantPart part, int entry)
    {
        byte[]? value = part.Value is { } node ? _records.Reference<byte[]>(node, entry) : null;
        switch (part.Typed)
        {
            case VariantScalar scalar when Scalar(scalar, entry):
                return true;
            case VariantObject shredded when !_records.IsNull(shredded.Node, entry, nullable: true):
                Object(shredded, value, entry, part);
                return true;
            case VariantArray array when !_records.IsNullList(array.Node, entry, nullable: true):
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
        int first = _records.Start(array.Node, entry);
        int length = _records.LengthOf(array.Node, entry);
        int start = _writer.Position;
        int[] offsets = new int[length];
        for (int i = 0; i < length; i++)
        {
            offsets[i] = _writer.Position - start;
            if (!Part(array.Element, first + i))
            {
                _writer.Null();
            }
        }

        _writer.EndArray(start, offsets);
    }

    /// <summary>Writes a shredded column's value at <paramref name="entry"/>; false where it is null.</summary>
    private bool Scalar(VariantScalar scalar, int entry)
    {
        int node = scalar.Node;
        switch (scalar.Kind)
        {
            case VariantScalarKind.Boolean when _records.Nullable<bool>(node, entry) is { } flag:
                _writer.Boolean(flag);
                return true;
            case VariantScalarKind.Integer when _records.Nullable<long>(node, entry) is { } integer:
                switch (scalar.Type)
                {
                    case VariantFormat.Int8Type: _writer.Int8((sbyte)integer); break;
                    case VariantFormat.Int16Type: _writer.Int16((short)integer); break;
                    case VariantFormat.Int32Type: _writer.Int32((int)integer); break;
                    default: _writer.Int64(integer); break;
                }

                return true;
            case VariantScalarKind.Float when _records.Nullable<float>(node, entry) is { } single:
                _writer.Float(single);
                return true;
            case VariantScalarKind.Double when _records.Nullable<double>(node, entry) is { } number:
                _writer.Double(number);
                return true;
            case VariantScalarKind.Decimal when _records.Reference<string>(node, entry) is { } text:
                _writer.Decimal(BigInteger.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), scalar.Scale, scalar.Precision);
                return true;
            case VariantScalarKind.Date when _records.Nullable<int>(node, entry) is { } days:
                _writer.Date(days);
                return true;
            case VariantScalarKind.Temporal when _records.Nullable<long>(node, entry) is { } count:
                _writer.Temporal(scalar.Type, scalar.Multiplier >= 0 ? checked(count * scalar.Multiplier) : count / -scalar.Multiplier);
                return true;
            case VariantScalarKind.String when _records.Reference<byte[]>(node, entry) is { } utf8:
                _writer.String(utf8);
                return true;
            case VariantScalarKind.Binary when _records.Reference<byte[]>(node, entry) is { } bytes:
                _writer.Binary(bytes);
                return true;
            case VariantScalarKind.Uuid when _records.Nullable<Guid>(node, entry) is { } uuid:
                _writer.Uuid(uuid);
                return true;
            default:
                return false;
        }
    }

    private CorruptParquetFileException Corrupt(string problem) =>
        ParquetErrors.Corrupt(reader.Binding.FileName, reader.RowGroup, _bound.FileColumnName[..Math.Max(0, _bound.FileColumnName.IndexOf('/', StringComparison.Ordinal))] is { Length: > 0 } group ? group : _bound.FileColumnName,
            $"row {reader.FirstRow + _row}: {problem}");
}
