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
            if (column.Fields is not null || column.ListDepth > 1)
            {
                throw ParquetSchemaBinder.Mismatch(name, rowSchema, column, ParquetSchemaBinder.Describe(column), $"Arrow {type.Name}; records and lists of lists are read from Parquet, not yet from Arrow");
            }

            IArrowType? element = type is ListType list ? list.ValueDataType : null;
            if (column.IsList != element is not null || !FileValueKinds.CanConvert(KindOf(element ?? type), column.Type))
            {
                throw ParquetSchemaBinder.Mismatch(name, rowSchema, column, column.IsList ? $"a list of {column.Type}" : column.Type.ToString(), $"Arrow {type.Name}");
            }

            indexes[i] = match;
        }

        return new ArrowBinding(name, rowSchema, indexes, names);
    }

    public int FieldIndex(int column) => _fieldIndexes[column];

    public string FieldName(int column) => _fieldNames[_fieldIndexes[column]];

    public StringPool StringPoolFor(int column) => _stringPools[column] ??= new StringPool();

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
        ArrowTypeId.String => FileValueKind.Utf8String,
        ArrowTypeId.Binary => FileValueKind.Bytes,
        ArrowTypeId.Timestamp => FileValueKind.DateTime,
        ArrowTypeId.Date32 => FileValueKind.DateOnly,
        ArrowTypeId.Time64 => FileValueKind.TimeSpan,
        ArrowTypeId.FixedSizedBinary when type is FixedSizeBinaryType { ByteWidth: 16 } => FileValueKind.Guid,
        _ => FileValueKind.Unsupported,
    };
}
