using Apache.Arrow;
using Apache.Arrow.Types;

namespace Alimentar.Arrow;

/// <summary>A row type's columns bound to an Arrow schema's fields, by the same name rules as Parquet files.</summary>
internal sealed class ArrowBinding
{
    private readonly int[] _fieldIndexes;
    private readonly string[] _fieldNames;
    private readonly StringPool?[] _stringPools;

    private ArrowBinding(string name, RowSchema rowSchema, int[] fieldIndexes, string[] fieldNames)
    {
        Name = name;
        RowSchema = rowSchema;
        _fieldIndexes = fieldIndexes;
        _fieldNames = fieldNames;
        _stringPools = new StringPool?[fieldIndexes.Length];
    }

    public string Name { get; }

    public RowSchema RowSchema { get; }

    public static ArrowBinding Bind(Schema schema, RowSchema rowSchema, string name)
    {
        string[] names = schema.FieldsList.Select(f => f.Name).ToArray();
        var indexes = new int[rowSchema.Columns.Count];
        for (int i = 0; i < indexes.Length; i++)
        {
            ColumnDescriptor column = rowSchema.Columns[i];
            int match = ColumnNameMatcher.Find(column, names, both => ParquetSchemaBinder.Mismatch(name, rowSchema, column, "one field", $"two fields that both match: {both}"));
            if (match < 0)
            {
                throw ParquetSchemaBinder.Mismatch(name, rowSchema, column, $"a field named '{column.Name}'", $"no such field; the stream has {string.Join(", ", names.Select(n => $"'{n}'"))}");
            }

            IArrowType type = schema.FieldsList[match].DataType;
            if (Misfit(column, type, column.ListDepth, column.MemberName) is { } misfit)
            {
                throw ParquetSchemaBinder.Mismatch(name, rowSchema, column, misfit.Expected, misfit.Found);
            }


            indexes[i] = match;
        }

        return new ArrowBinding(name, rowSchema, indexes, names);
    }

    /// <summary>
    /// The field of a struct that a record field binds to: by the same name rules, or by position for a map's key
    /// and value (Arrow writers name them key/value, keys/values or otherwise).
    /// </summary>
    public static int FieldOf(ColumnDescriptor field, string[] names, int position)
    {
        int match = ColumnNameMatcher.Find(field, names, both => new InvalidOperationException($"two fields match {field.Name}: {both}"));
        return match >= 0 ? match : field.Name is "key" or "value" && names.Length == 2 ? position : -1;
    }

    /// <summary>What does not fit when <paramref name="descriptor"/> (with <paramref name="lists"/> lists to go) reads Arrow <paramref name="type"/>; null when it fits.</summary>
    private static (string Expected, string Found)? Misfit(ColumnDescriptor descriptor, IArrowType type, int lists, string name)
    {
        if (descriptor.Type == ColumnType.Variant && lists == 0)
        {
            // A variant is a struct of its two binaries, wherever it lies (a member, a list's element, a record's field, a map's value).
            bool binaries = type is StructType group && new[] { "metadata", "value" }.All(field =>
                group.GetFieldIndex(field) is var index and >= 0 && group.Fields[index].DataType.TypeId is ArrowTypeId.Binary or ArrowTypeId.LargeBinary or ArrowTypeId.BinaryView);
            return binaries ? null : ($"a struct of 'metadata' and 'value' binaries (a variant) for {name}", $"Arrow {type.Name}");
        }

        if (lists > 0)
        {
            IArrowType? element = type switch
            {
                MapType map => map.KeyValueType,
                ListType list => list.ValueDataType,
                LargeListType large => large.ValueDataType,
                FixedSizeListType fixedSize => fixedSize.ValueDataType,
                _ => null,
            };
            return element is null ? ($"a list for {name}", $"Arrow {type.Name}") : Misfit(descriptor, element, lists - 1, name);
        }

        if (descriptor.Fields is { } fields)
        {
            if (type is not StructType group)
            {
                return ($"a record for {name}", $"Arrow {type.Name}");
            }

            string[] names = group.Fields.Select(f => f.Name).ToArray();
            for (int f = 0; f < fields.Count; f++)
            {
                int match;
                try
                {
                    match = FieldOf(fields[f], names, f);
                }
                catch (InvalidOperationException ambiguous)
                {
                    // Two fields of the struct match the member (a writer that repeated a name): a mismatch like any other.
                    return ($"one field for {name}.{fields[f].MemberName}", ambiguous.Message);
                }

                if (match < 0)
                {
                    return ($"a field '{fields[f].Name}' for {name}.{fields[f].MemberName}", $"a struct of {string.Join(", ", names.Select(n => $"'{n}'"))}");
                }

                if (Misfit(fields[f], group.Fields[match].DataType, fields[f].ListDepth, $"{name}.{fields[f].MemberName}") is { } misfit)
                {
                    return misfit;
                }
            }

            return null;
        }

        // Sixteen fixed bytes are a UUID to a Guid member and bytes to a byte[] one, as in Parquet.
        bool bytesOfAUuid = type is FixedSizeBinaryType { ByteWidth: 16 } && descriptor.Type == ColumnType.Binary;
        return bytesOfAUuid || FileValueKinds.CanConvert(KindOf(type), descriptor.Type) ? null : ($"{descriptor.Type} for {name}", $"Arrow {type.Name}");
    }

    public int FieldIndex(int column) => _fieldIndexes[column];

    public string FieldName(int column) => _fieldNames[_fieldIndexes[column]];

    public StringPool StringPoolFor(int column) => _stringPools[column] ??= new StringPool();

    /// <summary>A null met in <paramref name="column"/> where its member cannot hold one: the stream, batch, column and row, and what is null.</summary>
    public UnexpectedNullException UnexpectedNull(int column, int batch, int row, string what) => new(
        $"Null in '{Name}', batch {batch}, column '{FieldName(column)}', row {row}: member {RowSchema.RowTypeName}.{RowSchema.Columns[column].MemberName} {what}; declare it nullable.")
    {
        FilePath = Name,
        ColumnName = FieldName(column),
        RowGroup = batch,
        Row = row,
    };

    public UnsupportedParquetFeatureException Unsupported(int column, string arrowType) =>
        new($"Cannot read '{Name}', column '{FieldName(column)}': Arrow {arrowType} is not supported.") { FilePath = Name };

    /// <summary>The value kind an Arrow type decodes to, matching the Parquet kinds so the same conversions apply.</summary>
    private static FileValueKind KindOf(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Boolean => FileValueKind.Boolean,
        ArrowTypeId.Int8 => FileValueKind.SByte,
        ArrowTypeId.UInt8 => FileValueKind.Byte,
        ArrowTypeId.Int16 => FileValueKind.Int16,
        ArrowTypeId.UInt16 => FileValueKind.UInt16,
        ArrowTypeId.Int32 => FileValueKind.Int32,
        ArrowTypeId.UInt32 => FileValueKind.UInt32,
        ArrowTypeId.Int64 => FileValueKind.Int64,
        ArrowTypeId.UInt64 => FileValueKind.UInt64,
        ArrowTypeId.HalfFloat => FileValueKind.Half,
        ArrowTypeId.Float => FileValueKind.Single,
        ArrowTypeId.Double => FileValueKind.Double,
        ArrowTypeId.Decimal128 => FileValueKind.Decimal,
        ArrowTypeId.String or ArrowTypeId.LargeString or ArrowTypeId.StringView => FileValueKind.Utf8String,
        ArrowTypeId.Binary or ArrowTypeId.LargeBinary or ArrowTypeId.BinaryView => FileValueKind.Bytes,
        ArrowTypeId.Dictionary when type is DictionaryType { ValueType: var values } && KindOf(values) is FileValueKind.Utf8String or FileValueKind.Bytes => KindOf(values),
        ArrowTypeId.Timestamp => FileValueKind.DateTime,
        ArrowTypeId.Date32 or ArrowTypeId.Date64 => FileValueKind.DateOnly,
        ArrowTypeId.Time32 or ArrowTypeId.Time64 or ArrowTypeId.Duration => FileValueKind.TimeSpan,
        ArrowTypeId.FixedSizedBinary when type is FixedSizeBinaryType { ByteWidth: 16 } => FileValueKind.Guid,
        ArrowTypeId.Interval => FileValueKind.Interval,
        ArrowTypeId.FixedSizedBinary => FileValueKind.Bytes,
        _ => FileValueKind.Unsupported,
    };
}
