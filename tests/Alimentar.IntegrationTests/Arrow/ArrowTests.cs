using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Alimentar.IntegrationTests;

public sealed class ArrowTests
{
    [Fact]
    public async Task Parquet_to_arrow_ipc_and_back_keeps_every_value()
    {
        ArrowRow[] rows = Enumerable.Range(0, 700).Select(Make).ToArray();
        using var file = new TempFile();
        await ParquetDatasetWriter<ArrowRow>.WriteFileAsync(file.Path, rows, rowGroupSize: 250);

        using var ipc = new MemoryStream();
        using (var streaming = new StreamingDataset<ArrowRow>(new ParquetSource<ArrowRow>(file.Path).BatchSize(100), bufferSize: 2))
        {
            Assert.Equal(700, await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync()));
        }

        List<ArrowRow> read = ParquetFiles.ReadAll(new ArrowSource<ArrowRow>(ipc, "rows.arrows"));

        Assert.Equal(rows.Length, read.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i].Blob, read[i].Blob);
            Assert.Equal(rows[i] with { Blob = [] }, read[i] with { Blob = [] });
        }
    }

    [Fact]
    public void ToArrow_views_required_primitive_columns_without_copying_and_copies_the_rest()
    {
        using Batch<ArrowRow> batch = Batch<ArrowRow>.FromRows(Enumerable.Range(0, 10).Select(Make).ToArray());

        using RecordBatch record = batch.ToArrow();

        var large = (Int64Array)record.Column("Large");
        Assert.Equal(batch.Large.ToArray(), large.Values.ToArray());
        Assert.False(MemoryMarshal.TryGetArray(large.ValueBuffer.Memory, out _), "a required long column should view the store, not a copied array");
        var maybe = (Int32Array)record.Column("MaybeMedium");
        Assert.Equal(batch.MaybeMedium.ToArray(), Enumerable.Range(0, 10).Select(i => maybe.GetValue(i)));
        Assert.Equal(10, record.Length);
        Assert.Equal(26, record.ColumnCount);
    }

    [Fact]
    public async Task An_arrow_stream_from_another_writer_binds_by_name_and_converts_types()
    {
        // Written with Arrow's own builders, as another tool would: snake_case names, int32 where the type wants long.
        var schema = new Schema.Builder()
            .Field(new Field("id", Apache.Arrow.Types.Int32Type.Default, false, null))
            .Field(new Field("sensor", Apache.Arrow.Types.StringType.Default, false, null))
            .Field(new Field("reading", Apache.Arrow.Types.FloatType.Default, true, null))
            .Build();
        var batch = new RecordBatch(schema, [
            new Int32Array.Builder().AppendRange([1, 2, 3]).Build(),
            new StringArray.Builder().AppendRange(["a", "b", "a"]).Build(),
            new FloatArray.Builder().Append(1.5f).AppendNull().Append(3f).Build()], 3);
        using var ipc = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ipc, schema, leaveOpen: true))
        {
            await writer.WriteRecordBatchAsync(batch);
            await writer.WriteEndAsync();
        }

        List<Measurement> rows = ParquetFiles.ReadAll(new ArrowSource<Measurement>(ipc));

        Assert.Equal([new Measurement(1, "a", 1.5), new Measurement(2, "b", null), new Measurement(3, "a", 3)], rows);
    }

    [Fact]
    public async Task An_arrow_decimal128_column_reads_into_a_double_member()
    {
        var type = new Apache.Arrow.Types.Decimal128Type(12, 3);
        var schema = new Schema.Builder()
            .Field(new Field("id", Apache.Arrow.Types.Int64Type.Default, false, null))
            .Field(new Field("sensor", Apache.Arrow.Types.StringType.Default, false, null))
            .Field(new Field("reading", type, true, null))
            .Build();
        var batch = new RecordBatch(schema, [
            new Int64Array.Builder().AppendRange([1, 2, 3]).Build(),
            new StringArray.Builder().AppendRange(["a", "b", "a"]).Build(),
            new Decimal128Array.Builder(type).Append(-12.125m).AppendNull().Append(123456789.001m).Build()], 3);
        using var ipc = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ipc, schema, leaveOpen: true))
        {
            await writer.WriteRecordBatchAsync(batch);
            await writer.WriteEndAsync();
        }

        List<Measurement> rows = ParquetFiles.ReadAll(new ArrowSource<Measurement>(ipc));

        Assert.Equal([new Measurement(1, "a", -12.125), new Measurement(2, "b", null), new Measurement(3, "a", 123456789.001)], rows);
    }

    [Fact]
    public async Task Lists_with_null_lists_and_null_elements_round_trip_through_arrow()
    {
        Basket[] baskets = Enumerable.Range(0, 120).Select(i => new Basket(
            i,
            Enumerable.Range(0, i % 4).ToArray(),
            Enumerable.Range(0, i % 3).Select(t => $"tag-{t}").ToList(),
            i % 5 == 0 ? null : [i * 0.5, null],
            i % 7 == 0 ? null : ["a", null],
            i % 2 == 0 ? null : [new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i)])).ToArray();
        using var ipc = new MemoryStream();
        using (var source = new MemorySource<Basket>(baskets, batchSize: 50))
        using (var streaming = new StreamingDataset<Basket>(source, bufferSize: 2))
        {
            await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
        }

        List<Basket> read = ParquetFiles.ReadAll(new ArrowSource<Basket>(ipc));

        Assert.Equal(baskets.Length, read.Count);
        for (int i = 0; i < baskets.Length; i++)
        {
            Assert.Equal(baskets[i].Quantities, read[i].Quantities);
            Assert.Equal(baskets[i].Tags, read[i].Tags);
            Assert.Equal(baskets[i].Prices, read[i].Prices);
            Assert.Equal(baskets[i].Notes, read[i].Notes);
            Assert.Equal(baskets[i].Times, read[i].Times);
        }

        using Batch<Basket> one = Batch<Basket>.FromRows(baskets.AsSpan(0, 3));
        using RecordBatch record = one.ToArrow();
        Assert.IsType<ListArray>(record.Column("Quantities"));
    }

    private static ArrowRow Make(int i)
    {
        var when = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(i * 10_000_010L);
        return new ArrowRow(
            i % 2 == 0, (sbyte)(i % 100), (byte)i, (short)(-i), (ushort)i, i * 7, (uint)i * 3, i * 100_000L, (ulong)i * 5, i * 0.5f, i / 3.0,
            i * 1.2345m, $"t{i % 9}", [(byte)i, 1], when, new DateTimeOffset(when), DateOnly.FromDayNumber(738_000 + i),
            TimeOnly.FromTimeSpan(TimeSpan.FromMilliseconds(i * 1234)), TimeSpan.FromSeconds(i), new Guid(i, 1, 2, [3, 4, 5, 6, 7, 8, 9, 10]),
            i % 3 == 0 ? null : i, i % 4 == 0 ? null : i * 0.25, i % 5 == 0 ? null : $"m{i}", i % 6 == 0 ? null : when.AddHours(1),
            i % 7 == 0 ? null : Guid.Parse($"00000000-0000-0000-0000-{i:D12}"), i % 8 == 0 ? null : i / 4m);
    }

    [Fact]
    public void A_zero_copy_record_batch_keeps_its_values_after_the_batch_is_disposed_and_its_arrays_could_be_reused()
    {
        var pool = new ColumnBufferPool();
        Batch<Numbers> batch = Batch<Numbers>.FromRows(Enumerable.Range(0, 64).Select(i => new Numbers(i, i * 0.5f, null, true)).ToArray(), pool);
        RecordBatch record = batch.ToArrow();
        batch.Dispose();

        // Were the arrays back in the pool, these batches would rent them and overwrite the values.
        Batch<Numbers>[] others = Enumerable.Range(0, 8).Select(_ => Batch<Numbers>.FromRows(Enumerable.Repeat(new Numbers(-1, -1f, null, false), 64).ToArray(), pool)).ToArray();

        var ids = (Int64Array)record.Column("Id");
        Assert.Equal(Enumerable.Range(0, 64).Select(i => (long?)i), ids.ToArray());
        Assert.True(pool.OutstandingBuffers > 8 * 4, "the record batch still holds the first batch's buffers");
        foreach (Batch<Numbers> other in others)
        {
            other.Dispose();
        }

        GC.KeepAlive(record);
    }

    [Fact]
    public async Task Decimals_go_into_arrow_as_into_parquet_rounded_half_to_even_and_a_misfit_names_the_member()
    {
        PricedLists[] rows = [PricedLists.Make(0) with { Amounts = [1.0000000000000000005m, 1.0000000000000000015m, -0.5m], Line = new PriceLine("x", 2.0000000000000000025m) }];
        using var ipc = new MemoryStream();
        using (var streaming = new StreamingDataset<PricedLists>(new MemorySource<PricedLists>(rows, batchSize: 1), bufferSize: 1))
        {
            await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
        }

        ipc.Position = 0;
        PricedLists read = Assert.Single(ParquetFiles.ReadAll(new ArrowSource<PricedLists>(ipc, "priced.arrows")));
        Assert.Equal([1.000000000000000000m, 1.000000000000000002m, -0.5m], read.Amounts);
        Assert.Equal(2.000000000000000002m, read.Line.Amount);

        PricedLists tooWide = PricedLists.Make(1) with { Amounts = [1m, 100_000_000_000_000_000_000m] };
        using var batch = Batch<PricedLists>.FromRows([PricedLists.Make(0), tooWide]);
        OverflowException error = Assert.Throws<OverflowException>(() => batch.ToArrow());
        Assert.Contains("PricedLists.Amounts in row 1 of the batch:", error.Message, StringComparison.Ordinal);
        Assert.Contains("DECIMAL(38,18)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PricedLists.Members), MemberType = typeof(PricedLists))]
    public async Task A_decimal_arrow_cannot_hold_is_named_by_member_and_row_wherever_it_lies(string member, string column)
    {
        PricedLists[] rows = PricedLists.WithMisfit(member, rows: 3_000, at: 2_500);
        using var ipc = new MemoryStream();
        using var streaming = new StreamingDataset<PricedLists>(new MemorySource<PricedLists>(rows, batchSize: 1_000), bufferSize: 1);
        OverflowException error = await Assert.ThrowsAsync<OverflowException>(() => ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync()));

        Assert.Contains($"PricedLists.{member} in row 2500:", error.Message, StringComparison.Ordinal);
        Assert.Contains("100000000000000000000", error.Message, StringComparison.Ordinal);
        Assert.Contains(column, error.Message, StringComparison.Ordinal);

        using Batch<PricedLists> batch = Batch<PricedLists>.FromRows(rows.AsSpan(2_000, 1_000).ToArray());
        OverflowException alone = Assert.Throws<OverflowException>(() => batch.ToArrow());
        Assert.Contains($"PricedLists.{member} in row 500 of the batch:", alone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arrow_timestamps_read_as_parquet_ones_wall_clock_without_a_zone_rounded_down_and_a_misfit_named()
    {
        static byte[] Stream(TimestampType whenType, long when, long at)
        {
            Schema schema = new Schema.Builder()
                .Field(new Field("id", Int64Type.Default, false))
                .Field(new Field("when", whenType, false))
                .Field(new Field("at", new TimestampType(TimeUnit.Microsecond, "UTC"), false))
                .Build();
            static IArrowArray Longs(IArrowType type, long value) =>
                ArrowArrayFactory.BuildArray(new ArrayData(type, 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(BitConverter.GetBytes(value))]));
            using var ipc = new MemoryStream();
            using (var writer = new ArrowStreamWriter(ipc, schema, leaveOpen: true))
            {
                writer.WriteRecordBatch(new RecordBatch(schema, [Longs(Int64Type.Default, 1), Longs(whenType, when), Longs(schema.GetFieldByName("at").DataType, at)], 1));
                writer.WriteEnd();
            }

            return ipc.ToArray();
        }

        // A nanosecond before 1970 without a zone (pandas' naive datetime64[ns]), and an instant in UTC.
        byte[] bytes = Stream(new TimestampType(TimeUnit.Nanosecond, (string?)null), -1, 1_700_000_000_000_000);
        ArrowTimes read = Assert.Single(ParquetFiles.ReadAll(new ArrowSource<ArrowTimes>(new MemoryStream(bytes), "times.arrows")));

        Assert.Equal((DateTime.UnixEpoch.Ticks - 1, DateTimeKind.Unspecified), (read.When.Ticks, read.When.Kind));
        Assert.Equal((DateTime.UnixEpoch.Ticks + 17_000_000_000_000_000, DateTimeKind.Utc), (read.At.Ticks, read.At.Kind));

        // Seconds past year 9999.
        byte[] beyond = Stream(new TimestampType(TimeUnit.Second, (string?)null), 300_000_000_000, 0);
        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ArrowSource<ArrowTimes>(new MemoryStream(beyond), "beyond.arrows")));
        Assert.Contains("'when'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ArrowTimes.When", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_columns_become_arrow_half_floats()
    {
        using Batch<Halves> batch = Batch<Halves>.FromRows([new Halves(1, (Half)1.5f, null), new Halves(2, (Half)(-2f), (Half)0.25f)]);
        using RecordBatch record = batch.ToArrow();

        Assert.Equal([(Half)1.5f, (Half)(-2f)], ((HalfFloatArray)record.Column("Value")).ToArray());
        Assert.Equal([null, (Half)0.25f], ((HalfFloatArray)record.Column("Maybe")).ToArray());
    }
}

[StreamingDataset]
public partial record ArrowTimes(long Id, DateTime When, DateTime At);
