using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;

namespace Alimentar.Benchmarks;

/// <summary>
/// One column of each common shape, 5M rows as DuckDB writes them (Snappy, 1M-row row groups, dictionaries falling
/// back to PLAIN where values seldom repeat), and one of each encoding other writers choose where DuckDB does not
/// (DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT, INT96; written by Arrow C++
/// through ParquetSharp, as parquet-mr's v2 writer, Spark and feature pipelines write them). Every value is read
/// and folded into a checksum: Alimentar typed columns against ParquetSharp's column reader and DuckDB.NET's
/// streaming reader. Where the other suites read whole rows, this one shows each decoder alone, so a shape that
/// lags cannot hide behind the others.
/// </summary>
/// <remarks>
/// Twenty warm-up passes and ten measured, whatever job runs the suite, as <see cref="ReadBenchmarks"/> has: three
/// warm-ups (<c>--job short</c>) measured our string columns while tiered compilation was still recompiling them,
/// a phase of passes 8 to 13 in one process that took 410–470 ms a pass against 250–290 ms before and after it.
/// </remarks>
[MemoryDiagnoser]
[WarmupCount(20)]
[IterationCount(10)]
public class ColumnShapeBenchmarks
{
    private const int Rows = 5_000_000;
    private string _path = string.Empty;

    /// <summary>
    /// Each shape once: the DuckDB expression that writes its values (spread, with a tenth null where a null costs
    /// something) and how each reader reads them, so a new shape is one entry.
    /// </summary>
    private static readonly Dictionary<string, ShapeReaders> Shapes = new()
    {
        ["long"] = new(
            FromDuckDb("CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 7919) % 1000003 END::BIGINT"),
            path => Sum<LongShape>(path, batch => Fold<long?, Folds>(batch.Value)), ParquetSharpSum<long?, Folds>, reader => reader.GetInt64(0)),
        ["int"] = new(
            FromDuckDb("i::INTEGER"),
            path => Sum<IntShape>(path, batch => Fold<int?, Folds>(batch.Value)), ParquetSharpSum<int?, Folds>, reader => reader.GetInt32(0)),
        ["decimal"] = new(
            FromDuckDb("((i * 37) % 2000000 / 1000.0)::DECIMAL(18, 3)"),
            path => Sum<DecimalShape>(path, batch => Fold<decimal?, Folds>(batch.Value)), ParquetSharpSum<decimal?, Folds>, reader => (double)reader.GetDecimal(0)),
        ["timestamp"] = new(
            FromDuckDb("TIMESTAMP '2024-01-01' + to_microseconds(i * 1000003)"),
            path => Sum<TimestampShape>(path, batch => Fold<DateTime?, Folds>(batch.Value)), ParquetSharpSum<DateTime?, Folds>, reader => reader.GetDateTime(0).Ticks),
        ["bool"] = new(
            FromDuckDb("i % 3 = 0"),
            path => Sum<BoolShape>(path, batch => Fold<bool?, Folds>(batch.Value)), ParquetSharpSum<bool?, Folds>, reader => reader.GetBoolean(0) ? 1 : 0),
        ["double"] = new(
            FromDuckDb("CASE WHEN i % 10 = 0 THEN NULL ELSE sin(i) * 1000 END"),
            path => Sum<DoubleShape>(path, batch => Fold<double?, Folds>(batch.Value)), ParquetSharpSum<double?, Folds>, reader => reader.GetDouble(0)),
        ["string-unique"] = new(
            FromDuckDb("'user-' || md5(i::VARCHAR)[1:12]"),
            path => Sum<StringShape>(path, batch => Fold<string?, Folds>(batch.Value)), ParquetSharpSum<string?, Folds>, reader => reader.GetString(0).Length),
        ["string-repeated"] = new(
            FromDuckDb("'category-' || (i * 7919 % 200)"),
            path => Sum<StringShape>(path, batch => Fold<string?, Folds>(batch.Value)), ParquetSharpSum<string?, Folds>, reader => reader.GetString(0).Length),
        ["uuid"] = new(
            FromDuckDb("md5(i::VARCHAR)::UUID"),
            path => Sum<GuidShape>(path, batch => Fold<Guid?, Folds>(batch.Value)), ParquetSharpSum<Guid?, Folds>, reader => reader.GetGuid(0).GetHashCode()),
        ["date"] = new(
            FromDuckDb("DATE '2000-01-01' + (i % 9000)::INTEGER"),
            path => Sum<DateShape>(path, batch => Fold<DateOnly?, Folds>(batch.Value)), ParquetSharpSum<global::ParquetSharp.Date?, Folds>,
            reader => reader.GetFieldValue<DateOnly>(0).DayNumber),
        ["long-delta"] = new(
            FromArrow(global::ParquetSharp.Encoding.DeltaBinaryPacked, i => (long?)(1_700_000_000_000_000 + i * 1_000_000L + (i * 7919 % 1_000))),
            path => Sum<LongShape>(path, batch => Fold<long?, Folds>(batch.Value)), ParquetSharpSum<long?, Folds>, reader => reader.GetInt64(0)),
        ["int-delta"] = new(
            FromArrow(global::ParquetSharp.Encoding.DeltaBinaryPacked, i => (int?)(int)((uint)i * 2_654_435_761u % 100_000)),
            path => Sum<IntShape>(path, batch => Fold<int?, Folds>(batch.Value)), ParquetSharpSum<int?, Folds>, reader => reader.GetInt32(0)),
        ["double-split"] = new(
            FromArrow(global::ParquetSharp.Encoding.ByteStreamSplit, i => (double?)(Math.Sin(i) * 1000)),
            path => Sum<DoubleShape>(path, batch => Fold<double?, Folds>(batch.Value)), ParquetSharpSum<double?, Folds>, reader => reader.GetDouble(0)),
        ["float-split"] = new(
            FromArrow(global::ParquetSharp.Encoding.ByteStreamSplit, i => (float?)Math.Cos(i)),
            path => Sum<FloatShape>(path, batch => Fold<float?, Folds>(batch.Value)), ParquetSharpSum<float?, Folds>, reader => reader.GetFloat(0)),
        ["string-delta-length"] = new(
            FromArrow(global::ParquetSharp.Encoding.DeltaLengthByteArray, i => $"user-{(uint)i * 2_654_435_761u:x8}-{i % 97}"),
            path => Sum<StringShape>(path, batch => Fold<string?, Folds>(batch.Value)), ParquetSharpSum<string?, Folds>, reader => reader.GetString(0).Length),
        ["string-delta"] = new(
            FromArrow(global::ParquetSharp.Encoding.DeltaByteArray, i => $"https://example.com/catalog/items/{i / 7:D8}/view?ref={i % 13}"),
            path => Sum<StringShape>(path, batch => Fold<string?, Folds>(batch.Value)), ParquetSharpSum<string?, Folds>, reader => reader.GetString(0).Length),
        ["timestamp-int96"] = new(
            FromArrow(global::ParquetSharp.Encoding.Plain, i => (global::ParquetSharp.Int96?)Int96Of(i)),
            path => Sum<TimestampShape>(path, batch => Fold<DateTime?, Folds>(batch.Value)), ParquetSharpSum<global::ParquetSharp.Int96?, Folds>,
            reader => reader.GetDateTime(0).Ticks),
    };

    /// <summary>Every shape, in the order the results list them.</summary>
    public static IEnumerable<string> ShapeNames => Shapes.Keys;

    /// <summary>The shape read, a key of <see cref="Shapes"/>.</summary>
    [ParamsSource(nameof(ShapeNames))]
    public string Shape { get; set; } = "long";

    [GlobalSetup]
    public void WriteFile() => _path = File(Shape);

    [Benchmark(Baseline = true, Description = "Alimentar typed columns")]
    public double Alimentar() => Shapes[Shape].Alimentar(_path);

    [Benchmark(Description = "ParquetSharp LogicalColumnReader (64k values per read)")]
    public double ParquetSharp() => Shapes[Shape].ParquetSharp(_path);

    [Benchmark(Description = "DuckDB.NET streaming reader (GetFieldValue)")]
    public double DuckDb() => Readers.DuckDbQuery($"SELECT Value FROM read_parquet('{_path}')", reader =>
    {
        Func<DuckDBDataReader, double> read = Shapes[Shape].DuckDb;
        double sum = 0;
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                sum += read(reader);
            }
        }

        return sum;
    });

    /// <summary>The file of <paramref name="shape"/>, written once per machine.</summary>
    public static string File(string shape) => Shapes[shape].File($"shape-{shape}-{Rows}");

    /// <summary>A shape DuckDB writes, each value from the expression <paramref name="select"/> over row <c>i</c>.</summary>
    private static Func<string, string> FromDuckDb(string select) =>
        name => BenchmarkFiles.FromDuckDb(name, $"SELECT {select} AS Value FROM range({Rows}) t(i)", "COMPRESSION 'snappy', ROW_GROUP_SIZE 1000000");

    /// <summary>A shape Arrow C++ writes in <paramref name="encoding"/>, each value from row <c>i</c>.</summary>
    private static Func<string, string> FromArrow<TValue>(global::ParquetSharp.Encoding encoding, Func<int, TValue> value) =>
        name => BenchmarkFiles.OneColumnFromArrow(name, Rows, encoding, value);

    /// <summary>Row <paramref name="i"/>'s INT96 timestamp: whole microseconds, so that DuckDB (which keeps no more) agrees.</summary>
    private static global::ParquetSharp.Int96 Int96Of(int i)
    {
        long nanosOfDay = i * 1_000_003_000L % 86_400_000_000_000L;
        return new global::ParquetSharp.Int96((int)nanosOfDay, (int)(nanosOfDay >> 32), 2_459_000 + i % 1_000);
    }

    private static double Sum<TRow>(string path, Func<Batch<TRow>, double> fold)
        where TRow : IStreamingRow<TRow>
    {
        using var streaming = new StreamingDataset<TRow>(new ParquetSource<TRow>(path), bufferSize: 4);
        double sum = 0;
        foreach (Batch<TRow> batch in streaming)
        {
            using (batch)
            {
                sum += fold(batch);
            }
        }

        return sum;
    }

    /// <summary>Adds up each value's number; a static call per value, which the JIT inlines, rather than a delegate's.</summary>
    private static double Fold<TValue, TFold>(ReadOnlySpan<TValue> values)
        where TFold : IFold<TValue>
    {
        double sum = 0;
        foreach (TValue value in values)
        {
            sum += TFold.Of(value);
        }

        return sum;
    }

    private static double ParquetSharpSum<TValue, TFold>(string path)
        where TFold : IFold<TValue>
    {
        using var file = new global::ParquetSharp.ParquetFileReader(path);
        var buffer = new TValue[65_536];
        double sum = 0;
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using global::ParquetSharp.RowGroupReader rowGroup = file.RowGroup(g);
            using global::ParquetSharp.LogicalColumnReader<TValue> reader = rowGroup.Column(0).LogicalReader<TValue>();
            while (reader.HasNext)
            {
                int read = reader.ReadBatch(buffer);
                sum += Fold<TValue, TFold>(buffer.AsSpan(0, read));
            }
        }

        return sum;
    }

    /// <summary>How each reader reads a shape, and how its file (named by the argument) is written.</summary>
    private sealed record ShapeReaders(Func<string, string> File, Func<string, double> Alimentar, Func<string, double> ParquetSharp, Func<DuckDBDataReader, double> DuckDb);

    /// <summary>A value's contribution to the checksum.</summary>
    private interface IFold<in TValue>
    {
        static abstract double Of(TValue value);
    }

    /// <summary>Every shape's fold, so one type argument serves all of them.</summary>
    private readonly struct Folds : IFold<long?>, IFold<int?>, IFold<decimal?>, IFold<DateTime?>, IFold<bool?>, IFold<double?>,
        IFold<float?>, IFold<string?>, IFold<Guid?>, IFold<DateOnly?>, IFold<global::ParquetSharp.Date?>, IFold<global::ParquetSharp.Int96?>
    {
        private const long JulianDayOfUnixEpoch = 2_440_588;

        private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

        static double IFold<long?>.Of(long? value) => value ?? 0;

        static double IFold<int?>.Of(int? value) => value ?? 0;

        static double IFold<decimal?>.Of(decimal? value) => (double)(value ?? 0);

        static double IFold<DateTime?>.Of(DateTime? value) => value?.Ticks ?? 0;

        static double IFold<bool?>.Of(bool? value) => value == true ? 1 : 0;

        static double IFold<double?>.Of(double? value) => value ?? 0;

        static double IFold<float?>.Of(float? value) => value ?? 0;

        static double IFold<string?>.Of(string? value) => value?.Length ?? 0;

        static double IFold<Guid?>.Of(Guid? value) => value?.GetHashCode() ?? 0;

        static double IFold<DateOnly?>.Of(DateOnly? value) => value?.DayNumber ?? 0;

        // ParquetSharp counts days from 1970, DateOnly from year 1: the same day gives the same number.
        static double IFold<global::ParquetSharp.Date?>.Of(global::ParquetSharp.Date? value) => value is { } date ? date.Days + UnixEpochDay : 0;

        // ParquetSharp hands INT96 over as stored: nanoseconds of the day in its first eight bytes, then the Julian day.
        static double IFold<global::ParquetSharp.Int96?>.Of(global::ParquetSharp.Int96? value) => value is { } stamp
            ? DateTime.UnixEpoch.Ticks + (stamp.C - JulianDayOfUnixEpoch) * TimeSpan.TicksPerDay + ((long)(uint)stamp.B << 32 | (uint)stamp.A) / 100
            : 0;
    }
}
