using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;

namespace Alimentar.Fuzzing;

/// <summary>Small files of <see cref="FuzzRow"/> in each of the writer's layouts, and Arrow streams of them: where the fuzzer starts.</summary>
internal static class FuzzSeeds
{
    public static async Task WriteAsync(string parquetDirectory, string arrowDirectory)
    {
        Directory.CreateDirectory(parquetDirectory);
        Directory.CreateDirectory(arrowDirectory);
        FuzzRow[] rows = [.. Enumerable.Range(0, 40).Select(Row)];
        foreach ((string name, ParquetWriteOptions options) in Layouts())
        {
            string path = Path.Combine(parquetDirectory, name + ".parquet");
            await using (ParquetDatasetWriter<FuzzRow> writer = await ParquetDatasetWriter<FuzzRow>.CreateAsync(path, options))
            {
                await writer.WriteAsync(rows);
            }

            Console.WriteLine($"{path}: {new FileInfo(path).Length:N0} bytes");
        }

        foreach (int batchRows in new[] { 7, 64 })
        {
            string path = Path.Combine(arrowDirectory, $"batches-of-{batchRows}.arrows");
            using (var dataset = new StreamingDataset<FuzzRow>(new MemorySource<FuzzRow>(rows, batchRows)))
            {
                await using FileStream output = File.Create(path);
                await ArrowIpc.WriteAsync(output, dataset);
            }

            Console.WriteLine($"{path}: {new FileInfo(path).Length:N0} bytes");
        }

        // Compressed bodies: each buffer there states the length it decompresses to, which Arrow's reader allocates first.
        foreach (CompressionCodecType codec in new[] { CompressionCodecType.Zstd, CompressionCodecType.Lz4Frame })
        {
            string path = Path.Combine(arrowDirectory, $"batches-of-16-{codec}.arrows".ToLowerInvariant());
            var options = new IpcOptions { CompressionCodec = codec, CompressionCodecFactory = new CompressionCodecFactory() };
            await using FileStream output = File.Create(path);
            using var writer = new ArrowStreamWriter(output, BatchArrowExtensions.ArrowSchemaOf<FuzzRow>(), leaveOpen: false, options);
            foreach (FuzzRow[] chunk in rows.Chunk(16))
            {
                using Batch<FuzzRow> batch = Batch<FuzzRow>.FromRows(chunk);
                await writer.WriteRecordBatchAsync(batch.ToArrow());
            }

            await writer.WriteEndAsync();
            Console.WriteLine($"{path}: {output.Length:N0} bytes");
        }
    }

    /// <summary>Every codec, both page versions, dictionaries, the delta and byte-stream-split encodings, page indexes, Bloom filters, checksums and small pages.</summary>
    private static IEnumerable<(string Name, ParquetWriteOptions Options)> Layouts()
    {
        Dictionary<string, ParquetColumnOptions> Encoded(ParquetValueEncoding floats, ParquetValueEncoding strings) => new()
        {
            ["Id"] = new() { Encoding = ParquetValueEncoding.DeltaBinaryPacked },
            ["Small"] = new() { Encoding = ParquetValueEncoding.DeltaBinaryPacked },
            ["Reading"] = new() { Encoding = floats },
            ["Ratio"] = new() { Encoding = floats },
            ["Name"] = new() { Encoding = strings },
            ["Note"] = new() { Encoding = strings },
        };

        yield return ("plain-uncompressed", new() { Compression = ParquetCompression.None, Dictionary = false, PageSize = 256 });
        yield return ("dictionary-snappy", new() { Compression = ParquetCompression.Snappy, RowGroupSize = 16, PageIndex = true });
        yield return ("v2-zstd-checksums", new() { Compression = ParquetCompression.Zstd, DataPageV2 = true, PageChecksums = true });
        yield return ("v2-gzip-delta", new() { Compression = ParquetCompression.Gzip, DataPageV2 = true, Dictionary = false, Columns = Encoded(ParquetValueEncoding.Plain, ParquetValueEncoding.DeltaByteArray) });
        yield return ("lz4-byte-stream-split", new() { Compression = ParquetCompression.Lz4, Dictionary = false, PageRowLimit = 5, Columns = Encoded(ParquetValueEncoding.ByteStreamSplit, ParquetValueEncoding.DeltaLengthByteArray) });
        yield return ("brotli-bloom-filters", new()
        {
            Compression = ParquetCompression.Brotli,
            PageIndex = true,
            Columns = new Dictionary<string, ParquetColumnOptions> { ["Name"] = new() { BloomFilterDistinctValues = 16 }, ["Id"] = new() { BloomFilterDistinctValues = 64 } },
        });
        yield return ("snappy-small-pages", new() { Compression = ParquetCompression.Snappy, PageRowLimit = 3, PageChecksums = true });
    }

    private static FuzzRow Row(int i) => new(
        i,
        i % 3 == 0 ? null : i * 7,
        (short)(i - 20),
        i % 4 == 0 ? null : (ulong)i * 1_000_000_007UL,
        i % 5 == 0 ? null : i / 40.0,
        i * 0.5f,
        i % 6 == 0 ? null : i % 2 == 0,
        i % 7 == 0 ? null : new string('s', i % 9),
        "n" + (i % 5),
        i % 3 == 0 ? null : [(byte)i, 1, 2],
        i % 8 == 0 ? null : new Guid(i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        i % 2 == 0 ? null : new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
        DateOnly.FromDayNumber(738_000 + i),
        new TimeOnly(i % 24, i % 60),
        i % 9 == 0 ? null : i * 1.25m,
        (Hue)(i % 3),
        i % 5 == 0 ? null : [.. Enumerable.Range(0, i % 4)],
        i % 6 == 0 ? null : [.. Enumerable.Range(0, i % 3).Select(j => j == 1 ? null : "t" + j)],
        i % 4 == 0 ? null : new Dictionary<string, long> { ["a"] = i, ["b" + (i % 2)] = -i },
        i % 3 == 0 ? null : new Inner(i, i % 2 == 0 ? null : "l" + i),
        i % 7 == 0 ? null : [.. Enumerable.Range(0, i % 3).Select(j => new Inner(j, "r" + j))],
        i % 5 == 0 ? null : [[i], [], [i, i + 1]],
        i % 4 == 1 ? null : ParquetVariant.FromJson($$"""{"i":{{i}},"t":[1.5,"x{{i}}",null,{"d":{{-i}}}],"b":{{(i % 2 == 0 ? "true" : "\"s\"")}}}"""));
}
