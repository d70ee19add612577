namespace Alimentar.Binding;

/// <summary>What a reader does for each member value type: one generic step for value types, one each for strings and byte arrays.</summary>
/// <typeparam name="TResult">What the step gives back.</typeparam>
internal interface IColumnTypeVisitor<out TResult>
{
    TResult Value<T>()
        where T : struct;

    TResult String();

    TResult Binary();
}

/// <summary>The one place that turns a <see cref="ColumnType"/> into its CLR type, for readers that hold values in generic buffers.</summary>
internal static class ColumnTypes
{
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
            ColumnType.String => visitor.String(),
            ColumnType.Binary => visitor.Binary(),
            _ => throw new InvalidOperationException($"A value of type {type} has no reader."),
        };
}
