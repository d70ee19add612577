using ParquetSharp;

namespace Alimentar.IntegrationTests;

/// <summary>A row of the types Arrow C++ writes with its non-default encodings.</summary>
[StreamingDataset]
public partial record SharpRow(long Id, int Small, float Score, double? Value, bool Flag, string Label, string? Comment, DateTime Stamp, decimal Price, Guid Key);

/// <summary>
/// Files written by Arrow C++ (through ParquetSharp) with every encoding it can write — DELTA_BINARY_PACKED,
/// DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT for FLOAT, DOUBLE, INT32 and
/// FIXED_LEN_BYTE_ARRAY, RLE booleans — on v1 and v2 pages of a few KB, read by Alimentar and compared
/// with ParquetSharp's own column readers.
/// </summary>
public sealed class ParquetSharpDifferentialTests
{
    private const int Rows = 6_000;


    public static TheoryData<string, string, string> Settings() => new()
    {
        { "V2", "encodings", "Zstd" },
        { "V2", "encodings", "Uncompressed" },
        { "V1", "encodings", "Snappy" },
        { "V2", "dictionary", "Lz4" },
        { "V1", "dictionary", "Gzip" },
        { "V2", "plain", "Brotli" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_value_equals_what_parquetsharp_reads_from_its_own_file(string version, string encodings, string compression)
    {
        using var file = new TempFile();
        Write(file.Path, version == "V2" ? ParquetDataPageVersion.V2 : ParquetDataPageVersion.V1, encodings, Enum.Parse<Compression>(compression));

        List<SharpRow> expected = ReadWithParquetSharp(file.Path);
        List<SharpRow> actual = ParquetFiles.ReadAll(new ParquetSource<SharpRow>(file.Path).BatchSize(1_000));

        Assert.Equal(expected, actual);
        Assert.Equal(Rows, actual.Count);
        if (encodings == "encodings")
        {
            // The writer really used the encodings under test.
            using var reader = new ParquetFileReader(file.Path);
            using RowGroupReader rowGroup = reader.RowGroup(0);
            RowGroupMetaData metaData = rowGroup.MetaData;
            Assert.Contains(Encoding.DeltaBinaryPacked, metaData.GetColumnChunkMetaData(0).Encodings);
            Assert.Contains(Encoding.ByteStreamSplit, metaData.GetColumnChunkMetaData(1).Encodings);
            Assert.Contains(Encoding.Rle, metaData.GetColumnChunkMetaData(4).Encodings);
            Assert.Contains(Encoding.DeltaByteArray, metaData.GetColumnChunkMetaData(5).Encodings);
            Assert.Contains(Encoding.DeltaLengthByteArray, metaData.GetColumnChunkMetaData(6).Encodings);
            Assert.Contains(Encoding.ByteStreamSplit, metaData.GetColumnChunkMetaData(8).Encodings);
        }
    }

    internal static void Write(string path, ParquetDataPageVersion version, string encodings, Compression compression, int rows = Rows, bool pageIndex = false)
    {
        var columns = new Column[]
        {
            new Column<long>("Id"), new Column<int>("Small"), new Column<float>("Score"), new Column<double?>("Value"), new Column<bool>("Flag"),
            new Column<string>("Label", LogicalType.String()), new Column<string>("Comment", LogicalType.String()),
            new Column<DateTime>("Stamp", LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
            new Column<decimal>("Price", LogicalType.Decimal(29, 4)), new Column<Guid>("Key", LogicalType.Uuid()),
        };
        using WriterPropertiesBuilder builder = new WriterPropertiesBuilder()
            .Compression(compression)
            .DataPageVersion(version)
            .DataPagesize(4_096)
            .MaxRowGroupLength(2_500);
        if (pageIndex)
        {
            builder.EnableWritePageIndex();
        }
        if (encodings != "dictionary")
        {
            builder.DisableDictionary();
        }

        if (encodings == "encodings")
        {
            builder.Encoding("Id", Encoding.DeltaBinaryPacked)
                .Encoding("Small", Encoding.ByteStreamSplit)
                .Encoding("Score", Encoding.ByteStreamSplit)
                .Encoding("Value", Encoding.ByteStreamSplit)
                .Encoding("Flag", Encoding.Rle)
                .Encoding("Label", Encoding.DeltaByteArray)
                .Encoding("Comment", Encoding.DeltaLengthByteArray)
                .Encoding("Stamp", Encoding.DeltaBinaryPacked)
                .Encoding("Price", Encoding.ByteStreamSplit)
                .Encoding("Key", Encoding.DeltaByteArray);
        }

        using WriterProperties properties = builder.Build();
        using var writer = new ParquetFileWriter(path, columns, properties);
        SharpRow[] all = Enumerable.Range(0, rows).Select(Row).ToArray();
        for (int start = 0; start < rows; start += 2_500)
        {
            SharpRow[] group = all[start..Math.Min(rows, start + 2_500)];
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            WriteColumn(rowGroup, group.Select(r => r.Id));
            WriteColumn(rowGroup, group.Select(r => r.Small));
            WriteColumn(rowGroup, group.Select(r => r.Score));
            WriteColumn(rowGroup, group.Select(r => r.Value));
            WriteColumn(rowGroup, group.Select(r => r.Flag));
            WriteColumn(rowGroup, group.Select(r => r.Label));
            WriteColumn(rowGroup, group.Select(r => r.Comment));
            WriteColumn(rowGroup, group.Select(r => r.Stamp));
            WriteColumn(rowGroup, group.Select(r => r.Price));
            WriteColumn(rowGroup, group.Select(r => r.Key));
        }

        writer.Close();
    }

    private static SharpRow Row(int i) => new(
        Id: i * 1_000_003L - 7_000_000_000,
        Small: (i * 7919) % 100_000 - 50_000,
        Score: i % 10 == 0 ? float.NaN : (i - 3000) * 0.125f,
        Value: i % 6 == 0 ? null : Math.Sin(i) * 1e6,
        Flag: i % 3 == 0 || i % 17 == 0,
        Label: $"prefix/shared/{i / 10:D6}",
        Comment: i % 4 == 0 ? null : new string('c', i % 40) + i,
        Stamp: new DateTime(1955, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(i * 987_654_321_0L),
        Price: (i - 3_000) * 1.2345m,
        Key: new Guid($"12345678-1234-4321-8000-{i:D12}"));

    private static void WriteColumn<T>(RowGroupWriter rowGroup, IEnumerable<T> values)
    {
        using LogicalColumnWriter<T> writer = rowGroup.NextColumn().LogicalWriter<T>();
        writer.WriteBatch(values.ToArray());
    }

    private static List<SharpRow> ReadWithParquetSharp(string path)
    {
        using var reader = new ParquetFileReader(path);
        var rows = new List<SharpRow>();
        for (int g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using RowGroupReader rowGroup = reader.RowGroup(g);
            int n = checked((int)rowGroup.MetaData.NumRows);
            long[] ids = ReadColumn<long>(rowGroup, 0, n);
            int[] small = ReadColumn<int>(rowGroup, 1, n);
            float[] scores = ReadColumn<float>(rowGroup, 2, n);
            double?[] values = ReadColumn<double?>(rowGroup, 3, n);
            bool[] flags = ReadColumn<bool>(rowGroup, 4, n);
            string[] labels = ReadColumn<string>(rowGroup, 5, n);
            string?[] comments = ReadColumn<string?>(rowGroup, 6, n);
            DateTime[] stamps = ReadColumn<DateTime>(rowGroup, 7, n);
            decimal[] prices = ReadColumn<decimal>(rowGroup, 8, n);
            Guid[] keys = ReadColumn<Guid>(rowGroup, 9, n);
            for (int i = 0; i < n; i++)
            {
                rows.Add(new SharpRow(ids[i], small[i], scores[i], values[i], flags[i], labels[i], comments[i], stamps[i], prices[i], keys[i]));
            }
        }

        return rows;
    }

    private static T[] ReadColumn<T>(RowGroupReader rowGroup, int column, int rows)
    {
        using LogicalColumnReader<T> reader = rowGroup.Column(column).LogicalReader<T>();
        return reader.ReadAll(rows);
    }
}
