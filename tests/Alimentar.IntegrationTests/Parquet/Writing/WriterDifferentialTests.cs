using System.Data.Common;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Files written by Alimentar's own writer, read by three independent readers — DuckDB, Arrow C++ (through
/// ParquetSharp) and Parquet.Net — and by Alimentar, under every codec, both page versions, with and without
/// dictionaries, and pages small enough that every column chunk holds many.
/// </summary>
public sealed class WriterDifferentialTests
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new DecimalByValue() },
    };

    public static TheoryData<ParquetCompression, bool, bool> Layouts => new()
    {
        { ParquetCompression.None, false, true },
        { ParquetCompression.Snappy, false, true },
        { ParquetCompression.Snappy, true, false },
        { ParquetCompression.Gzip, true, true },
        { ParquetCompression.Zstd, false, false },
        { ParquetCompression.Zstd, true, true },
        { ParquetCompression.Lz4, true, true },
        { ParquetCompression.Brotli, false, true },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Every_flat_type_written_by_us_reads_the_same_in_DuckDB_Arrow_CPP_Parquet_Net_and_Alimentar(ParquetCompression compression, bool dataPageV2, bool dictionary)
    {
        WrittenTypes[] rows = Enumerable.Range(0, 1_500).Select(WrittenTypes.Make).ToArray();
        using var file = new TempFile();
        await WriteAsync(file.Path, rows, Small(compression, dataPageV2, dictionary));

        string expected = Serialize(rows);
        Assert.Equal(expected, Serialize(ParquetFiles.ReadAll(new ParquetSource<WrittenTypes>(file.Path))));

        using MemoryStream ipc = await ArrowCpp.ReadAsIpcAsync(file.Path);
        Assert.Equal(expected, Serialize(ParquetFiles.ReadAll(new ArrowSource<WrittenTypes>(ipc, "arrow-cpp.arrows"))));

        List<JsonElement> duck = DuckJson.Rows(file.Path, rows.Length);
        Assert.Equal(rows.Length, duck.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Null(DuckJson.RowDifference(duck[i], rows[i], out int compared));
            Assert.True(compared >= 25, $"only {compared} columns compared");
        }

        // Parquet.Net 6.1 reads neither FLOAT16 nor some v2 pages, so it reads the same types but Half from v1 pages.
        if (!dataPageV2)
        {
            AllColumns[] withoutHalf = Enumerable.Range(0, 1_500).Select(RoundTripTests.Make).ToArray();
            using var plain = new TempFile();
            await WriteAsync(plain.Path, withoutHalf, Small(compression, dataPageV2, dictionary));
            await AssertParquetNetReadsAsync(plain.Path, withoutHalf);
        }
    }

    [Theory]
    [InlineData(ParquetValueEncoding.Plain, "")]
    [InlineData(ParquetValueEncoding.DeltaBinaryPacked, "Id Medium UMedium ULarge Tiny When WhenOffset Day Clock MaybeMedium MaybeWhen")]
    [InlineData(ParquetValueEncoding.DeltaLengthByteArray, "Text MaybeText Blob MaybeBlob")]
    [InlineData(ParquetValueEncoding.DeltaByteArray, "Text MaybeText Blob MaybeBlob")]
    [InlineData(ParquetValueEncoding.ByteStreamSplit, "Single Double MaybeDouble")]
    public async Task Every_encoding_a_column_can_take_reads_the_same_in_DuckDB_Arrow_CPP_and_Alimentar(ParquetValueEncoding encoding, string columns)
    {
        WrittenTypes[] rows = Enumerable.Range(0, 1_500).Select(WrittenTypes.Make).ToArray();
        string[] names = encoding == ParquetValueEncoding.Plain
            ? typeof(WrittenTypes).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract").ToArray()
            : columns.Split(' ');
        var options = Small(ParquetCompression.Snappy, dataPageV2: encoding == ParquetValueEncoding.DeltaByteArray, dictionary: true) with
        {
            Columns = names.ToDictionary(n => n, _ => new ParquetColumnOptions { Encoding = encoding }),
        };
        using var file = new TempFile();
        await WriteAsync(file.Path, rows, options);

        string expected = Serialize(rows);
        Assert.Equal(expected, Serialize(ParquetFiles.ReadAll(new ParquetSource<WrittenTypes>(file.Path))));
        using MemoryStream ipc = await ArrowCpp.ReadAsIpcAsync(file.Path);
        Assert.Equal(expected, Serialize(ParquetFiles.ReadAll(new ArrowSource<WrittenTypes>(ipc, "arrow-cpp.arrows"))));
        List<JsonElement> duck = DuckJson.Rows(file.Path, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Null(DuckJson.RowDifference(duck[i], rows[i], out _));
        }

        string wanted = encoding switch
        {
            ParquetValueEncoding.Plain => "PLAIN",
            ParquetValueEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
            ParquetValueEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
            ParquetValueEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
            _ => "BYTE_STREAM_SPLIT",
        };
        Assert.Equal((long)names.Length, Scalar($"SELECT count(DISTINCT path_in_schema) FROM parquet_metadata('{file.Path}') WHERE path_in_schema IN ({string.Join(", ", names.Select(n => $"'{n}'"))}) AND encodings LIKE '%{wanted}%' AND encodings NOT LIKE '%DICTIONARY%'"));
    }

    [Fact]
    public async Task An_encoding_a_column_cannot_take_is_refused_naming_the_column()
    {
        using var file = new TempFile();
        var options = new ParquetWriteOptions { Columns = new Dictionary<string, ParquetColumnOptions> { ["Text"] = new() { Encoding = ParquetValueEncoding.DeltaBinaryPacked } } };

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(file.Path, [WrittenTypes.Make(0)], options));

        Assert.Contains("'Text'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Records_lists_and_maps_at_any_depth_written_by_us_are_the_rows_DuckDB_wrote(ParquetCompression compression, bool dataPageV2, bool dictionary)
    {
        using var original = new TempFile();
        using var rewritten = new TempFile();
        DeepRecordTests.Write(DeepRecordTests.Scenes, original.Path, "ROW_GROUP_SIZE 600");
        List<DeepScene> rows = ParquetFiles.ReadAll(new ParquetSource<DeepScene>(original.Path));

        await WriteAsync(rewritten.Path, rows, Small(compression, dataPageV2, dictionary));

        // DuckDB reads the file it wrote and the file we wrote as the same rows, in both directions.
        Assert.Equal(0L, Scalar($"SELECT count(*) FROM (SELECT * FROM read_parquet('{original.Path}') EXCEPT ALL SELECT * FROM read_parquet('{rewritten.Path}'))"));
        Assert.Equal(0L, Scalar($"SELECT count(*) FROM (SELECT * FROM read_parquet('{rewritten.Path}') EXCEPT ALL SELECT * FROM read_parquet('{original.Path}'))"));
        Assert.Equal((long)rows.Count, Scalar($"SELECT count(*) FROM read_parquet('{rewritten.Path}')"));

        string expected = Serialize(rows);
        Assert.Equal(expected, Serialize(ParquetFiles.ReadAll(new ParquetSource<DeepScene>(rewritten.Path))));
        using MemoryStream ipc = await ArrowCpp.ReadAsIpcAsync(rewritten.Path);
        Assert.Equal(expected, Serialize(ParquetFiles.ReadAll(new ArrowSource<DeepScene>(ipc, "arrow-cpp.arrows"))));

        // Parquet.Net reads every leaf of every row group, with as many slots as DuckDB's file has (v1 pages only:
        // Parquet.Net 6.1 throws NotImplementedException on some v2 pages, whoever wrote them).
        if (!dataPageV2)
        {
            Assert.Equal(await LeafSlotsAsync(original.Path), await LeafSlotsAsync(rewritten.Path));
        }
    }

    [Fact]
    public async Task One_level_lists_with_null_and_empty_lists_and_null_elements_are_what_DuckDB_reads()
    {
        Basket[] rows = Enumerable.Range(0, 900).Select(i => new Basket(
            i,
            Enumerable.Range(0, i % 4).ToArray(),
            Enumerable.Range(0, i % 3).Select(t => $"tag{t}").ToList(),
            i % 5 == 0 ? null : Enumerable.Range(0, i % 4).Select(p => p == 1 ? (double?)null : p * 1.5).ToList(),
            i % 7 == 0 ? null : [i % 2 == 0 ? null : "note", "x"],
            i % 6 == 0 ? null : [DateTime.UnixEpoch.AddSeconds(i)])).ToArray();
        using var file = new TempFile();
        await WriteAsync(file.Path, rows, new ParquetWriteOptions { RowGroupSize = 400, PageRowLimit = 70 });

        List<JsonElement> duck = DuckJson.Rows(file.Path, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Null(DuckJson.RowDifference(duck[i], rows[i], out int compared));
            Assert.Equal(6, compared);
        }

        Assert.Equal(Serialize(rows), Serialize(ParquetFiles.ReadAll(new ParquetSource<Basket>(file.Path))));
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    internal static ParquetWriteOptions Small(ParquetCompression compression, bool dataPageV2, bool dictionary) => new()
    {
        RowGroupSize = 600,
        PageSize = 2_048,
        PageRowLimit = 250,
        Compression = compression,
        DataPageV2 = dataPageV2,
        Dictionary = dictionary,
    };

    internal static async Task WriteAsync<T>(string path, IEnumerable<T> rows, ParquetWriteOptions options)
        where T : IStreamingRow<T>
    {
        await using ParquetDatasetWriter<T> writer = await ParquetDatasetWriter<T>.CreateAsync(path, options);
        await writer.WriteAsync(rows);
    }

    internal static long Scalar(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AssertParquetNetReadsAsync(string path, AllColumns[] rows)
    {
        await using global::Parquet.ParquetReader reader = await global::Parquet.ParquetReader.CreateAsync(path);
        global::Parquet.Schema.DataField[] fields = reader.Schema.GetDataFields();
        global::Parquet.Schema.DataField Field(string name) => fields.Single(f => f.Name == name);
        var ids = new List<long>();
        var texts = new List<string?>();
        var maybeTexts = new List<string?>();
        var money = new List<decimal>();
        var maybeMedium = new List<int?>();
        var keys = new List<Guid>();
        var whens = new List<DateTime>();
        var unsigned = new List<ulong>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using global::Parquet.ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            int n = (int)rowGroup.RowCount;
            ids.AddRange(await Read<long>(rowGroup, Field("Large"), n));
            texts.AddRange(await ReadStrings(rowGroup, Field("Text"), n));
            maybeTexts.AddRange(await ReadStrings(rowGroup, Field("MaybeText"), n));
            money.AddRange(await Read<decimal>(rowGroup, Field("Money"), n));
            keys.AddRange(await Read<Guid>(rowGroup, Field("Key"), n));
            whens.AddRange(await Read<DateTime>(rowGroup, Field("When"), n));
            unsigned.AddRange(await Read<ulong>(rowGroup, Field("ULarge"), n));
            var nullable = new int?[n];
            await rowGroup.ReadAsync<int>(Field("MaybeMedium"), nullable.AsMemory());
            maybeMedium.AddRange(nullable);
        }

        Assert.Equal(rows.Select(r => r.Large), ids);
        Assert.Equal(rows.Select(r => r.Text), texts);
        Assert.Equal(rows.Select(r => r.MaybeText), maybeTexts);
        Assert.Equal(rows.Select(r => r.Money), money);
        Assert.Equal(rows.Select(r => r.MaybeMedium), maybeMedium);
        Assert.Equal(rows.Select(r => r.Key), keys);
        Assert.Equal(rows.Select(r => r.When.Ticks), whens.Select(w => w.Ticks));
        Assert.Equal(rows.Select(r => r.ULarge), unsigned);

        static async Task<T[]> Read<T>(global::Parquet.ParquetRowGroupReader rowGroup, global::Parquet.Schema.DataField field, int n)
            where T : struct
        {
            var values = new T[n];
            await rowGroup.ReadAsync<T>(field, values.AsMemory());
            return values;
        }

        static async Task<string?[]> ReadStrings(global::Parquet.ParquetRowGroupReader rowGroup, global::Parquet.Schema.DataField field, int n)
        {
            var values = new string?[n];
            await rowGroup.ReadAsync(field, values.AsMemory());
            return values;
        }
    }

    /// <summary>Parquet.Net's count of slots (values, nulls and empty lists) per leaf, over all row groups.</summary>
    private static async Task<Dictionary<string, long>> LeafSlotsAsync(string path)
    {
        await using global::Parquet.ParquetReader reader = await global::Parquet.ParquetReader.CreateAsync(path);
        var slots = new Dictionary<string, long>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using global::Parquet.ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            foreach (global::Parquet.Schema.DataField field in reader.Schema.GetDataFields())
            {
                using global::Parquet.Data.RawColumnData column = await rowGroup.ReadRawColumnDataBaseAsync(field);
                string key = field.Path.ToString();
                try
                {
                    slots[key] = slots.GetValueOrDefault(key) + column.DefinitionLevels.Length;
                }
                catch (InvalidOperationException)
                {
                    // A REQUIRED leaf outside any list has no levels: its slots are the rows.
                    slots[key] = slots.GetValueOrDefault(key) + rowGroup.RowCount;
                }
            }
        }

        return slots;
    }
}

/// <summary>Every member type the writer writes, required and nullable, with values at the types' edges.</summary>
[StreamingDataset]
public partial record WrittenTypes(
    long Id, bool Flag, sbyte Tiny, byte Octet, short Small, ushort USmall, int Medium, uint UMedium, ulong ULarge,
    float Single, double Double, Half Small16, [property: ParquetDecimal(18, 4)] decimal Money, decimal Wide, string Text, byte[] Blob,
    DateTime When, DateTimeOffset WhenOffset, DateOnly Day, TimeOnly Clock, Guid Key,
    int? MaybeMedium, double? MaybeDouble, string? MaybeText, byte[]? MaybeBlob, DateTime? MaybeWhen, Half? MaybeHalf, decimal? MaybeMoney)
{
    public static WrittenTypes Make(int i)
    {
        bool nulls = i % 4 == 1;
        DateTime when = new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(i * 86_400_000_003_210L % 31_556_952_000_000_000L);
        when = when.AddTicks(-(when.Ticks % 10));
        return new WrittenTypes(
            i, i % 3 == 0, (sbyte)(i % 256 - 128), (byte)(i % 256), (short)(i * 37 - 30_000), (ushort)(i * 43 % 65_536), i * (i % 2 == 0 ? 1_000_003 : -1_000_003),
            uint.MaxValue - (uint)i, ulong.MaxValue - (ulong)(i * 7),
            i % 50 == 3 ? float.NaN : i * 0.25f - 100, i % 50 == 7 ? -0.0 : Math.Sqrt(i) - 10, (Half)(i % 300 - 150.5),
            i * 12.3456m - 9_000m, i % 2 == 0 ? 1_234_567_890_123.456789012345678m + i : -i / 64m, i % 10 == 0 ? "ünïcödé 🚀 " + i : $"text-{i % 17}", [(byte)i, (byte)(i >> 8), 42],
            when, new DateTimeOffset(when), DateOnly.FromDayNumber(700_000 + i * 13), TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(i * 17.5 % 86_000)),
            new Guid(i, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte)i),
            nulls ? null : -i, nulls ? null : i / 7.0, nulls ? null : new string('x', i % 90), nulls ? null : [1, 2, (byte)i],
            nulls ? null : when.AddDays(1), nulls ? null : (Half)(i % 400 / 4.0), nulls ? null : i / 8m);
    }
}

/// <summary>Decimals as JSON by value: a column's scale gives read values trailing zeros the written ones lacked.</summary>
internal sealed class DecimalByValue : System.Text.Json.Serialization.JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString("G29", System.Globalization.CultureInfo.InvariantCulture));
}
