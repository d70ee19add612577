namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record HalfRow([property: ParquetColumn("x")] Half? X);

[StreamingDataset]
public partial record FloatFromHalfRow([property: ParquetColumn("x")] float? X);

[StreamingDataset]
public partial record Halves(long Id, Half Value, Half? Maybe);

/// <summary>FLOAT16 columns (Arrow C++ writes them) into <see cref="Half"/> and <see cref="float"/> members.</summary>
public sealed class Float16Tests
{
    // The values Arrow's test suite wrote into float16_nonzeros_and_nans.parquet.
    private static readonly float?[] Expected = [null, 1f, -2f, float.NaN, 0f, -1f, -0f, 2f];

    [Fact]
    public void Float16_values_read_into_half_members_exactly_with_nan_and_negative_zero()
    {
        List<HalfRow> rows = ParquetFiles.ReadAll(new ParquetSource<HalfRow>(ParquetFiles.Corpus("float16_nonzeros_and_nans.parquet")));

        Assert.Equal(Expected.Length, rows.Count);
        for (int i = 0; i < Expected.Length; i++)
        {
            AssertSame(Expected[i], rows[i].X is { } x ? (float)x : null);
        }
    }

    [Fact]
    public void Float16_values_widen_into_float_members()
    {
        List<FloatFromHalfRow> rows = ParquetFiles.ReadAll(new ParquetSource<FloatFromHalfRow>(ParquetFiles.Corpus("float16_nonzeros_and_nans.parquet")));

        for (int i = 0; i < Expected.Length; i++)
        {
            AssertSame(Expected[i], rows[i].X);
        }
    }

    [Fact]
    public async Task Half_members_round_trip_through_a_file()
    {
        using var file = new TempFile();
        Halves[] written = Enumerable.Range(0, 1_000).Select(i => new Halves(i, (Half)(i * 0.25f - 100), i % 3 == 0 ? null : (Half)(i * 1e-5f))).ToArray();
        await ParquetDatasetWriter<Halves>.WriteFileAsync(file.Path, written);

        Assert.Equal(written, ParquetFiles.ReadAll(new ParquetSource<Halves>(file.Path)));
    }

    private static void AssertSame(float? expected, float? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } e)
        {
            // NaN is any NaN; everything else by bit pattern, so that -0 differs from 0.
            if (float.IsNaN(e))
            {
                Assert.True(float.IsNaN(actual!.Value));
            }
            else
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(e), BitConverter.SingleToInt32Bits(actual!.Value));
            }
        }
    }
}
