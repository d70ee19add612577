namespace Alimentar.Generators.Model
{
    /// <summary>
    /// The runtime's <c>Alimentar.ColumnType</c>, member for member: the generator targets netstandard2.0 and cannot
    /// reference it, and emits a column's kind by name (<c>ColumnType.{kind}</c>). A test keeps the two in step.
    /// </summary>
    internal enum ColumnKind
    {
        Boolean,
        SByte,
        Byte,
        Int16,
        UInt16,
        Int32,
        UInt32,
        Int64,
        UInt64,
        Single,
        Double,
        Decimal,
        String,
        Binary,
        DateTime,
        DateTimeOffset,
        DateOnly,
        TimeOnly,
        TimeSpan,
        Guid,
        Half,
        Group,
        Interval,
        Variant,
    }
}
