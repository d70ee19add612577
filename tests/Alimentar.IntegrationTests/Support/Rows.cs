namespace Alimentar.IntegrationTests;

/// <summary>The Impala alltypes test files, bound by snake_case to PascalCase names.</summary>
[StreamingDataset]
public partial record AllTypes(
    int Id,
    bool BoolCol,
    sbyte TinyintCol,
    short SmallintCol,
    int IntCol,
    long BigintCol,
    float FloatCol,
    double DoubleCol,
    string DateStringCol,
    string StringCol,
    DateTime TimestampCol);

/// <summary>nulls.snappy.parquet: a nullable leaf inside a struct, bound by its path.</summary>
[StreamingDataset]
public partial record StructLeaf([property: ParquetColumn("b_struct.b_c_int")] int? Value);

/// <summary>Every supported column type, required and nullable.</summary>
[StreamingDataset]
public partial record AllColumns(
    bool Flag, sbyte Tiny, byte Octet, short Small, ushort USmall, int Medium, uint UMedium,
    long Large, ulong ULarge, float Single, double Double, decimal Money, string Text, byte[] Blob,
    DateTime When, DateTimeOffset WhenOffset, DateOnly Day, TimeOnly Clock, TimeSpan Span, Guid Key,
    bool? MaybeFlag, int? MaybeMedium, long? MaybeLarge, double? MaybeDouble, decimal? MaybeMoney,
    string? MaybeText, byte[]? MaybeBlob, DateTime? MaybeWhen, DateOnly? MaybeDay, Guid? MaybeKey);

[StreamingDataset]
public partial record Measurement(long Id, string Sensor, double? Reading);

[StreamingDataset]
public partial record MeasurementWithoutNulls(long Id, string Sensor, double Reading);

[StreamingDataset]
public partial record MeasurementMissingColumn(long Id, string Station);

[StreamingDataset]
public partial record MeasurementWrongType(long Id, int Sensor);

[StreamingDataset]
public partial record ImpalaList(long Id, int IntArray);

[StreamingDataset]
public partial record AmbiguousName(long Id, string SensorName);

public enum Weekday
{
    Monday,
    Tuesday,
    Wednesday,
}

/// <summary>Enums both ways, a sized decimal, and serializer-style attributes.</summary>
[StreamingDataset]
public partial record Shipment(
    long Id,
    Weekday Day,
    [property: ParquetEnumAsString] Weekday? Named,
    [property: ParquetDecimal(12, 3)] decimal Weight,
    int? Count,
    [property: System.Text.Json.Serialization.JsonPropertyName("destination_city")] string Destination)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Scratch { get; init; }
}

/// <summary>One-level lists in every container, with null and empty lists and null elements.</summary>
[StreamingDataset]
public partial record Basket(
    long Id,
    int[] Quantities,
    List<string> Tags,
    IReadOnlyList<double?>? Prices,
    string?[]? Notes,
    List<DateTime>? Times);

/// <summary>Every scalar column type, for Arrow round trips (Arrow lists are not converted yet).</summary>
[StreamingDataset]
public partial record ArrowRow(
    bool Flag, sbyte Tiny, byte Octet, short Small, ushort USmall, int Medium, uint UMedium, long Large, ulong ULarge,
    float Single, double Double, [property: ParquetDecimal(20, 4)] decimal Money, string Text, byte[] Blob, DateTime When,
    DateTimeOffset WhenOffset, DateOnly Day, TimeOnly Clock, TimeSpan Span, Guid Key,
    int? MaybeMedium, double? MaybeDouble, string? MaybeText, DateTime? MaybeWhen, Guid? MaybeKey, decimal? MaybeMoney);

[StreamingDataset]
public partial record MeasurementAllNullable(long? Id, string? Sensor, double? Reading);
