using System.Runtime.InteropServices;
using ParquetSharp;
using ParquetSharp.Schema;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record UnannotatedUuidRow(long Id, Guid? Key);

[StreamingDataset]
public partial record UnannotatedUuidBytesRow(long Id, byte[]? Key);

[StreamingDataset]
public partial record RequiredUuidRow(long Id, Guid Key);

/// <summary>
/// UUIDs stored as a FIXED_LEN_BYTE_ARRAY(16) with no UUID annotation, as arrow-rs (delta-rs, DataFusion) and
/// Arrow C++ write a fixed-size binary: a <see cref="Guid"/> member reads them as UUIDs, in the byte order the UUID
/// annotation stores, filters on them with the column's statistics, and a <c>byte[]</c> member still reads the bytes.
/// Filters on UUIDs, annotated or not, skip row groups by their bounds and Bloom filters, ranges of time-ordered UUIDv7
/// keys by their bounds; an Arrow fixed-size binary of sixteen bytes reads either way too.
/// </summary>
public sealed class UnannotatedUuidTests
{
    private static readonly Guid[] Keys = [.. Enumerable.Range(0, 3_000).Select(i => new Guid(Digest(i), bigEndian: true))];

    [Fact]
    public void A_guid_member_reads_sixteen_unannotated_bytes_as_the_uuid_they_store()
    {
        using var file = new TempFile();
        Write(file.Path, Keys, isNull: i => i % 7 == 3, rowGroupSize: 1_000, length: 16);

        List<UnannotatedUuidRow> rows = ParquetFiles.ReadAll(new ParquetSource<UnannotatedUuidRow>(file.Path));

        Assert.Equal(Keys.Length, rows.Count);
        Assert.All(rows, row => Assert.Equal(row.Id % 7 == 3 ? null : Keys[row.Id], row.Key));
        Assert.Equal("00112233-4455-6677-8899-aabbccddeeff", ReadOne(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")).ToString());

        // The bytes are still there for a member that wants them.
        List<UnannotatedUuidBytesRow> bytes = ParquetFiles.ReadAll(new ParquetSource<UnannotatedUuidBytesRow>(file.Path));
        Assert.Equal(Keys[1].ToByteArray(bigEndian: true), bytes[1].Key);
    }

    [Fact]
    public void A_filter_on_an_unannotated_uuid_keeps_exactly_its_rows_and_skips_row_groups_by_statistics()
    {
        using var file = new TempFile();
        Guid[] sorted = [.. Keys.Order()];
        Write(file.Path, sorted, isNull: _ => false, rowGroupSize: 500, length: 16);
        Guid wanted = sorted[2_345];

        var source = new ParquetSource<UnannotatedUuidRow>(file.Path).Where(r => r.Key == wanted);
        List<UnannotatedUuidRow> rows = ParquetFiles.ReadAll(source);

        Assert.Equal(2_345, Assert.Single(rows).Id);
        FilterExplanation plan = source.Explain();
        Assert.True(plan.RowGroups.Where(g => g.Kept).Select(g => g.Index).SequenceEqual([4]), plan.ToString());
    }

    [Fact]
    public async Task A_filter_on_a_uuid_column_skips_row_groups_by_statistics_and_by_bloom_filter()
    {
        using var sortedFile = new TempFile();
        using var shuffledFile = new TempFile();
        Guid[] sorted = [.. Keys.Order()];
        var options = new ParquetWriteOptions
        {
            RowGroupSize = 500,
            Columns = new Dictionary<string, ParquetColumnOptions> { ["Key"] = new() { BloomFilterFalsePositiveRate = 0.001 } },
        };
        await WriterDifferentialTests.WriteAsync(sortedFile.Path, sorted.Select((key, i) => new RequiredUuidRow(i, key)), options);
        await WriterDifferentialTests.WriteAsync(shuffledFile.Path, Keys.Select((key, i) => new RequiredUuidRow(i, key)), options);

        // Sorted, the bounds of each row group rule out all but one.
        var bySorted = new ParquetSource<RequiredUuidRow>(sortedFile.Path).Where(r => r.Key == sorted[1_234]);
        Assert.Equal(1_234, Assert.Single(ParquetFiles.ReadAll(bySorted)).Id);
        FilterExplanation sortedPlan = bySorted.Explain();
        Assert.True(sortedPlan.RowGroups.Where(g => g.Kept).Select(g => g.Index).SequenceEqual([2]), sortedPlan.ToString());

        // Shuffled, every row group's bounds span the key; its Bloom filter rules out those without it.
        var byBloom = new ParquetSource<RequiredUuidRow>(shuffledFile.Path).Where(r => r.Key == Keys[1_234]);
        Assert.Equal(1_234, Assert.Single(ParquetFiles.ReadAll(byBloom)).Id);
        FilterExplanation bloomPlan = byBloom.Explain();
        Assert.True(bloomPlan.RowGroups.Where(g => g.Kept).Select(g => g.Index).SequenceEqual([2]), bloomPlan.ToString());
        Assert.Contains("Bloom", bloomPlan.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_of_time_ordered_uuids_keeps_exactly_its_rows_and_skips_row_groups_by_bounds()
    {
        // UUIDv7 keys begin with their millisecond timestamp, so sorted by time they are sorted as Parquet orders them.
        Guid[] keys = [.. Enumerable.Range(0, 3_000).Select(VersionSeven)];
        Guid from = keys[1_200], to = keys[1_700];
        using var annotated = new TempFile();
        using var unannotated = new TempFile();
        await WriterDifferentialTests.WriteAsync(annotated.Path, keys.Select((key, i) => new RequiredUuidRow(i, key)), new ParquetWriteOptions { RowGroupSize = 500 });
        Write(unannotated.Path, keys, isNull: i => i % 9 == 4, rowGroupSize: 500, length: 16);

        var inAnnotated = new ParquetSource<RequiredUuidRow>(annotated.Path).Where(r => r.Key >= from && r.Key < to);
        var inUnannotated = new ParquetSource<UnannotatedUuidRow>(unannotated.Path).Where(r => to > r.Key && r.Key >= from);

        Assert.Equal(Enumerable.Range(1_200, 500).Select(i => (long)i), ParquetFiles.ReadAll(inAnnotated).Select(r => r.Id));
        Assert.Equal(Enumerable.Range(1_200, 500).Where(i => i % 9 != 4).Select(i => (long)i), ParquetFiles.ReadAll(inUnannotated).Select(r => r.Id));
        foreach (FilterExplanation plan in new[] { inAnnotated.Explain(), inUnannotated.Explain() })
        {
            Assert.True(plan.RowGroups.Where(g => g.Kept).Select(g => g.Index).SequenceEqual([2, 3]), plan.ToString());
        }
    }

    [Fact]
    public void A_guid_member_refuses_fixed_length_bytes_of_another_length_naming_the_column()
    {
        using var file = new TempFile();
        Write(file.Path, Keys[..10], isNull: _ => false, rowGroupSize: 10, length: 12);

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ParquetSource<RequiredUuidRow>(file.Path)));

        Assert.Contains("Key", error.Message, StringComparison.Ordinal);
        Assert.Contains("FIXED_LEN_BYTE_ARRAY(12)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arrow_fixed_size_binary_of_sixteen_reads_as_a_guid_or_as_its_bytes()
    {
        Guid[] keys = Keys[..50];
        var stored = new Apache.Arrow.ArrowBuffer.Builder<byte>();
        var valid = new Apache.Arrow.ArrowBuffer.BitmapBuilder();
        foreach (Guid key in keys)
        {
            stored.AppendRange(key.ToByteArray(bigEndian: true));
            valid.Append(true);
        }

        var column = new Apache.Arrow.Arrays.FixedSizeBinaryArray(new Apache.Arrow.ArrayData(new Apache.Arrow.Types.FixedSizeBinaryType(16), keys.Length, 0, 0, [valid.Build(), stored.Build()]));
        var ids = new Apache.Arrow.Int64Array.Builder().AppendRange(Enumerable.Range(0, keys.Length).Select(i => (long)i)).Build();
        var schema = new Apache.Arrow.Schema.Builder().Field(new Apache.Arrow.Field("Id", ids.Data.DataType, false)).Field(new Apache.Arrow.Field("Key", column.Data.DataType, true)).Build();
        var stream = new MemoryStream();
        using (var writer = new Apache.Arrow.Ipc.ArrowStreamWriter(stream, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(new Apache.Arrow.RecordBatch(schema, [ids, column], keys.Length));
            writer.WriteEnd();
        }

        byte[] ipc = stream.ToArray();
        Assert.Equal(keys, ParquetFiles.ReadAll(new ArrowSource<UnannotatedUuidRow>(new MemoryStream(ipc))).Select(r => r.Key!.Value));
        Assert.Equal(keys.Select(k => k.ToByteArray(bigEndian: true)), ParquetFiles.ReadAll(new ArrowSource<UnannotatedUuidBytesRow>(new MemoryStream(ipc))).Select(r => r.Key));
    }

    private static Guid ReadOne(Guid key)
    {
        using var file = new TempFile();
        Write(file.Path, [key], isNull: _ => false, rowGroupSize: 1, length: 16);
        return ParquetFiles.ReadAll(new ParquetSource<RequiredUuidRow>(file.Path)).Single().Key;
    }

    /// <summary>Writes an id and a FIXED_LEN_BYTE_ARRAY key with no annotation: each key's first <paramref name="length"/> bytes in RFC order.</summary>
    private static void Write(string path, Guid[] keys, Func<int, bool> isNull, int rowGroupSize, int length)
    {
        var schema = new GroupNode("schema", Repetition.Required, [
            new PrimitiveNode("Id", Repetition.Required, LogicalType.None(), PhysicalType.Int64),
            new PrimitiveNode("Key", Repetition.Optional, LogicalType.None(), PhysicalType.FixedLenByteArray, length),
        ]);
        byte[] stored = [.. keys.SelectMany(key => key.ToByteArray(bigEndian: true)[..length])];
        GCHandle pinned = GCHandle.Alloc(stored, GCHandleType.Pinned);
        try
        {
            using var writer = new ParquetFileWriter(path, schema, new WriterPropertiesBuilder().Build());
            for (int start = 0; start < keys.Length; start += rowGroupSize)
            {
                int[] rows = [.. Enumerable.Range(start, Math.Min(rowGroupSize, keys.Length - start))];
                using RowGroupWriter rowGroup = writer.AppendRowGroup();
                using (var ids = (ColumnWriter<long>)rowGroup.NextColumn())
                {
                    ids.WriteBatch([.. rows.Select(i => (long)i)]);
                }

                using var values = (ColumnWriter<FixedLenByteArray>)rowGroup.NextColumn();
                FixedLenByteArray[] present = [.. rows.Where(i => !isNull(i)).Select(i => new FixedLenByteArray(pinned.AddrOfPinnedObject() + (i * length)))];
                values.WriteBatch(rows.Length, [.. rows.Select(i => (short)(isNull(i) ? 0 : 1))], null, present);
            }

            writer.Close();
        }
        finally
        {
            pinned.Free();
        }
    }

    /// <summary>A UUIDv7 (RFC 9562) for the <paramref name="i"/>th second of 2026: the timestamp's 48 bits, then digest bits.</summary>
    private static Guid VersionSeven(int i)
    {
        byte[] bytes = Digest(i);
        long milliseconds = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i).ToUnixTimeMilliseconds();
        for (int b = 0; b < 6; b++)
        {
            bytes[b] = (byte)(milliseconds >> (40 - (8 * b)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private static byte[] Digest(int i) => System.Security.Cryptography.MD5.HashData(BitConverter.GetBytes(i));
}
