namespace Alimentar.IntegrationTests;

public sealed class RoundTripTests
{
    [Fact]
    public async Task Every_column_type_round_trips_with_nulls_across_row_groups_and_uneven_batches()
    {
        AllColumns[] rows = Enumerable.Range(0, 2_500).Select(Make).ToArray();
        using var file = new TempFile();
        await ParquetDatasetWriter<AllColumns>.WriteFileAsync(file.Path, rows, rowGroupSize: 1_000);

        var source = new ParquetSource<AllColumns>(file.Path).BatchSize(333);
        using var streaming = new StreamingDataset<AllColumns>(source, bufferSize: 3);
        var batchSizes = new List<int>();
        var read = new List<AllColumns>();
        foreach (Batch<AllColumns> batch in streaming)
        {
            using (batch)
            {
                batchSizes.Add(batch.Count);
                read.AddRange(batch);
            }
        }

        Assert.Equal(rows.Length, read.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            AssertSame(rows[i], read[i]);
        }

        // Row groups of 1000, 1000 and 500 rows, each cut into batches of 333 without crossing a row group.
        Assert.Equal([333, 333, 333, 1, 333, 333, 333, 1, 333, 167], batchSizes);
    }

    [Fact]
    public async Task Writer_reports_rows_and_row_groups()
    {
        using var file = new TempFile();
        await using (ParquetDatasetWriter<Measurement> writer = await ParquetDatasetWriter<Measurement>.CreateAsync(file.Path, new ParquetWriteOptions { RowGroupSize = 10 }))
        {
            await writer.WriteAsync(Enumerable.Range(0, 25).Select(i => new Measurement(i, "s", i)));
            Assert.Equal(25, writer.RowCount);
            Assert.Equal(2, writer.RowGroupCount);
        }

        List<Measurement> read = ParquetFiles.ReadAll(new ParquetSource<Measurement>(file.Path));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), read.Select(r => r.Id));
    }

    [Fact]
    public async Task A_file_with_no_rows_streams_no_batches()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, []);

        using var streaming = new StreamingDataset<Measurement>(new ParquetSource<Measurement>(file.Path), bufferSize: 2);

        Assert.Empty(streaming);
        Assert.Empty(streaming.Rows());
    }

    [Theory]
    [InlineData(ParquetCompression.None, "UNCOMPRESSED")]
    [InlineData(ParquetCompression.Snappy, "SNAPPY")]
    [InlineData(ParquetCompression.Gzip, "GZIP")]
    [InlineData(ParquetCompression.Zstd, "ZSTD")]
    [InlineData(ParquetCompression.Lz4, "LZ4_RAW")]
    public async Task Every_compression_round_trips_and_is_recorded_in_the_file(ParquetCompression compression, string codec)
    {
        using var file = new TempFile();
        Measurement[] rows = Enumerable.Range(0, 500).Select(i => new Measurement(i, $"sensor-{i % 9}", i % 7 == 0 ? null : i * 0.1)).ToArray();
        await using (ParquetDatasetWriter<Measurement> writer = await ParquetDatasetWriter<Measurement>.CreateAsync(file.Path, new ParquetWriteOptions { RowGroupSize = 200, Compression = compression }))
        {
            await writer.WriteAsync(rows);
        }

        await using (global::Parquet.ParquetReader reader = await global::Parquet.ParquetReader.CreateAsync(file.Path))
        {
            Assert.Equal(codec, reader.Metadata!.RowGroups[0].Columns[0].MetaData!.Codec.ToString());
        }

        Assert.Equal(rows, ParquetFiles.ReadAll(new ParquetSource<Measurement>(file.Path)));
    }

    internal static AllColumns Make(int i)
    {
        bool hasNulls = i % 4 == 0;
        var when = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(i * 12_345_670L);
        return new AllColumns(
            Flag: i % 2 == 0,
            Tiny: (sbyte)(i % 256 - 128),
            Octet: (byte)(i % 256),
            Small: (short)(i * 7 - 8000),
            USmall: (ushort)(i * 13),
            Medium: i * 1_000 - 1_000_000,
            UMedium: (uint)i * 100_000u,
            Large: (long)i * 10_000_000_000L - 5,
            ULarge: (ulong)i * 10_000_000_000UL,
            Single: i * 0.25f,
            Double: i * 1.0 / 3,
            Money: i * 1.25m - 100m,
            Text: $"text-{i % 17}",
            Blob: [(byte)i, (byte)(i >> 8), 42],
            When: when,
            WhenOffset: new DateTimeOffset(when),
            Day: DateOnly.FromDayNumber(730_000 + i),
            Clock: TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(i * 17.5)),
            Span: TimeSpan.FromMilliseconds(i * 250),
            Key: new Guid(i, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
            MaybeFlag: hasNulls ? null : i % 3 == 0,
            MaybeMedium: hasNulls ? null : -i,
            MaybeLarge: hasNulls ? null : i * 3L,
            MaybeDouble: hasNulls ? null : i / 7.0,
            MaybeMoney: hasNulls ? null : i / 8m,
            MaybeText: hasNulls ? null : $"maybe-{i}",
            MaybeBlob: hasNulls ? null : [1, 2, (byte)i],
            MaybeWhen: hasNulls ? null : when.AddDays(1),
            MaybeDay: hasNulls ? null : DateOnly.FromDayNumber(740_000 - i),
            MaybeKey: hasNulls ? null : Guid.Parse($"00000000-0000-0000-0000-{i:D12}"));
    }

    /// <summary>Records compare byte arrays by reference, so blobs are compared by content and the rest by record equality.</summary>
    private static void AssertSame(AllColumns expected, AllColumns actual)
    {
        Assert.Equal(expected.Blob, actual.Blob);
        Assert.Equal(expected.MaybeBlob, actual.MaybeBlob);
        Assert.Equal(expected with { Blob = [], MaybeBlob = null }, actual with { Blob = [], MaybeBlob = null });
    }
}
