namespace Alimentar.Benchmarks;

/// <summary>The files every suite reads, written once per size (Snappy, 1M-row row groups unless said otherwise).</summary>
public static class BenchmarkFiles
{
    /// <summary>
    /// A file DuckDB writes from <paramref name="select"/> with the COPY <paramref name="options"/>, once per
    /// machine: under a temporary name first, so a run stopped half way leaves no half file to read next time.
    /// </summary>
    public static string FromDuckDb(string name, string select, string options)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-{name}.parquet");
        if (File.Exists(path))
        {
            return path;
        }

        string partial = path + ".tmp.parquet";
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using DuckDB.NET.Data.DuckDBCommand command = connection.CreateCommand();
            command.CommandText = $"COPY ({select}) TO '{partial}' (FORMAT PARQUET, {options})";
            command.ExecuteNonQuery();
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// The QuickStart row as Arrow C++ writes it (through ParquetSharp): Snappy, dictionaries, pages of about
    /// 1 MB. This is what files from pyarrow, Spark and DuckDB look like, so the side-by-side suites read it.
    /// </summary>
    public static string RidesFromArrow(int rows, int rowGroupSize = 1_000_000)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-rides-arrow-{rows}-{rowGroupSize}.parquet");
        if (File.Exists(path))
        {
            return path;
        }

        var columns = new ParquetSharp.Column[]
        {
            new ParquetSharp.Column<long>("Id"), new ParquetSharp.Column<int>("UserId"), new ParquetSharp.Column<float>("Score"),
            new ParquetSharp.Column<double?>("Value"), new ParquetSharp.Column<bool>("Paid"),
            new ParquetSharp.Column<DateTime>("Timestamp", ParquetSharp.LogicalType.Timestamp(isAdjustedToUtc: true, ParquetSharp.TimeUnit.Micros)),
            new ParquetSharp.Column<string>("Label", ParquetSharp.LogicalType.String()), new ParquetSharp.Column<string?>("Comment", ParquetSharp.LogicalType.String()),
        };
        using ParquetSharp.WriterProperties properties = new ParquetSharp.WriterPropertiesBuilder().Compression(ParquetSharp.Compression.Snappy).Build();
        string partial = path + ".tmp";
        using (var writer = new ParquetSharp.ParquetFileWriter(partial, columns, properties))
        {
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (int first = 0; first < rows; first += rowGroupSize)
            {
                int count = Math.Min(rowGroupSize, rows - first);
                using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
                Write(rowGroup, count, i => (long)(first + i));
                Write(rowGroup, count, i => (first + i) % 100_000);
                Write(rowGroup, count, i => (first + i) * 0.001f);
                Write<double?>(rowGroup, count, i => (first + i) % 10 == 0 ? null : (first + i) * 0.5);
                Write(rowGroup, count, i => (first + i) % 4 != 0);
                Write(rowGroup, count, i => start.AddSeconds(first + i));
                Write(rowGroup, count, i => Labels[(first + i) % Labels.Length]);
                Write<string?>(rowGroup, count, i => (first + i) % 3 == 0 ? "late" : null);
            }

            writer.Close();
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// One OPTIONAL column named <c>Value</c> as Arrow C++ writes it (through ParquetSharp) in <paramref name="encoding"/>,
    /// with no dictionary: Snappy, format version 2.6, 1M-row row groups; row <c>i</c> holds <paramref name="value"/>(i).
    /// </summary>
    public static string OneColumnFromArrow<TValue>(string name, int rows, ParquetSharp.Encoding encoding, Func<int, TValue> value)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-{name}.parquet");
        if (File.Exists(path))
        {
            return path;
        }

        const int RowGroupSize = 1_000_000;
        ParquetSharp.Column column = typeof(TValue) == typeof(string)
            ? new ParquetSharp.Column<string>("Value", ParquetSharp.LogicalType.String())
            : new ParquetSharp.Column<TValue>("Value");
        ParquetSharp.WriterPropertiesBuilder builder = new ParquetSharp.WriterPropertiesBuilder()
            .Compression(ParquetSharp.Compression.Snappy).Version(ParquetSharp.ParquetVersion.PARQUET_2_6).DisableDictionary("Value");
        using ParquetSharp.WriterProperties properties = (encoding == ParquetSharp.Encoding.Plain ? builder : builder.Encoding("Value", encoding)).Build();
        string partial = path + ".tmp";
        using (var writer = new ParquetSharp.ParquetFileWriter(partial, [column], properties))
        {
            for (int first = 0; first < rows; first += RowGroupSize)
            {
                using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
                Write(rowGroup, Math.Min(RowGroupSize, rows - first), i => value(first + i));
            }

            writer.Close();
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static void Write<TValue>(ParquetSharp.RowGroupWriter rowGroup, int count, Func<int, TValue> value)
    {
        using ParquetSharp.LogicalColumnWriter<TValue> writer = rowGroup.NextColumn().LogicalWriter<TValue>();
        const int Chunk = 65_536;
        var buffer = new TValue[Math.Min(Chunk, count)];
        for (int start = 0; start < count; start += Chunk)
        {
            int n = Math.Min(Chunk, count - start);
            for (int i = 0; i < n; i++)
            {
                buffer[i] = value(start + i);
            }

            writer.WriteBatch(buffer, 0, n);
        }
    }

    private static readonly string[] Labels = ["airport", "downtown", "suburb", "harbour", "stadium"];

    public static async Task<string> FeaturesAsync(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-features-{rows}.parquet");
        if (!File.Exists(path))
        {
            var random = new Random(7);
            IEnumerable<Features> features = Enumerable.Range(0, rows).Select(_ => new Features(
                Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(),
                Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next()));
            await ParquetDatasetWriter<Features>.WriteFileAsync(path, features, rowGroupSize: 1_000_000);

            float Next() => (float)random.NextDouble();
        }

        return path;
    }
}
