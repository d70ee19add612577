using System.Reflection;
using System.Text.RegularExpressions;

namespace Alimentar.Cli.Tests;

/// <summary>
/// Every command reads a Delta Lake table as its log says, as <c>ParquetSource.FromDirectory</c> does: the files of its
/// latest version, less the rows their deletion vectors delete, under the table's column names, with partition values
/// from the log. The tables are Databricks' and Spark's (tests/data/delta/README.md says what each holds).
/// </summary>
public sealed class DeltaTableCommandTests
{
    private static string Table(string name) => Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "delta", name);

    [Fact]
    public async Task Head_leaves_out_the_rows_a_deletion_vector_deletes()
    {
        (int exit, string output) = await CommandTests.RunAsync("head", Table("table-with-dv-small"), "-n", "20");

        Assert.True(exit == 0, output);
        // DELETE ... WHERE value IN (0, 9) left 1 to 8.
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], Cells(output));
    }

    [Fact]
    public async Task Head_shows_the_table_names_of_mapped_columns_and_partition_values_from_the_log()
    {
        (int exit, string output) = await CommandTests.RunAsync("head", Table("table_with_column_mapping"), "-n", "10");

        Assert.True(exit == 0, output);
        Assert.Matches(@"Super Name\s*│\s*Company Very Short", output);
        Assert.DoesNotContain("col-", output, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Matches(output, @"│ (BME|BMS)\s*│").Count);
    }

    [Fact]
    public async Task Inspect_says_the_version_the_deleted_rows_and_the_partitions_and_bench_counts_the_rows_the_table_holds()
    {
        (int exit, string inspect) = await CommandTests.RunAsync("inspect", Table("table-with-dv-small"));
        Assert.True(exit == 0, inspect);
        string flat = inspect.ReplaceLineEndings(" ");
        Assert.Contains("Delta Lake table at version 1", flat, StringComparison.Ordinal);
        Assert.Contains("8 rows after its deletion vectors delete 2", flat, StringComparison.Ordinal);
        Assert.Contains("10 (2 deleted)", inspect, StringComparison.Ordinal);

        // Partition values are the log's, which a column-mapped table's random folders do not show.
        (exit, string mapped) = await CommandTests.RunAsync("inspect", Table("table_with_column_mapping"));
        Assert.True(exit == 0, mapped);
        Assert.Contains("Partition", mapped, StringComparison.Ordinal);
        Assert.Contains("Short=BME", mapped, StringComparison.Ordinal);
        Assert.Contains("Short=BMS", mapped, StringComparison.Ordinal);

        // Two deletes, the second vector holding both rows: 98 of the file's 100.
        (exit, string bench) = await CommandTests.RunAsync("bench", Table("table_with_deletion_logs"));
        Assert.True(exit == 0, bench);
        Assert.Contains("98 rows of", bench, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_takes_a_filter_over_the_table_names()
    {
        (int exit, string output) = await CommandTests.RunAsync("explain", Table("table_with_column_mapping"), "--where", "`Super Name` == \"Timothy Lamb\"");

        Assert.True(exit == 0, output);
        Assert.Contains("Super Name", output, StringComparison.Ordinal);
        Assert.Contains("== BH/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_scaffolded_from_a_table_reads_it_with_FromDirectory_as_head_shows_it()
    {
        string table = Table("table_with_column_mapping");
        (int exit, string source) = await CommandTests.RunAsync("scaffold", table);
        Assert.True(exit == 0, source);
        Assert.Contains("[property: ParquetColumn(\"Company Very Short\")] string CompanyVeryShort", source, StringComparison.Ordinal);

        Assembly assembly = GeneratedAssembly.Compile(source.Replace("using Alimentar;", "using Alimentar;\nnamespace Scaffolded;", StringComparison.Ordinal), Probe);
        var rows = (Func<string, string[]>)assembly.GetType("Scaffolded.Probe")!.GetMethod("Rows")!.CreateDelegate(typeof(Func<string, string[]>));
        (exit, string head) = await CommandTests.RunAsync("head", table, "-n", "10");
        Assert.True(exit == 0, head);

        string[] shown = [.. Regex.Matches(head, @"│ ([^│\n]*?)\s*│ (BME|BMS)\s*│").Select(m => $"{m.Groups[1].Value}|{m.Groups[2].Value}")];
        Assert.Equal(5, shown.Length);
        Assert.Equal(shown.Order(StringComparer.Ordinal), rows(table).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Table_version_reads_a_table_as_it_was_and_is_refused_for_what_is_not_a_table()
    {
        // Version 0 is before the delete: every row, and no vector.
        (int exit, string output) = await CommandTests.RunAsync("head", Table("table-with-dv-small"), "-n", "20", "--table-version", "0");
        Assert.True(exit == 0, output);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], Cells(output));

        (exit, output) = await CommandTests.RunAsync("inspect", Table("table-with-dv-small"), "--table-version", "0");
        Assert.True(exit == 0, output);
        Assert.Contains("Delta Lake table at version 0", output.ReplaceLineEndings(" "), StringComparison.Ordinal);

        (exit, output) = await CommandTests.RunAsync("head", Table("table-with-dv-small"), "--table-version", "7");
        Assert.Equal(ExitCodes.BadPath, exit);
        Assert.Contains("latest is 1", output.ReplaceLineEndings(" "), StringComparison.Ordinal);

        (exit, output) = await CommandTests.RunAsync("head", Table("table-with-dv-small"), "--table-version", "-1");
        Assert.Equal(ExitCodes.BadPath, exit);
        Assert.Contains("0 or more", output, StringComparison.Ordinal);

        (exit, output) = await CommandTests.RunAsync("bench", Corpus.File("alltypes_plain.parquet"), "--table-version", "0");
        Assert.Equal(ExitCodes.BadPath, exit);
        Assert.Contains("not one", output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_whose_log_names_a_missing_file_is_a_bad_path_naming_it()
    {
        string copy = Directory.CreateTempSubdirectory("alimentar-delta-").FullName;
        try
        {
            CopyDirectory(Table("table-with-dv-small"), copy);
            string data = Directory.GetFiles(copy, "*.parquet").Single();
            File.Delete(data);

            (int exit, string output) = await CommandTests.RunAsync("head", copy);

            Assert.Equal(ExitCodes.BadPath, exit);
            Assert.Contains(Path.GetFileName(data), output.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>The first column's cells of a one-column table.</summary>
    private static string[] Cells(string output) => [.. Regex.Matches(output, @"^│ (\S+)\s*│$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Where(v => v != "value")];

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private const string Probe = """
        namespace Scaffolded;

        public static class Probe
        {
            public static string[] Rows(string table)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(Alimentar.ParquetSource<Row>.FromDirectory(table), bufferSize: 4);
                return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), r => r.SuperName + "|" + r.CompanyVeryShort));
            }
        }
        """;
}
