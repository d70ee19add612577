namespace Alimentar.Parquet.Format;

/// <summary>How a schema node repeats (Parquet's <c>FieldRepetitionType</c>).</summary>
internal enum Repetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}

/// <summary>The legacy annotations (Parquet's <c>ConvertedType</c>) that older writers use instead of logical types.</summary>
internal enum ConvertedType
{
    Utf8 = 0,
    Map = 1,
    MapKeyValue = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    TimeMillis = 7,
    TimeMicros = 8,
    TimestampMillis = 9,
    TimestampMicros = 10,
    UInt8 = 11,
    UInt16 = 12,
    UInt32 = 13,
    UInt64 = 14,
    Int8 = 15,
    Int16 = 16,
    Int32 = 17,
    Int64 = 18,
    Json = 19,
    Bson = 20,
    Interval = 21,
}

/// <summary>The kinds of Parquet logical type, by their field numbers in the format's union.</summary>
internal enum LogicalTypeKind
{
    None = 0,
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    Integer = 10,
    Unknown = 11,
    Json = 12,
    Bson = 13,
    Uuid = 14,
    Float16 = 15,
    Variant = 16,
    Geometry = 17,
    Geography = 18,

    /// <summary>
    /// Not Parquet's: an INT64 that the footer's Arrow schema calls a duration (<see cref="ArrowSchemaHints"/>). Never
    /// written; outside the format union's numbers.
    /// </summary>
    Duration = 1000,
}

/// <summary>A logical type and the parameters of the kinds that have any.</summary>
/// <param name="Kind">Which logical type.</param>
/// <param name="Scale">DECIMAL: digits after the point.</param>
/// <param name="Precision">DECIMAL: digits in all.</param>
/// <param name="IsAdjustedToUtc">TIME and TIMESTAMP: instants in UTC rather than local wall-clock values.</param>
/// <param name="Unit">TIME and TIMESTAMP: the unit of the stored integers.</param>
/// <param name="BitWidth">INTEGER: 8, 16, 32 or 64.</param>
/// <param name="IsSigned">INTEGER: signed or not.</param>
internal sealed record LogicalType(
    LogicalTypeKind Kind,
    int Scale = 0,
    int Precision = 0,
    bool IsAdjustedToUtc = false,
    TimeUnit Unit = TimeUnit.Micros,
    int BitWidth = 0,
    bool IsSigned = true)
{
    public override string ToString() => Kind switch
    {
        LogicalTypeKind.Decimal => $"DECIMAL({Precision},{Scale})",
        LogicalTypeKind.Integer => $"INT({BitWidth},{(IsSigned ? "signed" : "unsigned")})",
        LogicalTypeKind.Time or LogicalTypeKind.Timestamp => $"{Kind.ToString().ToUpperInvariant()}({Unit.ToString().ToUpperInvariant()}, {(IsAdjustedToUtc ? "UTC" : "local")})",
        LogicalTypeKind.Duration => $"Arrow DURATION({Unit.ToString().ToUpperInvariant()})",
        _ => Kind.ToString().ToUpperInvariant(),
    };
}

/// <summary>One node of a file's schema, as its footer describes it.</summary>
internal sealed record SchemaElement
{
    public required string Name { get; init; }

    /// <summary>The physical type; null for a group.</summary>
    public PhysicalType? Type { get; init; }

    /// <summary>For FIXED_LEN_BYTE_ARRAY, the bytes per value.</summary>
    public int TypeLength { get; init; }

    public Repetition Repetition { get; init; }

    /// <summary>Children of a group; 0 for a leaf.</summary>
    public int ChildCount { get; init; }

    public ConvertedType? ConvertedType { get; init; }

    public int? Scale { get; init; }

    public int? Precision { get; init; }

    public LogicalType? LogicalType { get; init; }

    /// <summary>The id a table format gives the field (Iceberg's, Delta's column mapping by id); null when the writer gave none.</summary>
    public int? FieldId { get; init; }
}
