using System.Globalization;
using System.Numerics;

namespace Alimentar.IntegrationTests;

/// <summary>arrow-rs's nested family: lists, lists of structs, a map, lists of lists, a struct, lists of binary.</summary>
[StreamingDataset]
public partial record ArrowRsNestedRow(long? Id, int?[]? Ints, string?[]? Strs, ArrowRsPoint?[]? Points, Dictionary<string, long?>? Attrs, int?[]?[]? Matrix, ArrowRsPair? Pt, byte[]?[]? Blobs, bool? Flag)
{
    public static IReadOnlyDictionary<string, object?> Project(ArrowRsNestedRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id?.ToString(CultureInfo.InvariantCulture),
        ["ints"] = row.Ints,
        ["strs"] = row.Strs,
        ["points"] = row.Points?.Select(p => p is null ? null : new Dictionary<string, object?> { ["x"] = p.X, ["y"] = p.Y, ["tag"] = p.Tag }).ToList(),
        ["attrs"] = row.Attrs?.ToDictionary(entry => entry.Key, entry => (object?)entry.Value?.ToString(CultureInfo.InvariantCulture)),
        ["matrix"] = row.Matrix,
        ["pt"] = row.Pt is null ? null : new Dictionary<string, object?> { ["a"] = row.Pt.A, ["b"] = row.Pt.B },
        ["blobs"] = row.Blobs,
        ["flag"] = row.Flag,
    };
}

/// <summary>An element of <see cref="ArrowRsNestedRow.Points"/>.</summary>
public sealed record ArrowRsPoint(double X, double? Y, string? Tag);

/// <summary><see cref="ArrowRsNestedRow.Pt"/>.</summary>
public sealed record ArrowRsPair(int A, string? B);

/// <summary>arrow-rs's flat family: every integer width signed and unsigned, floats, strings, bytes, dates, times and timestamps.</summary>
[StreamingDataset]
public partial record ArrowRsFlatRow(int? Id, sbyte? I8, short? I16, int? I32, long? I64, byte? U8, ushort? U16, uint? U32, ulong? U64, float? F32, double? F64, bool? B, string? S, string? Ls, byte[]? Bin, byte[]? Fsb, DateOnly? D32, long? Tss, DateTime? Tsms, DateTime? Tsus, DateTime? Tsns, TimeOnly? T32, TimeOnly? T64, string? Dict)
{
    public static IReadOnlyDictionary<string, object?> Project(ArrowRsFlatRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id, ["i8"] = row.I8, ["i16"] = row.I16, ["i32"] = row.I32, ["i64"] = row.I64?.ToString(CultureInfo.InvariantCulture),
        ["u8"] = row.U8, ["u16"] = row.U16, ["u32"] = row.U32, ["u64"] = row.U64?.ToString(CultureInfo.InvariantCulture),
        ["f32"] = row.F32, ["f64"] = row.F64, ["b"] = row.B, ["s"] = row.S, ["ls"] = row.Ls, ["bin"] = row.Bin, ["fsb"] = row.Fsb,
        ["d32"] = row.D32 is { } day ? (long)(day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * 86_400_000 : null,
        // arrow-rs stores second timestamps as plain INT64 seconds; the generator wrote milliseconds.
        ["tss"] = row.Tss * 1000,
        ["tsms"] = OtherWriterValues.Milliseconds(row.Tsms),
        ["tsus"] = OtherWriterValues.Milliseconds(row.Tsus),
        // Arrow JS scales milliseconds to nanoseconds through a double, so a stored value may sit a few nanoseconds below the millisecond.
        ["tsns"] = row.Tsns is { } nanos ? (long)Math.Round((nanos - DateTime.UnixEpoch).TotalMilliseconds) : null,
        ["t32"] = row.T32 is { } millis ? millis.Ticks / TimeSpan.TicksPerMillisecond : null,
        ["t64"] = row.T64 is { } micros ? (micros.Ticks / 10).ToString(CultureInfo.InvariantCulture) : null,
        ["dict"] = row.Dict,
    };
}

/// <summary>arrow-rs's deep family: lists of maps of lists, a map of structs, structs in structs, large and fixed-size lists, FLOAT16, decimals.</summary>
[StreamingDataset]
public partial record ArrowRsDeepRow(int? Id, Dictionary<string, int[]?>?[]? Lm, Dictionary<int, ArrowRsScore?>? Ms, ArrowRsOuter? Deep, string?[]? Ll, float[]? Fsl, Half? H, decimal? D9, string? D38)
{
    public static IReadOnlyDictionary<string, object?> Project(ArrowRsDeepRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id,
        ["lm"] = row.Lm?.Select(map => map?.ToDictionary(entry => entry.Key, entry => (object?)entry.Value)).ToList(),
        ["ms"] = row.Ms?.ToDictionary(entry => entry.Key.ToString(CultureInfo.InvariantCulture), entry => (object?)(entry.Value is null ? null : new Dictionary<string, object?> { ["name"] = entry.Value.Name, ["score"] = entry.Value.Score })),
        ["deep"] = row.Deep is null ? null : new Dictionary<string, object?>
        {
            ["n"] = row.Deep.N,
            ["inner"] = row.Deep.Inner is null ? null : new Dictionary<string, object?> { ["vals"] = row.Deep.Inner.Vals, ["label"] = row.Deep.Inner.Label },
        },
        ["ll"] = row.Ll,
        ["fsl"] = row.Fsl,
        ["h"] = row.H is { } half ? (double)half : null,
        // The generator wrote decimals as their unscaled integers.
        ["d9"] = row.D9 is { } small ? (small * 100).ToString("0", CultureInfo.InvariantCulture) : null,
        ["d38"] = row.D38 is { } wide ? BigInteger.Parse(wide.Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : null,
    };
}

/// <summary>A value of <see cref="ArrowRsDeepRow.Ms"/>.</summary>
public sealed record ArrowRsScore(string Name, double? Score);

/// <summary><see cref="ArrowRsDeepRow.Deep"/>.</summary>
public sealed record ArrowRsOuter(ArrowRsInner? Inner, int N);

/// <summary><see cref="ArrowRsOuter.Inner"/>.</summary>
public sealed record ArrowRsInner(int?[]? Vals, string? Label);

/// <summary>arrow-rs's misc family: a dictionary falling back to plain, nulls only, Arrow's null type, durations, dictionary list items.</summary>
[StreamingDataset]
public partial record ArrowRsMiscRow(int Id, int? Nothing, int? RequiredNothing, string? Allnull, long? Dur, string? Uniq, string?[]? Ldict)
{
    public static IReadOnlyDictionary<string, object?> Project(ArrowRsMiscRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id, ["nothing"] = row.Nothing, ["required_nothing"] = row.RequiredNothing, ["allnull"] = row.Allnull, ["dur"] = row.Dur?.ToString(CultureInfo.InvariantCulture), ["uniq"] = row.Uniq, ["ldict"] = row.Ldict,
    };
}

/// <summary>arrow-rs's REQUIRED column of Arrow's null type, bound to a member that cannot hold null.</summary>
[StreamingDataset]
public partial record ArrowRsNotNullRow(int Id, int RequiredNothing);

/// <summary>arrow-rs's file of no rows.</summary>
[StreamingDataset]
public partial record ArrowRsEmptyRow(int? Id, string? S, int?[]? L);

/// <summary>hyparquet-writer's scalar columns.</summary>
[StreamingDataset]
public partial record HyparquetRow(int Id, long? Big, float? F, double? D, string? S, bool? B, DateTime? Ts, string? J, Guid? U, string Konst, int? Sorted, double? Split)
{
    public static IReadOnlyDictionary<string, object?> Project(HyparquetRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id, ["big"] = row.Big?.ToString(CultureInfo.InvariantCulture), ["f"] = row.F, ["d"] = row.D, ["s"] = row.S, ["b"] = row.B,
        ["ts"] = OtherWriterValues.Milliseconds(row.Ts), ["j"] = row.J, ["u"] = row.U?.ToString("N"), ["konst"] = row.Konst,
        ["sorted"] = row.Sorted, ["split"] = row.Split,
    };
}

/// <summary>hyparquet-writer's DELTA_LENGTH_BYTE_ARRAY and BYTE_STREAM_SPLIT file.</summary>
[StreamingDataset]
public partial record HyparquetDeltaLengthRow(int Id, string? S, float? F, long? Big)
{
    public static IReadOnlyDictionary<string, object?> Project(HyparquetDeltaLengthRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id, ["s"] = row.S, ["f"] = row.F, ["big"] = row.Big?.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>hyparquet-writer's lists.</summary>
[StreamingDataset]
public partial record HyparquetListsRow(int Id, string?[]? Tags, int[] Nums)
{
    public static IReadOnlyDictionary<string, object?> Project(HyparquetListsRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id, ["tags"] = row.Tags, ["nums"] = row.Nums,
    };
}

/// <summary>The shredded VARIANT column of hyparquet-writer's file with VARIANT and GEOMETRY columns.</summary>
[StreamingDataset]
public partial record HyparquetVariantRow(int Id, ParquetVariant? Event);

/// <summary>The plain columns of hyparquet-writer's file with VARIANT and GEOMETRY columns.</summary>
[StreamingDataset]
public partial record HyparquetBesideVariantRow(int Id, string? S)
{
    public static IReadOnlyDictionary<string, object?> Project(HyparquetBesideVariantRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id, ["s"] = row.S,
    };
}

/// <summary>parquetjs's columns: bare repeated fields, a repeated group holding a repeated field, an optional group.</summary>
[StreamingDataset]
public partial record ParquetJsRow(long Id, string Name, int? Opt, int? Coded, bool? Flag, string[] Tags, DateTime? When, DateTime? Whenus, DateOnly? Day, TimeOnly? T, byte U8, short I16, ulong? U64, float F, double D, byte[]? Blob, ParquetJsStock[] Stock, ParquetJsAddress? Addr)
{
    public static IReadOnlyDictionary<string, object?> Project(ParquetJsRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id, ["name"] = row.Name, ["opt"] = row.Opt, ["coded"] = row.Coded, ["flag"] = row.Flag, ["tags"] = row.Tags,
        ["when"] = OtherWriterValues.Milliseconds(row.When),
        ["whenus"] = row.Whenus is { } micros ? ((micros - DateTime.UnixEpoch).Ticks / 10).ToString(CultureInfo.InvariantCulture) : null,
        ["day"] = row.Day is { } day ? day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber : null,
        ["t"] = row.T is { } time ? time.Ticks / TimeSpan.TicksPerMillisecond : null,
        ["u8"] = row.U8, ["i16"] = row.I16, ["u64"] = row.U64?.ToString(CultureInfo.InvariantCulture), ["f"] = row.F, ["d"] = row.D, ["blob"] = row.Blob,
        ["stock"] = row.Stock.Select(s => new Dictionary<string, object?> { ["qty"] = s.Qty, ["wh"] = s.Wh }).ToList(),
        ["addr"] = row.Addr is null ? null : new Dictionary<string, object?> { ["city"] = row.Addr.City, ["zip"] = row.Addr.Zip },
    };
}

/// <summary>An element of <see cref="ParquetJsRow.Stock"/>.</summary>
public sealed record ParquetJsStock(long[] Qty, string Wh);

/// <summary><see cref="ParquetJsRow.Addr"/>.</summary>
public sealed record ParquetJsAddress(string City, int? Zip);

/// <summary>Polars's columns: a categorical, dates, lists, a struct and a list of structs.</summary>
[StreamingDataset]
public partial record PolarsRow(long? Id, long? Big, double? F, string? S, bool? B, string? Cat, DateOnly? Day, DateTime? Ts, string?[]? Tags, int?[]? Nums, PolarsPoint? Pt, PolarsPoint?[]? Pts)
{
    public static IReadOnlyDictionary<string, object?> Project(PolarsRow row) => new Dictionary<string, object?>
    {
        ["id"] = row.Id, ["big"] = row.Big, ["f"] = row.F, ["s"] = row.S, ["b"] = row.B, ["cat"] = row.Cat,
        ["day"] = row.Day is { } day ? day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber : null,
        ["ts"] = OtherWriterValues.Milliseconds(row.Ts),
        ["tags"] = row.Tags, ["nums"] = row.Nums,
        ["pt"] = row.Pt is null ? null : new Dictionary<string, object?> { ["x"] = row.Pt.X, ["label"] = row.Pt.Label },
        ["pts"] = row.Pts?.Select(p => p is null ? null : new Dictionary<string, object?> { ["x"] = p.X, ["label"] = p.Label }).ToList(),
    };
}

/// <summary><see cref="PolarsRow.Pt"/> and an element of <see cref="PolarsRow.Pts"/>.</summary>
public sealed record PolarsPoint(long? X, string? Label);

/// <summary>Projections shared by the rows above.</summary>
internal static class OtherWriterValues
{
    public static long? Milliseconds(DateTime? instant) => instant is { } value ? (value - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond : null;
}
