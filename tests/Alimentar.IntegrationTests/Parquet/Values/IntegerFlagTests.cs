namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record LabelledRow(long Id, bool Label, bool? Clicked, bool Small, bool[]? Votes);

[StreamingDataset]
public partial record LabelledCounts(long Id, long Label, int? Clicked, sbyte Small, int[]? Votes);

/// <summary>
/// Bool members over the integer columns that hold binary labels (0 and 1, as pandas and Spark write a class), which
/// ML.NET's binary trainers want as bool: every integer width, nullable, in lists, filtered, and any other number
/// refused naming its row rather than read as true.
/// </summary>
public sealed class IntegerFlagTests
{
    private const string Query = """
        SELECT i::BIGINT AS id,
               (i % 3 = 0)::BIGINT AS label,
               CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 2)::INTEGER END AS clicked,
               (i % 7 < 2)::TINYINT AS small,
               CASE WHEN i % 11 = 0 THEN NULL ELSE [(i % 2)::INTEGER, ((i + 1) % 2)::INTEGER] END AS votes
        FROM range(3000) t(i)
        """;

    private static string Write(TempFile file, string query = Query) => DuckDbDifferentialTests.Write(file, query, "ROW_GROUP_SIZE 2048");

    [Fact]
    public void Zero_and_one_read_as_false_and_true_at_every_integer_width()
    {
        using var file = new TempFile();
        string path = Write(file);

        List<LabelledRow> flags = ParquetFiles.ReadAll(new ParquetSource<LabelledRow>(path).BatchSize(500));
        List<LabelledCounts> counts = ParquetFiles.ReadAll(new ParquetSource<LabelledCounts>(path).BatchSize(500));

        Assert.Equal(3000, flags.Count);
        Assert.Equal(counts.Select(c => c.Label == 1), flags.Select(f => f.Label));
        Assert.Equal(counts.Select(c => c.Clicked is { } n ? n == 1 : (bool?)null), flags.Select(f => f.Clicked));
        Assert.Equal(counts.Select(c => c.Small == 1), flags.Select(f => f.Small));
        Assert.Equal(counts.Select(c => c.Votes?.Select(v => v == 1).ToArray()), flags.Select(f => f.Votes));
        Assert.Contains(flags, f => f.Label);
        Assert.Contains(flags, f => !f.Label);
    }

    [Fact]
    public void A_filter_on_a_bool_member_over_an_integer_column_keeps_the_rows_LINQ_keeps()
    {
        using var file = new TempFile();
        string path = Write(file);
        List<LabelledRow> all = ParquetFiles.ReadAll(new ParquetSource<LabelledRow>(path));

        List<LabelledRow> positives = ParquetFiles.ReadAll(new ParquetSource<LabelledRow>(path).Where(r => r.Label && r.Clicked == true));

        Assert.NotEmpty(positives);
        Assert.Equal(all.Where(r => r.Label && r.Clicked == true).Select(r => r.Id), positives.Select(r => r.Id));
    }

    [Fact]
    public void A_number_other_than_zero_or_one_fails_naming_its_row_and_the_integer_member_that_reads_it()
    {
        using var file = new TempFile();
        string path = Write(file, Query.Replace("(i % 3 = 0)::BIGINT AS label", "CASE WHEN i = 2500 THEN -1 ELSE (i % 3 = 0)::BIGINT END AS label", StringComparison.Ordinal));

        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<LabelledRow>(path)));

        Assert.Equal("label", error.ColumnName);
        Assert.Equal(1, error.RowGroup);
        Assert.Equal(2500 - 2048, error.Row);
        Assert.Contains("a bool member reads 0 as false and 1 as true, and no other number", error.Message, StringComparison.Ordinal);
    }
}
