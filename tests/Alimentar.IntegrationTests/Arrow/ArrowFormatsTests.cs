using Alimentar.Testing;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record Categorised(long Id, string? Category);

[StreamingDataset]
public partial record Worded(long Id, string[]? Words);

public sealed record Pin(long X);

[StreamingDataset]
public partial record Pinned(long Id, Pin? Pin);

[StreamingDataset]
public partial record ArrowLayouts(long Id, string? Large, string? View, string? Category, byte[]? LargeBytes, byte[]? ViewBytes, byte[]? Hash, DateOnly? Day, TimeSpan? At, string[]? Words);

/// <summary>
/// Arrow as other writers lay it out: IPC files (Feather v2) as well as streams, LZ4 and ZSTD bodies, and the layouts
/// pyarrow and Polars choose (64-bit offsets, views, dictionaries of strings, date64, time32, fixed-width bytes).
/// </summary>
public sealed class ArrowFormatsTests
{
    private const int Rows = 300;

    /// <summary>Three record batches of every layout the row reads, nulls in every column; the category as plain strings unless <paramref name="dictionary"/>.</summary>
    private static IEnumerable<RecordBatch> Batches(bool dictionary)
    {
        for (int start = 0; start < Rows; start += 100)
        {
            int[] rows = Enumerable.Range(start, 100).ToArray();
            var large = new LargeStringArray.Builder();
            var view = new StringViewArray.Builder();
            var largeBytes = new LargeBinaryArray.Builder();
            var viewBytes = new BinaryViewArray.Builder();
            var hashBytes = new ArrowBuffer.Builder<byte>();
            var hashValid = new ArrowBuffer.BitmapBuilder();
            var days = new Date64Array.Builder();
            var times = new Time32Array.Builder(new Time32Type(TimeUnit.Millisecond));
            var indices = new Int16Array.Builder();
            foreach (int i in rows)
            {
                if (i % 7 == 0)
                {
                    large.AppendNull();
                    view.AppendNull();
                    largeBytes.AppendNull();
                    viewBytes.AppendNull();
                    hashBytes.AppendRange(new byte[4]);
                    hashValid.Append(false);
                    days.AppendNull();
                    times.AppendNull();
                    indices.AppendNull();
                    continue;
                }

                large.Append(Text(i));
                view.Append(Text(i) + " and a tail longer than twelve bytes");
                largeBytes.Append(Bytes(i).AsSpan());
                viewBytes.Append(Bytes(i).AsSpan());
                hashBytes.AppendRange(BitConverter.GetBytes(i));
                hashValid.Append(true);
                days.Append(Day(i));
                times.Append((int)At(i).TotalMilliseconds);
                indices.Append((short)(i % 3));
            }

            var hash = new FixedSizeBinaryArray(new ArrayData(new FixedSizeBinaryType(4), rows.Length, rows.Count(i => i % 7 == 0), 0, [hashValid.Build(), hashBytes.Build()]));
            string[] colors = ["red", "green", "blue"];
            IArrowArray category = dictionary
                ? new DictionaryArray(new DictionaryType(Int16Type.Default, StringType.Default, false), indices.Build(), new StringArray.Builder().AppendRange(colors).Build())
                : new StringArray.Builder().AppendRange(rows.Select(i => i % 7 == 0 ? null : colors[i % 3])).Build();
            var words = new ListArray.Builder(LargeStringType.Default);
            var wordValues = (LargeStringArray.Builder)words.ValueBuilder;
            foreach (int i in rows)
            {
                words.Append();
                for (int w = 0; w < i % 3; w++)
                {
                    wordValues.Append($"w{i}-{w}");
                }
            }

            IArrowArray[] arrays =
            [
                new Int64Array.Builder().AppendRange(rows.Select(i => (long)i)).Build(),
                large.Build(), view.Build(), category, largeBytes.Build(), viewBytes.Build(), hash, days.Build(), times.Build(), words.Build(),
            ];
            var schema = new Schema.Builder();
            string[] names = ["id", "large", "view", "category", "large_bytes", "view_bytes", "hash", "day", "at", "words"];
            for (int c = 0; c < names.Length; c++)
            {
                schema.Field(new Field(names[c], arrays[c].Data.DataType, nullable: c > 0));
            }

            yield return new RecordBatch(schema.Build(), arrays, rows.Length);
        }
    }

    private static string Text(int i) => $"row {i}";

    private static byte[] Bytes(int i) => [(byte)i, (byte)(i >> 8), 7];

    private static DateOnly Day(int i) => new DateOnly(2024, 1, 1).AddDays(i - 150);

    private static TimeSpan At(int i) => TimeSpan.FromMilliseconds(i * 123_457 % 86_400_000);

    private static void AssertRows(List<ArrowLayouts> rows)
    {
        Assert.Equal(Rows, rows.Count);
        foreach (ArrowLayouts row in rows)
        {
            int i = (int)row.Id;
            bool missing = i % 7 == 0;
            Assert.Equal(missing ? null : Text(i), row.Large);
            Assert.Equal(missing ? null : Text(i) + " and a tail longer than twelve bytes", row.View);
            Assert.Equal(missing ? null : new[] { "red", "green", "blue" }[i % 3], row.Category);
            Assert.Equal(missing ? null : Bytes(i), row.LargeBytes);
            Assert.Equal(missing ? null : Bytes(i), row.ViewBytes);
            Assert.Equal(missing ? null : BitConverter.GetBytes(i), row.Hash);
            Assert.Equal(missing ? null : Day(i), row.Day);
            Assert.Equal(missing ? null : At(i), row.At);
            Assert.Equal(Enumerable.Range(0, i % 3).Select(w => $"w{i}-{w}"), row.Words!);
        }
    }

    private static byte[] Write(bool file, CompressionCodecType? codec = null, bool dictionary = true)
    {
        RecordBatch[] batches = Batches(dictionary).ToArray();
        var options = new IpcOptions { CompressionCodec = codec, CompressionCodecFactory = codec is null ? null : new CompressionCodecFactory() };
        using var ipc = new MemoryStream();
        using (ArrowStreamWriter writer = file ? new ArrowFileWriter(ipc, batches[0].Schema, leaveOpen: true, options) : new ArrowStreamWriter(ipc, batches[0].Schema, leaveOpen: true, options))
        {
            foreach (RecordBatch batch in batches)
            {
                writer.WriteRecordBatch(batch);
            }

            writer.WriteEnd();
        }

        System.Array.ForEach(batches, b => b.Dispose());
        return ipc.ToArray();
    }

    [Fact]
    public void Every_layout_other_writers_choose_reads_into_the_members()
    {
        AssertRows(ParquetFiles.ReadAll(new ArrowSource<ArrowLayouts>(new MemoryStream(Write(file: false)))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_arrow_ipc_file_reads_as_its_stream_from_a_path_and_from_a_stream_that_cannot_seek(bool seekable)
    {
        byte[] bytes = Write(file: true);
        Assert.Equal("ARROW1"u8.ToArray(), bytes[..6]);
        using var file = new TempFile();
        await File.WriteAllBytesAsync(file.Path, bytes);

        ArrowSource<ArrowLayouts> source = seekable
            ? new ArrowSource<ArrowLayouts>(file.Path)
            : new ArrowSource<ArrowLayouts>(_ => ValueTask.FromResult<Stream>(new ForwardOnlyStream(new MemoryStream(bytes))), "unseekable.arrow");

        AssertRows(ParquetFiles.ReadAll(source));
    }

    [Fact]
    public async Task A_shuffled_pass_reads_the_batches_of_an_ipc_file_alone_by_their_offsets()
    {
        using var file = new TempFile();
        await File.WriteAllBytesAsync(file.Path, Write(file: true, dictionary: false));
        using var streaming = new StreamingDataset<ArrowLayouts>(new ArrowSource<ArrowLayouts>(file.Path), 2).WithShuffle(5);

        List<ArrowLayouts> rows = streaming.Rows().ToList();

        Assert.NotEqual(Enumerable.Range(0, Rows).Select(i => (long)i), rows.Select(r => r.Id));
        AssertRows([.. rows.OrderBy(r => r.Id)]);
    }

    [Theory]
    [InlineData(CompressionCodecType.Lz4Frame, false)]
    [InlineData(CompressionCodecType.Zstd, false)]
    [InlineData(CompressionCodecType.Lz4Frame, true)]
    public void Compressed_bodies_are_decompressed_and_a_dictionary_serves_every_batch_after_it(CompressionCodecType codec, bool file)
    {
        AssertRows(ParquetFiles.ReadAll(new ArrowSource<ArrowLayouts>(new MemoryStream(Write(file, codec)))));
    }

    /// <summary>
    /// A compressed body is read before Arrow's reader sees it, so that the lengths its buffers decompress to can be
    /// checked (<c>ArrowCompressionGuard</c>). It is read into a pooled buffer: streaming a compressed file makes no
    /// managed copy of each batch's body, which for large batches would churn the large-object heap. So is every body
    /// from a stream that cannot seek, compressed or not, which is read before Arrow's reader allocates for it.
    /// </summary>
    [Theory]
    [InlineData(CompressionCodecType.Zstd, true)]
    [InlineData(CompressionCodecType.Lz4Frame, true)]
    [InlineData(CompressionCodecType.Zstd, false)]
    [InlineData(null, false)]
    public async Task A_body_read_before_arrow_sees_it_is_read_into_a_pooled_buffer_not_copied_per_batch(CompressionCodecType? codec, bool canSeek)
    {
        byte[] bytes = await RandomLapsesAsync(codec, batches: 16, rows: 65_536);
        ArrowStreams.ReadOnThisThread<Lapse>(bytes, "lapses.arrows", canSeek);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ArrowStreams.ReadOnThisThread<Lapse>(bytes, "lapses.arrows", canSeek);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Less than a single batch's body: no batch's body was copied into managed memory.
        Assert.True(allocated < bytes.Length / 16, $"reading {bytes.Length} bytes allocated {allocated}");
    }

    /// <summary>An IPC stream of <paramref name="batches"/> record batches of random lapses, which compress little; <paramref name="codec"/> null leaves them uncompressed.</summary>
    private static async Task<byte[]> RandomLapsesAsync(CompressionCodecType? codec, int batches, int rows)
    {
        var random = new Random(7);
        var options = new IpcOptions { CompressionCodec = codec, CompressionCodecFactory = codec is null ? null : new CompressionCodecFactory() };
        using var ipc = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ipc, BatchArrowExtensions.ArrowSchemaOf<Lapse>(), leaveOpen: true, options))
        {
            for (int b = 0; b < batches; b++)
            {
                Lapse[] lapses = [.. Enumerable.Range(0, rows).Select(_ => new Lapse(random.NextInt64(), TimeSpan.FromSeconds(random.Next())))];
                using Batch<Lapse> batch = Batch<Lapse>.FromRows(lapses);
                await writer.WriteRecordBatchAsync(batch.ToArrow());
            }

            await writer.WriteEndAsync();
        }

        return ipc.ToArray();
    }

    /// <summary>
    /// Arrow JS sends a dictionary that grows between record batches as a delta: a dictionary batch holding only the new
    /// values, which extends the dictionary before it (a layout Apache Arrow's C# writer cannot write).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_dictionary_sent_as_a_delta_extends_the_one_before_it(bool shuffled)
    {
        string path = Path.Combine(TestCorpus.OtherWritersDirectory, "arrow-js", "delta-dictionary.arrows");
        using var streaming = new StreamingDataset<Categorised>(new ArrowSource<Categorised>(path), 2);
        if (shuffled)
        {
            streaming.WithShuffle(3);
        }

        Assert.Equal(
            [new Categorised(1, "red"), new Categorised(2, "green"), new Categorised(3, "blue"), new Categorised(4, "red"), new Categorised(5, "blue")],
            streaming.Rows().OrderBy(r => r.Id));
    }

    [Fact]
    public void A_dictionary_index_past_its_dictionary_is_an_error_naming_the_record_batch()
    {
        var category = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false),
            new Int32Array.Builder().AppendRange([0, 1, 7]).Build(), new StringArray.Builder().AppendRange(["red", "green"]).Build());
        var schema = new Schema.Builder().Field(new Field("id", Int64Type.Default, false)).Field(new Field("category", category.Data.DataType, true)).Build();
        using var batch = new RecordBatch(schema, [new Int64Array.Builder().AppendRange([1, 2, 3]).Build(), category], 3);

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<Categorised>(Ipc(batch), "categories.arrows")));

        Assert.Contains("'categories.arrows'", error.Message, StringComparison.Ordinal);
        Assert.Contains("record batch 0 does not decode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_whose_offsets_go_backwards_is_an_error_naming_the_record_batch_not_a_walk_over_a_billion_values()
    {
        // Three lists over four values whose second offset jumps back: [0, 3], then 3 → 1.
        var offsets = new ArrowBuffer.Builder<int>().AppendRange([0, 3, 1, 4]).Build();
        var words = new ListArray(new ListType(StringType.Default), 3, offsets, new StringArray.Builder().AppendRange(["a", "b", "c", "d"]).Build(), ArrowBuffer.Empty, 0, 0);
        var schema = new Schema.Builder().Field(new Field("id", Int64Type.Default, false)).Field(new Field("words", words.Data.DataType, true)).Build();
        using var batch = new RecordBatch(schema, [new Int64Array.Builder().AppendRange([1, 2, 3]).Build(), words], 3);

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<Worded>(Ipc(batch), "words.arrows")));

        Assert.Contains("record batch 0 does not decode", error.Message, StringComparison.Ordinal);
        Assert.Contains("ends before it starts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_struct_repeating_a_field_name_is_a_mismatch_naming_both()
    {
        var x = new Int64Array.Builder().AppendRange([1, 2]).Build();
        var point = new StructArray(new StructType([new Field("x", Int64Type.Default, false), new Field("x", Int64Type.Default, false)]), 2, [x, x], ArrowBuffer.Empty);
        var schema = new Schema.Builder().Field(new Field("id", Int64Type.Default, false)).Field(new Field("pin", point.Data.DataType, true)).Build();
        using var batch = new RecordBatch(schema, [new Int64Array.Builder().AppendRange([1, 2]).Build(), point], 2);

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ArrowSource<Pinned>(Ipc(batch), "pins.arrows")));

        Assert.Contains("one field for Pin.X", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x' and 'x'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An IPC stream of one record batch, as Arrow's writer writes it (it checks none of the damage the tests plant).</summary>
    private static MemoryStream Ipc(RecordBatch batch) => ArrowStreams.Of(batch);
}
