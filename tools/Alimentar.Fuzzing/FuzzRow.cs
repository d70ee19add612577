namespace Alimentar.Fuzzing;

/// <summary>A color, read from its name or its number.</summary>
public enum Hue
{
    Red,
    Green,
    Blue,
}

/// <summary>A record inside a row: a struct column, and the items of a list of structs.</summary>
public sealed record Inner(long X, string? Label);

/// <summary>
/// A row of every kind of column the readers decode: integers of each width, floats, booleans, strings, bytes, UUIDs,
/// times, decimals, an enum, a list, a list of nullable strings, a map, a struct, a list of structs, a list of lists and a variant.
/// </summary>
[StreamingDataset]
public sealed partial record FuzzRow(
    long Id,
    int? Small,
    short? Shorty,
    ulong? Unsigned,
    double? Reading,
    float Ratio,
    bool? Flag,
    string? Note,
    string Name,
    byte[]? Blob,
    Guid? Key,
    DateTime? At,
    DateOnly? Day,
    TimeOnly? Time,
    decimal? Price,
    Hue Hue,
    List<int>? Numbers,
    string?[]? Tags,
    Dictionary<string, long>? Counts,
    Inner? Record,
    List<Inner>? Records,
    long[][]? Pairs,
    ParquetVariant? Extra);
