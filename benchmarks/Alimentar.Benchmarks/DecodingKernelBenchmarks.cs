using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// The page reader's vectorised kernels on 1M values against the scalar loops they replaced. Dictionary
/// indices at the widths dictionaries of 500 to 1M entries need: 32-bit destinations take the AVX2 path,
/// 64-bit ones the scalar one-load-per-value path that 32-bit ones took before. Definition levels of a
/// nullable double column with 3% nulls, half of them in runs: the 16-at-a-time compare against a
/// row-by-row branch.
/// </summary>
public class DecodingKernelBenchmarks
{
    private const int Values = 1 << 20;
    private byte[] _packed = [];
    private readonly int[] _indices = new int[Values];
    private readonly long[] _wide = new long[Values];
    private readonly byte[] _definitions = new byte[Values];
    private double[] _present = [];
    private readonly double?[] _rows = new double?[Values];

    [Params(9, 17)]
    public int BitWidth { get; set; }

    [GlobalSetup]
    public void Prepare()
    {
        var random = new Random(1);
        _packed = new byte[(Values * BitWidth / 8) + 8];
        random.NextBytes(_packed);
        for (int i = 0; i < Values; i++)
        {
            bool run = i > 0 && _definitions[i - 1] == 0 && random.NextDouble() < 0.5;
            _definitions[i] = run || random.NextDouble() < 0.015 ? (byte)0 : (byte)1;
        }

        _present = new double[_definitions.Count(d => d == 1)];
    }

    [Benchmark(Baseline = true, Description = "indices: scalar, one load per value")]
    public long ScalarIndices()
    {
        BitUnpacker.Unpack<long>(_packed, 0, BitWidth, _wide);
        return _wide[^1];
    }

    [Benchmark(Description = "indices: AVX2, eight values per step")]
    public int VectorIndices()
    {
        BitUnpacker.Unpack<int>(_packed, 0, BitWidth, _indices);
        return _indices[^1];
    }

    [Benchmark(Description = "levels: a branch per row")]
    public double? ScalarSpread()
    {
        int next = 0;
        for (int i = 0; i < _rows.Length; i++)
        {
            _rows[i] = _definitions[i] == 1 ? _present[next++] : null;
        }

        return _rows[^1];
    }

    [Benchmark(Description = "levels: 16 rows per compare")]
    public double? VectorSpread()
    {
        LevelScatter.Spread<double>(_definitions, 1, _present, _rows);
        return _rows[^1];
    }
}
