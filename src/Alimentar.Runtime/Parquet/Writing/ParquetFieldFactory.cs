using global::Parquet.Schema;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// The Parquet field each column type is written as: the physical and logical types Spark, DuckDB and
/// pyarrow expect (timestamps as INT64 TIMESTAMP(MICROS, UTC), times as TIME(MICROS), UUID for Guid).
/// </summary>
internal static class ParquetFieldFactory
{
    public const int DefaultDecimalPrecision = 38;
    public const int DefaultDecimalScale = 18;

    public static ParquetSchema CreateSchema(RowSchema rowSchema)
    {
        // Parquet.Net, the writer for now, cannot write records or lists of lists the way the reader reads them.
        if (rowSchema.Columns.FirstOrDefault(c => c.Fields is not null || c.ListDepth > 1) is { } nested)
        {
            throw new NotSupportedException(
                $"{rowSchema.RowTypeName}.{nested.MemberName} is {ParquetSchemaBinder.Describe(nested)}, which cannot be written to Parquet yet: Alimentar's own Parquet writer will write it. Reading it works, and so does ToArrow.");
        }

        return new(rowSchema.Columns.Select(Create).ToArray());
    }

    /// <summary>A list is written as the standard three-level LIST whose leaf is called <c>element</c>, as Spark and pyarrow write it.</summary>
    public static Field Create(ColumnDescriptor column) => column.IsList
        ? new ListField(column.Name, CreateLeaf("element", column, column.ElementIsNullable))
        : CreateLeaf(column.Name, column, column.IsNullable);

    private static DataField CreateLeaf(string name, ColumnDescriptor column, bool nullable)
    {
        return column.Type switch
        {
            ColumnType.Boolean => new DataField(name, typeof(bool), nullable),
            ColumnType.SByte => new DataField(name, typeof(sbyte), nullable),
            ColumnType.Byte => new DataField(name, typeof(byte), nullable),
            ColumnType.Int16 => new DataField(name, typeof(short), nullable),
            ColumnType.UInt16 => new DataField(name, typeof(ushort), nullable),
            ColumnType.Int32 => new DataField(name, typeof(int), nullable),
            ColumnType.UInt32 => new DataField(name, typeof(uint), nullable),
            ColumnType.Int64 => new DataField(name, typeof(long), nullable),
            ColumnType.UInt64 => new DataField(name, typeof(ulong), nullable),
            ColumnType.Single or ColumnType.Half => new DataField(name, typeof(float), nullable),
            ColumnType.Double => new DataField(name, typeof(double), nullable),
            ColumnType.Decimal => new DecimalDataField(
                name,
                column.Precision > 0 ? column.Precision : DefaultDecimalPrecision,
                column.Precision > 0 ? column.Scale : DefaultDecimalScale,
                forceByteArrayEncoding: false,
                isNullable: nullable),
            ColumnType.String => new DataField(name, typeof(string), nullable),
            ColumnType.Binary => new DataField(name, typeof(byte[]), nullable),
            ColumnType.DateTime or ColumnType.DateTimeOffset =>
                new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: nullable),
            ColumnType.DateOnly => new DataField(name, typeof(DateOnly), nullable),
            ColumnType.TimeOnly or ColumnType.TimeSpan => new TimeDataField(name, TimeUnitPrecision.Micros, nullable),
            ColumnType.Guid => new DataField(name, typeof(Guid), nullable),
            _ => throw new NotSupportedException($"Column '{name}' has type {column.Type}, which cannot be written."),
        };
    }
}
