using DuckDB.NET.Data;

namespace Alimentar.Cli.Tests;

/// <summary><c>alimentar explain FILE --where</c>: the plan a filter makes from metadata, and clear errors for filters it cannot read.</summary>
public sealed class ExplainTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"alimentar-explain-{Guid.NewGuid():N}.parquet");

    public ExplainTests()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            COPY (SELECT i::BIGINT AS id, 'name-' || (i % 10) AS name, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 0.5 END AS score,
                         TIMESTAMP '2024-01-01' + INTERVAL (i) MINUTE AS at
                  FROM range(50000) t(i)) TO '{_path}' (FORMAT PARQUET, ROW_GROUP_SIZE 10000)
            """;
        command.ExecuteNonQuery();
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task A_range_on_a_sorted_column_keeps_one_row_group_and_says_why_the_others_go()
    {
        (int exit, string output) = await CommandTests.RunAsync("explain", _path, "--where", "id >= 31000 && id < 31050");

        Assert.Equal(0, exit);
        Assert.Contains("in 1 of 5 row groups", output, StringComparison.Ordinal);
        Assert.True(output.Contains("row group 0 (10240 rows): skipped: its statistics rule out every row (id: 0 to 10239", StringComparison.Ordinal), output);
        Assert.Contains("row group 3 (10240 rows): read", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timestamp_bounds_are_shown_in_ISO_8601()
    {
        (int exit, string output) = await CommandTests.RunAsync("explain", _path, "--where", "at >= \"2024-01-20T00:00:00Z\"");

        Assert.Equal(0, exit);
        Assert.True(output.Contains("(at: 2024-01-01 00:00:00 to 2024-01-08 02:39:00, 0 nulls)", StringComparison.Ordinal), output);
    }

    [Theory]
    [InlineData("at >= \"2024-01-20T00:00:00Z\"", "filter at >= \"2024-01-20T00:00:00Z\"\nreads 29520 of 50000 rows, in 3 of 5 row groups")]
    [InlineData("!(score != null) && id < 5000", "in 1 of 5 row groups")]
    [InlineData("name.StartsWith(\"name-1\") || id in (49999, 3)", "in 5 of 5 row groups")]
    [InlineData("score > 100000", "in 0 of 5 row groups")]
    public async Task Dates_nulls_prefixes_and_sets_are_explained(string where, string expected)
    {
        (int exit, string output) = await CommandTests.RunAsync("explain", _path, "--where", where);

        Assert.True(exit == 0, output);
        Assert.True(output.Contains(expected, StringComparison.Ordinal), output);
    }

    [Theory]
    [InlineData("idd > 3", "no column 'idd'")]
    [InlineData("id >", "expected a number")]
    [InlineData("id > 3 &&", "expected a column name")]
    [InlineData("name > \"a\" )", "expected && or ||")]
    public async Task A_filter_it_cannot_read_is_a_clear_error(string where, string expected)
    {
        (int exit, string output) = await CommandTests.RunAsync("explain", _path, "--where", where);

        Assert.Equal(ExitCodes.BadPath, exit);
        Assert.True(output.Contains(expected, StringComparison.Ordinal), output);
    }
}
