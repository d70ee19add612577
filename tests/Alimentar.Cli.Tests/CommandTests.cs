using Alimentar.Testing;
using Spectre.Console;

namespace Alimentar.Cli.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task Inspect_shows_schema_row_groups_and_statistics()
    {
        (int exit, string output) = await RunAsync("inspect", Corpus.File("sort_columns.parquet"));

        Assert.Equal(0, exit);
        Assert.Contains("6 rows in 2 row groups", output, StringComparison.Ordinal);
        Assert.Contains("INT64", output, StringComparison.Ordinal);
        Assert.Contains("Row group", output, StringComparison.Ordinal);
        Assert.Contains("Encodings", output, StringComparison.Ordinal);
        Assert.Contains("PLAIN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_shows_date_time_and_timestamp_statistics_in_their_logical_types()
    {
        (int exit, string output) = await InspectDuckDbFileAsync("""
            SELECT DATE '1969-07-20' + i::INTEGER AS day, TIMESTAMP '2024-02-29 12:34:56.5' + INTERVAL (i) HOUR AS at,
                   TIME '08:15:00' + INTERVAL (i) MINUTE AS clock, (i - 5)::DECIMAL(9, 2) AS price
            FROM range(10) t(i)
            """, "FORMAT PARQUET");

        Assert.Equal(0, exit);
        Assert.Contains("1969-07-20", output, StringComparison.Ordinal);
        Assert.Contains("1969-07-29", output, StringComparison.Ordinal);
        Assert.Contains("2024-02-29 12:34:56.5", output, StringComparison.Ordinal);
        Assert.Contains("08:15:00", output, StringComparison.Ordinal);
        Assert.Contains("-5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_takes_the_files_string_and_binary_bounds_in_byte_order_across_row_groups()
    {
        // Row group 0 holds apple..banana and bytes AB CD EF, row group 1 Yak..Zebra and 01 23 45: in byte order the
        // file's bounds are Yak..banana and 012345..ABCDEF; a culture order would say apple..Zebra.
        (int exit, string output) = await InspectDuckDbFileAsync("""
            SELECT CASE WHEN i < 2048 THEN (CASE WHEN i % 2 = 0 THEN 'apple' ELSE 'banana' END)
                        ELSE (CASE WHEN i % 2 = 0 THEN 'Yak' ELSE 'Zebra' END) END AS name,
                   CASE WHEN i < 2048 THEN '\xAB\xCD\xEF'::BLOB ELSE '\x01\x23\x45'::BLOB END AS tag
            FROM range(4096) t(i) ORDER BY i
            """, "FORMAT PARQUET, ROW_GROUP_SIZE 2048");

        Assert.Equal(0, exit);
        Assert.Contains("in 2 row groups", output, StringComparison.Ordinal);
        Assert.Contains("Yak", output, StringComparison.Ordinal);
        Assert.Contains("banana", output, StringComparison.Ordinal);
        Assert.DoesNotContain("apple", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebra", output, StringComparison.Ordinal);
        Assert.Contains("012345", output, StringComparison.Ordinal);
        Assert.Contains("ABCDEF", output, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>inspect</c> on the rows of <paramref name="select"/>, written by DuckDB with <paramref name="options"/>.</summary>
    private static async Task<(int Exit, string Output)> InspectDuckDbFileAsync(string select, string options)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-cli-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"COPY ({select}) TO '{path}' ({options})";
                command.ExecuteNonQuery();
            }

            return await RunAsync("inspect", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("parquet-cpp-arrow version 17.0.0", 80, "parquet-cpp-arrow version 17.0.0")]
    [InlineData("parquet-mr version 1.13.1 (build db4183109d5b734ec5930d870cdae161e408ddba) with a very long tail", 40, "parquet-mr version 1.13.1 (build db41...")]
    public void Long_created_by_strings_are_shortened_so_the_layout_holds(string createdBy, int most, string shown)
    {
        Assert.Equal(shown, InspectCommand.Shorten(createdBy, most));
        Assert.True(InspectCommand.Shorten(createdBy, most).Length <= most);
    }

    [Fact]
    public async Task Head_shows_the_first_rows_with_their_nulls()
    {
        (int exit, string output) = await RunAsync("head", Corpus.File("list_columns.parquet"), "-n", "2");

        Assert.Equal(0, exit);
        Assert.Contains("[1, 2, 3]", output, StringComparison.Ordinal);
        Assert.Contains("[null, 1]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[4]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_shows_dates_and_timestamps_in_ISO_8601()
    {
        (int exit, string output) = await RunAsync("head", Corpus.File("alltypes_plain.parquet"), "-n", "1");

        Assert.Equal(0, exit);
        Assert.Contains("2009-03-01 00:00:00", output, StringComparison.Ordinal);
        Assert.DoesNotContain("03/01/2009", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_and_explain_show_booleans_in_lower_case_as_SQL_engines_and_the_filter_text_do()
    {
        (int exit, string output) = await RunAsync("head", Corpus.File("alltypes_plain.parquet"), "-n", "2", "-c", "bool_col");
        (int explainExit, string explained) = await RunAsync("explain", Corpus.File("alltypes_plain.parquet"), "--where", "bool_col == true");

        Assert.Equal(0, exit);
        Assert.Matches(@"bool_col[^\n]*\n(.*\n)?[^\n]*true[^\n]*\n[^\n]*false", output);
        Assert.DoesNotContain("True", output, StringComparison.Ordinal);
        Assert.True(explainExit == 0, explained);
        Assert.Contains("bool_col == true", explained, StringComparison.Ordinal);
        Assert.DoesNotContain("True", explained, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_shows_the_columns_asked_for_in_that_order()
    {
        (int exit, string output) = await RunAsync("head", Corpus.File("alltypes_plain.parquet"), "-n", "2", "-c", "string_col,ID");

        Assert.Equal(0, exit);
        string header = output.Split('\n').First(line => line.Contains("string_col", StringComparison.Ordinal));
        Assert.True(header.IndexOf("string_col", StringComparison.Ordinal) < header.IndexOf(" id ", StringComparison.Ordinal), header);
        Assert.DoesNotContain("bool_col", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_shows_every_leaf_of_a_group_asked_for_by_its_name()
    {
        (int exit, string output) = await RunAsync("head", Corpus.File("nested_structs.rust.parquet"), "-n", "1", "-c", "pc_cur");

        Assert.Equal(0, exit);
        foreach (string leaf in new[] { "min", "max", "mean", "count", "sum", "variance" })
        {
            Assert.Contains($"PC_CUR/{leaf}", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("roll_num", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_names_the_file_s_columns_when_one_asked_for_is_not_there()
    {
        (int exit, string output) = await RunAsync("head", Corpus.File("alltypes_plain.parquet"), "-c", "id,nope");

        Assert.Equal(2, exit);
        Assert.Contains("No column 'nope' in alltypes_plain.parquet", output, StringComparison.Ordinal);
        Assert.Contains("timestamp_col", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, false)]
    [InlineData(200, true)]
    public async Task Head_shows_one_block_per_row_when_a_table_would_not_fit_or_when_asked(int width, bool askVertical)
    {
        string[] args = ["head", Corpus.File("alltypes_plain.parquet"), "-n", "2", .. askVertical ? new[] { "--vertical" } : []];

        (int exit, string output) = await RunAtWidthAsync(width, args);

        Assert.Equal(0, exit);
        Assert.Contains("row 1", output, StringComparison.Ordinal);
        Assert.Contains("row 2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("row 3", output, StringComparison.Ordinal);
        // A line per column, the name first and its value after it.
        Assert.Contains(output.Split('\n'), line => line.StartsWith("timestamp_col", StringComparison.Ordinal) && line.Contains("2009-03-01 00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Head_keeps_the_table_when_it_fits()
    {
        (int exit, string output) = await RunAtWidthAsync(200, "head", Corpus.File("alltypes_plain.parquet"), "-n", "2");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("row 1", output, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), line => line.Contains("timestamp_col", StringComparison.Ordinal) && line.Contains("bool_col", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scaffold_prints_a_record()
    {
        (int exit, string output) = await RunAsync("scaffold", Corpus.File("alltypes_plain.parquet"), "--type", "AllTypes", "--namespace", "Demo");

        Assert.Equal(0, exit);
        Assert.Contains("public partial record AllTypes(", output, StringComparison.Ordinal);
        Assert.Contains("int? Id", output, StringComparison.Ordinal);
        Assert.Contains("DateTime? TimestampCol", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_reports_throughput()
    {
        // On a machine set to German, too: the message's numbers are written alike everywhere.
        using var culture = new CultureScope();
        (int exit, string output) = await RunAsync("bench", Corpus.File("alltypes_tiny_pages.parquet"));

        Assert.Equal(0, exit);
        Assert.Contains("7,300 rows of 13 columns", output, StringComparison.Ordinal);
        Assert.Contains("rows/s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_path_exits_with_2_and_names_it()
    {
        (int exit, string output) = await RunAsync("head", "/no/such/file.parquet");

        Assert.Equal(2, exit);
        Assert.Contains("/no/such/file.parquet", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_exits_with_1_and_says_why()
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-cli-{Guid.NewGuid():N}.parquet");
        await File.WriteAllTextAsync(path, "this is not parquet, only text pretending");
        try
        {
            (int exit, string output) = await RunAsync("head", path);

            Assert.Equal(1, exit);
            Assert.Contains("not Parquet", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Unknown_arguments_exit_with_2()
    {
        (int exit, _) = await RunAsync("inspect");

        Assert.Equal(2, exit);
    }

    internal static Task<(int Exit, string Output)> RunAsync(params string[] args) => RunAtWidthAsync(200, args);

    /// <summary>Runs the command line on a console <paramref name="width"/> characters wide.</summary>
    internal static async Task<(int Exit, string Output)> RunAtWidthAsync(int width, params string[] args)
    {
        var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        int exit = await new CliApplication(console).RunAsync(args);
        return (exit, writer.ToString());
    }
}
