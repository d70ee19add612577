using Alimentar.ParquetBinding.Reading;
using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// Dictionary indices of a 1M-value page at the widths dictionaries of 500 to 1M entries need: 32-bit
/// destinations take the AVX2 path, 64-bit ones the scalar one-load-per-value path that 32-bit ones took before.
/// </summary>
public class BitUnpackingBenchmarks
{
    private const int Values = 1 << 20;
    private byte[] _packed = [];
    private readonly int[] _indices = new int[Values];
    private readonly long[] _wide = new long[Values];

    [Params(9, 13, 17, 20)]
    public int BitWidth { get; set; }

    [GlobalSetup]
    public void Pack()
    {
        _packed = new byte[(Values * BitWidth / 8) + 8];
        new Random(1).NextBytes(_packed);
    }

    [Benchmark(Baseline = true, Description = "scalar, one load per value")]
    public long Scalar()
    {
        BitUnpacker.Unpack<long>(_packed, 0, BitWidth, _wide);
        return _wide[^1];
    }

    [Benchmark(Description = "AVX2, eight values per step")]
    public int Vector()
    {
        BitUnpacker.Unpack<int>(_packed, 0, BitWidth, _indices);
        return _indices[^1];
    }
}
