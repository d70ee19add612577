using DuckDB.NET.Data;

namespace Alimentar.Cli.Tests;

/// <summary>
/// Every command takes a directory of Parquet files as <c>ParquetSource.FromDirectory</c> reads it: Hive partitions,
/// hidden paths left out, files that grew a column (a Delta table is read as its log says: <see cref="DeltaTableCommandTests"/>).
/// </summary>
public sealed class DatasetCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alimentar-dataset-").FullName;

    public DatasetCommandTests()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Write(connection, "SELECT i AS id, 'n' || i AS name FROM range(3) t(i)", "year=2023/part-0.parquet");
        Write(connection, "SELECT i + 10 AS id, 'm' || i AS name, 'note' || i AS note FROM range(2) t(i)", "year=2024/part-0.parquet");
        Write(connection, "SELECT 99 AS id, 'hidden' AS name", "_temporary/part-9.parquet");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Inspect_lists_the_files_and_which_of_them_hold_each_column()
    {
        (int exit, string output) = await CommandTests.RunAsync("inspect", _directory);

        Assert.True(exit == 0, output);
        Assert.Contains("2 files", output, StringComparison.Ordinal);
        Assert.Contains("5 rows in 2 row groups", output, StringComparison.Ordinal);
        Assert.Contains("year=2023/part-0.parquet", output, StringComparison.Ordinal);
        Assert.DoesNotContain("part-9", output, StringComparison.Ordinal);
        Assert.Matches(@"note\s*│[^\n]*│\s*1 of 2", output);
        Assert.Matches(@"name\s*│[^\n]*│\s*all", output);
    }

    [Fact]
    public async Task Head_shows_the_rows_of_every_file_in_order_with_partition_keys_and_nulls_for_missing_columns()
    {
        (int exit, string output) = await CommandTests.RunAsync("head", _directory, "-n", "4");

        Assert.True(exit == 0, output);
        string[] lines = output.Split('\n');
        Assert.Matches(@"id\s*│\s*name\s*│\s*year\s*│\s*note", output);
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"│ 2\s*│ n2\s*│ 2023\s*│ null"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"│ 10\s*│ m0\s*│ 2024\s*│ note0"));
        Assert.DoesNotContain("m1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scaffold_takes_the_file_with_most_columns_and_says_which_files_lack_them()
    {
        (int exit, string output) = await CommandTests.RunAsync("scaffold", _directory);

        Assert.True(exit == 0, output);
        Assert.Contains("// Scaffolded from year=2024/part-0.parquet, one of 2 files", output, StringComparison.Ordinal);
        Assert.Contains("// year=2023/part-0.parquet lacks note", output, StringComparison.Ordinal);
        Assert.Contains("MissingColumnsAsNull()", output, StringComparison.Ordinal);
        Assert.Contains("string? Note", output, StringComparison.Ordinal);
        Assert.Contains("int Year", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_and_explain_read_every_file()
    {
        (int exit, string bench) = await CommandTests.RunAsync("bench", _directory);
        Assert.True(exit == 0, bench);
        Assert.Contains("5 rows of 3 columns in 2 files", bench, StringComparison.Ordinal);

        (exit, string explain) = await CommandTests.RunAsync("explain", _directory, "--where", "id > 10");
        Assert.True(exit == 0, explain);
        Assert.Contains("== year=2023/part-0.parquet", explain, StringComparison.Ordinal);
        Assert.Contains("reads 0 of 3 rows", explain, StringComparison.Ordinal);
        Assert.Contains("== year=2024/part-0.parquet", explain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_takes_a_filter_on_a_partition_key_and_skips_the_files_of_other_partitions()
    {
        (int exit, string explain) = await CommandTests.RunAsync("explain", _directory, "--where", "year == 2024");

        Assert.True(exit == 0, explain);
        string[] sections = System.Text.RegularExpressions.Regex.Split(explain.ReplaceLineEndings("\n"), "^== ", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Contains(sections, section => section.StartsWith("year=2023", StringComparison.Ordinal) && section.Contains("reads 0 of 3 rows", StringComparison.Ordinal));
        Assert.Contains(sections, section => section.StartsWith("year=2024", StringComparison.Ordinal) && section.Contains("reads 2 of 2 rows", StringComparison.Ordinal)
            && section.Contains("the file's partition year=2024", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_directory_without_Parquet_files_is_refused_as_a_bad_path()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "empty"));
        (int exit, string output) = await CommandTests.RunAsync("inspect", Path.Combine(_directory, "empty"));
        Assert.Equal(ExitCodes.BadPath, exit);
        Assert.Contains("holds no file matching", output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Iceberg_table_is_refused_naming_its_metadata_rather_than_read_file_by_file()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "metadata"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "metadata", "v3.metadata.json"), "{}");

        (int exit, string output) = await CommandTests.RunAsync("head", _directory);

        Assert.Equal(ExitCodes.BadFile, exit);
        Assert.Contains("Apache Iceberg table", output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains("v3.metadata.json", output.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_file_in_a_dataset_fails_each_command_naming_that_file()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "year=2025"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "year=2025", "broken.parquet"), "not parquet at all, only text");

        string[][] commands = [["inspect", _directory], ["head", _directory, "-n", "100"], ["scaffold", _directory], ["bench", _directory]];
        foreach (string[] command in commands)
        {
            (int exit, string output) = await CommandTests.RunAsync(command);
            Assert.True(exit == ExitCodes.BadFile, $"{command[0]}: {output}");
            Assert.Contains("broken.parquet", output.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
        }
    }

    private void Write(DuckDBConnection connection, string select, string relative)
    {
        string path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{path}' (FORMAT PARQUET)";
        command.ExecuteNonQuery();
    }
}
