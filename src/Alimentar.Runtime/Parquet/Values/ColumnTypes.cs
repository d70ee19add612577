namespace Alimentar.Parquet.Values;

/// <summary>What a reader does for each member value type: one generic step for value types, one each for strings and byte arrays.</summary>
/// <typeparam name="TResult">What the step gives back.</typeparam>
internal interface IColumnTypeVisitor<out TResult>
{
    TResult Value<T>()
        where T : struct;

    TResult String();

    TResult Binary();
}

/// <summary>
/// The one place that says what a <see cref="ColumnType"/> is: its CLR type, for readers and writers that hold values
/// in generic buffers (<see cref="Accept{TResult, TVisitor}"/>), its C# name, and whether it is an integer.
/// </summary>
internal static class ColumnTypes
{
    /// <summary>The C# name of the member type, as a row type declares it (<c>long</c>, <c>DateTime</c>, <c>byte[]</c>).</summary>
    public static string CSharpName(ColumnType type) => type switch
    {
        ColumnType.Boolean => "bool",
        ColumnType.SByte => "sbyte",
        ColumnType.Byte => "byte",
        ColumnType.Int16 => "short",
        ColumnType.UInt16 => "ushort",
        ColumnType.Int32 => "int",
        ColumnType.UInt32 => "uint",
        ColumnType.Int64 => "long",
        ColumnType.UInt64 => "ulong",
        ColumnType.Single => "float",
        ColumnType.Double => "double",
        ColumnType.Decimal => "decimal",
        ColumnType.String => "string",
        ColumnType.Binary => "byte[]",
        ColumnType.Group => "record",
        ColumnType.Interval => "ParquetInterval",
        ColumnType.Variant => "ParquetVariant",
        _ => type.ToString(),
    };

    /// <summary>Whether the member type is one of the eight integer types.</summary>
    public static bool IsInteger(ColumnType type) => type is ColumnType.SByte or ColumnType.Byte or ColumnType.Int16 or ColumnType.UInt16
        or ColumnType.Int32 or ColumnType.UInt32 or ColumnType.Int64 or ColumnType.UInt64;

    public static TResult Accept<TResult, TVisitor>(ColumnType type, TVisitor visitor)
        where TVisitor : IColumnTypeVisitor<TResult> => type switch
        {
            ColumnType.Boolean => visitor.Value<bool>(),
            ColumnType.SByte => visitor.Value<sbyte>(),
            ColumnType.Byte => visitor.Value<byte>(),
            ColumnType.Int16 => visitor.Value<short>(),
            ColumnType.UInt16 => visitor.Value<ushort>(),
            ColumnType.Int32 => visitor.Value<int>(),
            ColumnType.UInt32 => visitor.Value<uint>(),
            ColumnType.Int64 => visitor.Value<long>(),
            ColumnType.UInt64 => visitor.Value<ulong>(),
            ColumnType.Single => visitor.Value<float>(),
            ColumnType.Double => visitor.Value<double>(),
            ColumnType.Decimal => visitor.Value<decimal>(),
            ColumnType.DateTime => visitor.Value<DateTime>(),
            ColumnType.DateTimeOffset => visitor.Value<DateTimeOffset>(),
            ColumnType.DateOnly => visitor.Value<DateOnly>(),
            ColumnType.TimeOnly => visitor.Value<TimeOnly>(),
            ColumnType.TimeSpan => visitor.Value<TimeSpan>(),
            ColumnType.Guid => visitor.Value<Guid>(),
            ColumnType.Half => visitor.Value<Half>(),
            ColumnType.Interval => visitor.Value<ParquetInterval>(),
            ColumnType.Variant => visitor.Value<ParquetVariant>(),
            ColumnType.String => visitor.String(),
            ColumnType.Binary => visitor.Binary(),
            _ => throw new InvalidOperationException($"A value of type {type} has no reader."),
        };
}
