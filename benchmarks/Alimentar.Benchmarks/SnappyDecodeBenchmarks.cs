using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Alimentar.Parquet.Reading.Codecs;

namespace Alimentar.Benchmarks;

/// <summary>
/// One 1 MB page, as Snappier compresses it, decompressed by the runtime's own decoder and by Snappier's, per page
/// shape: numbers stored PLAIN (a tag every few bytes), a page that did not compress (one long literal), runs of one
/// byte, a three-byte pattern and text.
/// </summary>
public class SnappyDecodeBenchmarks
{
    private byte[] _compressed = [];
    private byte[] _output = [];

    [Params("sequential longs", "timestamps", "doubles", "random bytes", "runs of one byte", "three-byte pattern", "text")]
    public string Shape { get; set; } = string.Empty;

    [GlobalSetup]
    public void Compress()
    {
        byte[] page = Page(Shape);
        _compressed = global::Snappier.Snappy.CompressToArray(page);
        _output = new byte[page.Length];
    }

    [Benchmark(Baseline = true, Description = "Alimentar's decoder")]
    public int AlimentarDecoder() => SnappyCodec.Decompress(_compressed, _output);

    [Benchmark(Description = "Snappier")]
    public int SnappierDecoder() => global::Snappier.Snappy.Decompress(_compressed, _output);

    private static byte[] Page(string shape)
    {
        const int Longs = 1 << 17;
        var random = new Random(7);
        var page = new byte[Longs * 8];
        switch (shape)
        {
            case "sequential longs":
                Fill(page, i => 1_000_000L + i);
                break;
            case "timestamps":
                Fill(page, i => 1_704_067_200_000_000L + i * 1_000_000L);
                break;
            case "doubles":
                Fill(page, i => BitConverter.DoubleToInt64Bits((1_000_000 + i) * 0.5));
                break;
            case "random bytes":
                random.NextBytes(page);
                break;
            case "runs of one byte":
                for (int i = 0; i < page.Length;)
                {
                    byte value = (byte)random.Next(4);
                    for (int run = random.Next(1, 200); run > 0 && i < page.Length; run--)
                    {
                        page[i++] = value;
                    }
                }

                break;
            case "three-byte pattern":
                for (int i = 0; i < page.Length; i++)
                {
                    page[i] = (byte)((i % 3) + (i / 3_000 % 7));
                }

                break;
            case "text":
                System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"the quick brown fox {i % 97} jumps over the lazy dog {i * 31 % 1013}; ")))
                    .AsSpan(0, page.Length).CopyTo(page);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }

        return page;
    }

    private static void Fill(byte[] page, Func<int, long> value)
    {
        for (int i = 0; i < page.Length / 8; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(i * 8), value(i));
        }
    }
}
