using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// One column of each common shape, 5M rows as DuckDB writes them (Snappy, 1M-row row groups, dictionaries falling
/// back to PLAIN where values seldom repeat), every value read and folded into a checksum: Alimentar typed columns
/// against ParquetSharp's column reader and DuckDB.NET's streaming reader. Where the other suites read whole rows,
/// this one shows each decoder alone, so a shape that lags cannot hide behind the others.
/// </summary>
[MemoryDiagnoser]
public class ColumnShapeBenchmarks
{
    private const int Rows = 5_000_000;
    private string _path = string.Empty;

    /// <summary>The shape read; see <see cref="Select"/>.</summary>
    [Params("long", "int", "decimal", "timestamp", "bool", "double", "string-unique", "string-repeated", "uuid", "date")]
    public string Shape { get; set; } = "long";

    [GlobalSetup]
    public void WriteFile() => _path = File(Shape);

    [Benchmark(Baseline = true, Description = "Alimentar typed columns")]
    public double Alimentar() => Shape switch
    {
        "long" => Sum<LongShape>(batch => Fold<long?, Folds>(batch.Value)),
        "int" => Sum<IntShape>(batch => Fold<int?, Folds>(batch.Value)),
        "decimal" => Sum<DecimalShape>(batch => Fold<decimal?, Folds>(batch.Value)),
        "timestamp" => Sum<TimestampShape>(batch => Fold<DateTime?, Folds>(batch.Value)),
        "bool" => Sum<BoolShape>(batch => Fold<bool?, Folds>(batch.Value)),
        "double" => Sum<DoubleShape>(batch => Fold<double?, Folds>(batch.Value)),
        "string-unique" or "string-repeated" => Sum<StringShape>(batch => Fold<string?, Folds>(batch.Value)),
        "uuid" => Sum<GuidShape>(batch => Fold<Guid?, Folds>(batch.Value)),
        "date" => Sum<DateShape>(batch => Fold<DateOnly?, Folds>(batch.Value)),
        _ => throw new InvalidOperationException($"No shape '{Shape}'."),
    };

    [Benchmark(Description = "ParquetSharp LogicalColumnReader (64k values per read)")]
    public double ParquetSharp() => Shape switch
    {
        "long" => ParquetSharpSum<long?, Folds>(),
        "int" => ParquetSharpSum<int?, Folds>(),
        "decimal" => ParquetSharpSum<decimal?, Folds>(),
        "timestamp" => ParquetSharpSum<DateTime?, Folds>(),
        "bool" => ParquetSharpSum<bool?, Folds>(),
        "double" => ParquetSharpSum<double?, Folds>(),
        "string-unique" or "string-repeated" => ParquetSharpSum<string?, Folds>(),
        "uuid" => ParquetSharpSum<Guid?, Folds>(),
        "date" => ParquetSharpSum<global::ParquetSharp.Date?, Folds>(),
        _ => throw new InvalidOperationException($"No shape '{Shape}'."),
    };

    [Benchmark(Description = "DuckDB.NET streaming reader (GetFieldValue)")]
    public double DuckDb() => Readers.DuckDbQuery($"SELECT Value FROM read_parquet('{_path}')", reader =>
    {
        Func<int, double> read = Shape switch
        {
            "long" => column => reader.GetInt64(column),
            "int" => column => reader.GetInt32(column),
            "decimal" => column => (double)reader.GetDecimal(column),
            "timestamp" => column => reader.GetDateTime(column).Ticks,
            "bool" => column => reader.GetBoolean(column) ? 1 : 0,
            "double" => column => reader.GetDouble(column),
            "string-unique" or "string-repeated" => column => reader.GetString(column).Length,
            "uuid" => column => reader.GetGuid(column).GetHashCode(),
            "date" => column => reader.GetFieldValue<DateOnly>(column).DayNumber,
            _ => throw new InvalidOperationException($"No shape '{Shape}'."),
        };
        double sum = 0;
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                sum += read(0);
            }
        }

        return sum;
    });

    /// <summary>The file of <paramref name="shape"/>, written once per machine.</summary>
    public static string File(string shape) =>
        BenchmarkFiles.FromDuckDb($"shape-{shape}-{Rows}", $"SELECT {Select(shape)} AS Value FROM range({Rows}) t(i)", "COMPRESSION 'snappy', ROW_GROUP_SIZE 1000000");

    /// <summary>DuckDB's expression for each shape's values: spread, with a tenth null where a null costs something.</summary>
    public static string Select(string shape) => shape switch
    {
        "long" => "CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 7919) % 1000003 END::BIGINT",
        "int" => "i::INTEGER",
        "decimal" => "((i * 37) % 2000000 / 1000.0)::DECIMAL(18, 3)",
        "timestamp" => "TIMESTAMP '2024-01-01' + to_microseconds(i * 1000003)",
        "bool" => "i % 3 = 0",
        "double" => "CASE WHEN i % 10 = 0 THEN NULL ELSE sin(i) * 1000 END",
        "string-unique" => "'user-' || md5(i::VARCHAR)[1:12]",
        "string-repeated" => "'category-' || (i * 7919 % 200)",
        "uuid" => "md5(i::VARCHAR)::UUID",
        "date" => "DATE '2000-01-01' + (i % 9000)::INTEGER",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "No such shape."),
    };

    private double Sum<T>(Func<Batch<T>, double> fold)
        where T : IStreamingRow<T>
    {
        using var streaming = new StreamingDataset<T>(new ParquetSource<T>(_path), bufferSize: 4);
        double sum = 0;
        foreach (Batch<T> batch in streaming)
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

    private double ParquetSharpSum<TValue, TFold>()
        where TFold : IFold<TValue>
    {
        using var file = new global::ParquetSharp.ParquetFileReader(_path);
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

    /// <summary>A value's contribution to the checksum.</summary>
    private interface IFold<in TValue>
    {
        static abstract double Of(TValue value);
    }

    /// <summary>Every shape's fold, so one type argument serves all of them.</summary>
    private readonly struct Folds : IFold<long?>, IFold<int?>, IFold<decimal?>, IFold<DateTime?>, IFold<bool?>, IFold<double?>,
        IFold<string?>, IFold<Guid?>, IFold<DateOnly?>, IFold<global::ParquetSharp.Date?>
    {
        private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

        static double IFold<long?>.Of(long? value) => value ?? 0;

        static double IFold<int?>.Of(int? value) => value ?? 0;

        static double IFold<decimal?>.Of(decimal? value) => (double)(value ?? 0);

        static double IFold<DateTime?>.Of(DateTime? value) => value?.Ticks ?? 0;

        static double IFold<bool?>.Of(bool? value) => value == true ? 1 : 0;

        static double IFold<double?>.Of(double? value) => value ?? 0;

        static double IFold<string?>.Of(string? value) => value?.Length ?? 0;

        static double IFold<Guid?>.Of(Guid? value) => value?.GetHashCode() ?? 0;

        static double IFold<DateOnly?>.Of(DateOnly? value) => value?.DayNumber ?? 0;

        // ParquetSharp counts days from 1970, DateOnly from year 1: the same day gives the same number.
        static double IFold<global::ParquetSharp.Date?>.Of(global::ParquetSharp.Date? value) => value is { } date ? date.Days + UnixEpochDay : 0;
    }
}
