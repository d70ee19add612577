using Parquet;
using Parquet.Schema;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record DecimalForms(decimal AsInt32, decimal AsInt64, decimal AsFixed);

[StreamingDataset]
public partial record LegacyTimes(DateTime Impala, DateTime Millis, DateTimeOffset Micros);

[StreamingDataset]
public partial record ImpalaStamp(DateTime Impala);

[StreamingDataset]
public partial record NarrowDeltas(short S, ushort U, short[]? L);

[StreamingDataset]
public partial record SplitReadings(double? Reading, float? Weight, double?[]? Samples);

/// <summary>
/// Physical forms Alimentar's own writer does not produce but other writers do, written with Parquet.Net's
/// low-level API and read back: negative decimals as INT32, INT64 and FIXED_LEN_BYTE_ARRAY (BYTE_ARRAY
/// decimals share the FIXED_LEN_BYTE_ARRAY converter and come from the corpus), INT96 (Impala, Spark) and
/// millisecond timestamps, before and after 1970; BYTE_STREAM_SPLIT pages holding more values than their levels use;
/// 16-bit integers delta-packed in 16-bit arithmetic.
/// </summary>
public sealed class ParquetNetFormsTests
{
    [Fact]
    public async Task Negative_decimals_read_exactly_as_int32_int64_and_fixed_length_bytes()
    {
        decimal[] values = [-123.45m, -0.01m, 0m, 99999.99m, -99999.99m, 1.5m];
        decimal[] wide = [-1234567890123456.78m, -0.01m, 0m, 12345678901234567890.12m, -99999.99m, 1.5m];
        var int32 = new DecimalDataField("AsInt32", 7, 2);
        var int64 = new DecimalDataField("AsInt64", 18, 2);
        var fixedLength = new DecimalDataField("AsFixed", 29, 2);
        using var file = new TempFile();
        await WriteAsync(file.Path, new ParquetSchema(int32, int64, fixedLength), async rowGroup =>
        {
            await rowGroup.WriteAsync<decimal>(int32, values);
            await rowGroup.WriteAsync<decimal>(int64, values);
            await rowGroup.WriteAsync<decimal>(fixedLength, wide);
        });

        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file.Path);
        Assert.Equal(["INT32", "INT64", "FIXED_LEN_BYTE_ARRAY"], info.Columns.Select(c => c.Type.Split(' ')[0].Split('(')[0]));
        List<DecimalForms> rows = ParquetFiles.ReadAll(new ParquetSource<DecimalForms>(file.Path));

        Assert.Equal(values, rows.Select(r => r.AsInt32));
        Assert.Equal(values, rows.Select(r => r.AsInt64));
        Assert.Equal(wide, rows.Select(r => r.AsFixed));
    }

    [Fact]
    public async Task Int96_and_millisecond_timestamps_read_exactly_before_and_after_1970()
    {
        DateTime[] times =
        [
            new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
            new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new(2024, 2, 29, 12, 34, 56, 789, DateTimeKind.Utc),
        ];
        var impala = new DateTimeDataField("Impala", DateTimeFormat.Impala);
        var millis = new DateTimeDataField("Millis", DateTimeFormat.DateAndTime);
        var micros = new DateTimeDataField("Micros", DateTimeFormat.DateAndTimeMicros);
        using var file = new TempFile();
        await WriteAsync(file.Path, new ParquetSchema(impala, millis, micros), async rowGroup =>
        {
            await rowGroup.WriteAsync<DateTime>(impala, times);
            await rowGroup.WriteAsync<DateTime>(millis, times);
            await rowGroup.WriteAsync<DateTime>(micros, times);
        });

        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file.Path);
        Assert.StartsWith("INT96", info.Columns[0].Type, StringComparison.Ordinal);
        Assert.Contains("MILLIS", info.Columns[1].Type, StringComparison.Ordinal);
        Assert.Contains("MICROS", info.Columns[2].Type, StringComparison.Ordinal);
        List<LegacyTimes> rows = ParquetFiles.ReadAll(new ParquetSource<LegacyTimes>(file.Path));

        Assert.Equal(times, rows.Select(r => r.Impala));
        Assert.Equal(times, rows.Select(r => r.Millis));
        Assert.Equal(times.Select(t => new DateTimeOffset(t)), rows.Select(r => r.Micros));
    }

    [Fact]
    public void An_int96_timestamp_past_DateTime_fails_with_a_typed_error_naming_its_row()
    {
        using var file = new TempFile();
        using (var writer = new ParquetSharp.ParquetFileWriter(file.Path, [new ParquetSharp.Column<ParquetSharp.Int96>("Impala")]))
        {
            using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
            using (var column = rowGroup.NextColumn().LogicalWriter<ParquetSharp.Int96>())
            {
                // Julian day 2,440,588 is 1970-01-01; day 6,000,000 falls in the year 11715, past DateTime.MaxValue.
                column.WriteBatch([new ParquetSharp.Int96(0, 0, 2_440_588), new ParquetSharp.Int96(0, 0, 2_440_589), new ParquetSharp.Int96(0, 0, 6_000_000)]);
            }

            writer.Close();
        }

        using var streaming = new StreamingDataset<ImpalaStamp>(new ParquetSource<ImpalaStamp>(file.Path), 2);
        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => streaming.Rows().Count());

        // Caught as a RowValueException, it reads like a null where none is allowed: the same location either way.
        RowValueException located = error;
        Assert.Equal("Impala", located.ColumnName);
        Assert.Equal(0, error.RowGroup);
        Assert.Equal(2, error.Row);
        Assert.Contains("ImpalaStamp.Impala", error.Member, StringComparison.Ordinal);
        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Byte_stream_split_pages_holding_more_values_than_their_levels_use_read_as_Arrow_and_DuckDB_read_them()
    {
        // Parquet.Net's raw reads hand out one value per level, the present ones first; written back through its raw
        // writer as they come, each page holds more values than its levels use. Arrow C++ and DuckDB take a
        // BYTE_STREAM_SPLIT page's streams as its length over the value width and read the values at their front;
        // Alimentar refused such a page for the length not matching its values.
        const int count = 300;
        double?[] readings = [.. Enumerable.Range(0, count).Select(i => i % 4 == 1 ? (double?)null : (i * 0.25) - 7)];
        float?[] weights = [.. Enumerable.Range(0, count).Select(i => i % 3 == 0 ? (float?)null : i / 8f)];
        double?[]?[] samples = [.. Enumerable.Range(0, count).Select(i => i % 5 == 0 ? null : Enumerable.Range(0, i % 4).Select(j => j == 1 ? (double?)null : i + (j / 2.0)).ToArray())];
        var reading = new DataField<double?>("Reading");
        var weight = new DataField<float?>("Weight");
        var sample = new DataField<double?>("element");
        var schema = new ParquetSchema(reading, weight, new ListField("Samples", sample));
        var options = new ParquetOptions();
        foreach (DataField field in schema.GetDataFields())
        {
            options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.ByteSplitStream;
        }

        using var file = new TempFile();
        await WriteAsync(file.Path, schema, async rowGroup =>
        {
            await WriteAsRawReadsGiveAsync(rowGroup, reading, readings.Select(r => (r, r is null ? 0 : 1)).ToList(), repetitions: null);
            await WriteAsRawReadsGiveAsync(rowGroup, weight, weights.Select(w => (w, w is null ? 0 : 1)).ToList(), repetitions: null);
            var slots = new List<(double?, int)>();
            var repetitions = new List<int>();
            foreach (double?[]? list in samples)
            {
                slots.AddRange(list is null or [] ? [(null, list is null ? 0 : 1)] : list.Select(value => (value, value is null ? 2 : 3)));
                repetitions.AddRange(list is null or [] ? [0] : list.Select((_, j) => j == 0 ? 0 : 1));
            }

            await WriteAsRawReadsGiveAsync(rowGroup, sample, slots, repetitions.ToArray());
        }, options);

        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file.Path);
        Assert.All(info.Columns, column => Assert.Contains("BYTE_STREAM_SPLIT", column.Encodings));
        List<SplitReadings> rows = ParquetFiles.ReadAll(new ParquetSource<SplitReadings>(file.Path));

        Assert.Equal(readings, rows.Select(r => r.Reading));
        Assert.Equal(weights, rows.Select(r => r.Weight));
        Assert.Equal(samples, rows.Select(r => r.Samples));
    }

    [Fact]
    public async Task Sixteen_bit_integers_Parquet_Net_delta_packs_read_as_it_wrote_them()
    {
        // Parquet.Net takes each difference in 16 bits: from -30000 to 30000 it stores -5536, so the INT32 sums run past
        // INT(16) (35536) with their low 16 bits right. Arrow C++ and DuckDB read those bits; Alimentar refused the value.
        NarrowPoco[] rows = [.. Enumerable.Range(0, 1_000).Select(i => new NarrowPoco
        {
            S = (short)(i % 2 == 0 ? -30_000 : 30_000),
            U = (ushort)(i % 2 == 0 ? 1 : 65_000),
            L = i % 3 == 0 ? [] : [(short)(i % 2 == 0 ? -30_000 : 30_000), (short)i, short.MinValue, short.MaxValue],
        })];
        var options = new ParquetOptions();
        foreach (string column in new[] { "S", "U", "L/list/element" })
        {
            options.ColumnEncodingHints[column] = EncodingHint.DeltaBinaryPacked;
        }

        using var file = new TempFile();
        await global::Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, file.Path, options);

        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file.Path);
        Assert.All(info.Columns, column => Assert.Contains("DELTA_BINARY_PACKED", column.Encodings));
        List<NarrowDeltas> read = ParquetFiles.ReadAll(new ParquetSource<NarrowDeltas>(file.Path));

        Assert.Equal(rows.Select(r => r.S), read.Select(r => r.S));
        Assert.Equal(rows.Select(r => r.U), read.Select(r => r.U));
        Assert.Equal(rows.Select(r => r.L?.ToArray()), read.Select(r => r.L));
    }

    public sealed class NarrowPoco
    {
        public short S { get; set; }

        public ushort U { get; set; }

        public List<short>? L { get; set; }
    }

    /// <summary>
    /// Writes <paramref name="slots"/> (a value or null and its definition level) with one value per slot, the present
    /// values first and zeros after them, as Parquet.Net's <c>RawColumnData.Values</c> holds them.
    /// </summary>
    private static Task WriteAsRawReadsGiveAsync<T>(ParquetRowGroupWriter rowGroup, DataField field, List<(T? Value, int Definition)> slots, int[]? repetitions)
        where T : struct
    {
        T[] values = [.. slots.Where(slot => slot.Value is not null).Select(slot => slot.Value!.Value), .. slots.Where(slot => slot.Value is null).Select(_ => default(T))];
        return rowGroup.WriteAllPartsAsync<T>(field, values, slots.Select(slot => slot.Definition).ToArray(), repetitions, CancellationToken.None);
    }

    private static async Task WriteAsync(string path, ParquetSchema schema, Func<ParquetRowGroupWriter, Task> write, ParquetOptions? options = null)
    {
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream, options);
        using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
        await write(rowGroup);
    }
}
