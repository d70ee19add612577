namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record FloatFeatures(long Id, float Score, float? Rate, float Count, float? Price, float[]? Weights);

[StreamingDataset]
public partial record DoubleFeatures(long Id, double Score, double? Rate, long Count, decimal? Price, double[]? Weights);

/// <summary>
/// Float members over the columns pandas and Spark write (DOUBLE, BIGINT, DECIMAL), as a model's float32 features
/// want them: each value the nearest float to what a double member reads, filters giving LINQ's rows even where
/// a row group's double bound rounds onto the constant, and a double beyond float's range refused naming its row.
/// </summary>
public sealed class FloatFeatureTests
{
    private const int Rows = 4000;

    // The second row group's scores are below 1.5, every tenth just below: its float is 1.5, its double (the
    // group's maximum) is not.
    private const string Query = """
        SELECT i::BIGINT AS id,
               CASE WHEN i < 2048 THEN 2 + (i * 7919 % 10007) / 3.0 WHEN i % 10 = 3 THEN 1.5 - 1e-12 ELSE i % 100 / 100.0 END::DOUBLE AS score,
               CASE WHEN i % 6 = 0 THEN NULL ELSE 1.0 / (i + 1) END::DOUBLE AS rate,
               (i * 1000003)::BIGINT * 1000 AS count,
               CASE WHEN i % 8 = 0 THEN NULL ELSE (i % 997 * 0.37)::DECIMAL(12, 4) END AS price,
               CASE WHEN i % 9 = 0 THEN NULL ELSE [i / 7.0, -i / 3.0]::DOUBLE[] END AS weights
        FROM range(4000) t(i)
        """;

    private static string Write(TempFile file, string query = Query) => DuckDbDifferentialTests.Write(file, query, "ROW_GROUP_SIZE 2048");

    [Fact]
    public void Each_float_member_holds_the_nearest_float_to_the_value_a_double_member_reads()
    {
        using var file = new TempFile();
        string path = Write(file);

        List<FloatFeatures> floats = ParquetFiles.ReadAll(new ParquetSource<FloatFeatures>(path).BatchSize(700));
        List<DoubleFeatures> doubles = ParquetFiles.ReadAll(new ParquetSource<DoubleFeatures>(path).BatchSize(700));

        Assert.Equal(Rows, floats.Count);
        for (int i = 0; i < Rows; i++)
        {
            DoubleFeatures exact = doubles[i];
            FloatFeatures ours = floats[i];
            Assert.Equal(exact.Id, ours.Id);
            Assert.Equal((float)exact.Score, ours.Score);
            Assert.Equal((float?)exact.Rate, ours.Rate);
            Assert.Equal((float)exact.Count, ours.Count);
            Assert.Equal((float?)(double?)exact.Price, ours.Price);
            Assert.Equal(exact.Weights?.Select(w => (float)w), ours.Weights);
        }

        Assert.Equal(1.5f, floats[2053].Score);
        Assert.NotEqual(1.5, doubles[2053].Score);
    }

    [Fact]
    public void Filters_on_float_members_over_double_columns_keep_exactly_the_rows_LINQ_keeps()
    {
        using var file = new TempFile();
        string path = Write(file);
        List<FloatFeatures> all = ParquetFiles.ReadAll(new ParquetSource<FloatFeatures>(path));

        // 1.5f is where a row group's double maximum (just below 1.5) rounds onto the constant.
        Assert.Equal(all.Where(r => r.Score >= 1.5f).Select(r => r.Id), Filtered(path, r => r.Score >= 1.5f));
        Assert.Equal(all.Where(r => r.Score == 1.5f).Select(r => r.Id), Filtered(path, r => r.Score == 1.5f));
        Assert.Equal(all.Where(r => r.Score < 1.5f).Select(r => r.Id), Filtered(path, r => r.Score < 1.5f));

        // Against a double constant C# compares the float widened: the float's value, not the stored double's.
        Assert.Equal(all.Where(r => r.Score >= 1.5).Select(r => r.Id), Filtered(path, r => r.Score >= 1.5));
        Assert.Equal(all.Where(r => r.Score == 1.5).Select(r => r.Id), Filtered(path, r => r.Score == 1.5));
        Assert.Equal(all.Where(r => r.Rate > 0.001f).Select(r => r.Id), Filtered(path, r => r.Rate > 0.001f));
        Assert.Equal(all.Where(r => r.Count <= 2e12f).Select(r => r.Id), Filtered(path, r => r.Count <= 2e12f));
        Assert.Equal(all.Where(r => r.Price > 300f).Select(r => r.Id), Filtered(path, r => r.Price > 300f));
        Assert.Equal(195, Filtered(path, r => r.Score == 1.5f).Count);
    }

    private static List<long> Filtered(string path, System.Linq.Expressions.Expression<Func<FloatFeatures, bool>> predicate) =>
        ParquetFiles.ReadAll(new ParquetSource<FloatFeatures>(path).Where(predicate)).Select(r => r.Id).ToList();

    [Fact]
    public void A_double_beyond_the_range_of_float_fails_naming_its_row()
    {
        using var file = new TempFile();
        string path = Write(file, Query.Replace("END::DOUBLE AS score", "END::DOUBLE * CASE WHEN i = 1234 THEN 1e300 ELSE 1 END AS score", StringComparison.Ordinal));

        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<FloatFeatures>(path)));

        Assert.Equal("score", error.ColumnName);
        Assert.Equal(0, error.RowGroup);
        Assert.Equal(1234, error.Row);
    }
}
