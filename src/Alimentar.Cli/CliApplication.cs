using System.CommandLine;
using Spectre.Console;

namespace Alimentar.Cli;

/// <summary>The alimentar command line: inspect, scaffold, head, bench and explain, over a file or a directory of them, writing to a console it is given.</summary>
internal sealed class CliApplication
{
    private readonly IAnsiConsole _console;

    public CliApplication(IAnsiConsole console) => _console = console;

    public async Task<int> RunAsync(string[] args)
    {
        var file = new Argument<string>("file")
        {
            Description = "A Parquet file (a path, or an s3://bucket/key, az://container/key, hf://datasets/owner/name/path or https:// URI), or a directory of them, read as ParquetSource.FromDirectory reads it.",
        };
        var rows = new Option<int>("--rows", "-n") { Description = "How many rows to show.", DefaultValueFactory = _ => 10 };
        var typeName = new Option<string>("--type") { Description = "The record's name.", DefaultValueFactory = _ => "Row" };
        var ns = new Option<string?>("--namespace") { Description = "The record's namespace." };
        var tableVersion = new Option<long?>("--table-version")
        {
            Description = "For a Delta Lake table: the version to read (time travel), as its commits number them; the latest when left out.",
        };
        tableVersion.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 0)
            {
                result.AddError("--table-version is a table version, 0 or more.");
            }
        });
        CliInput Input(ParseResult result) => CliInput.Parse(result.GetValue(file)!, result.GetValue(tableVersion));

        var inspect = new Command("inspect", "Show a file's schema, row groups, codecs and column statistics.") { file, tableVersion };
        inspect.SetAction((result, token) => GuardAsync(() => new InspectCommand(_console).RunAsync(Input(result), token)));

        var scaffold = new Command("scaffold", "Print a [StreamingDataset] record that binds to the file.") { file, typeName, ns, tableVersion };
        scaffold.SetAction((result, token) => GuardAsync(() => new ScaffoldCommand(_console).RunAsync(Input(result), result.GetValue(typeName)!, result.GetValue(ns), token)));

        var columns = new Option<string?>("--columns", "-c") { Description = "The columns to show, comma-separated, in that order (default: all)." };
        var vertical = new Option<bool>("--vertical") { Description = "One block per row, a line per column (the default when a table would not fit the terminal)." };
        var head = new Command("head", "Show the first rows as a table, or one block per row when the table would not fit.") { file, rows, columns, vertical, tableVersion };
        head.SetAction((result, token) => GuardAsync(() => new HeadCommand(_console).RunAsync(Input(result), result.GetValue(rows), result.GetValue(columns), result.GetValue(vertical), token)));

        var bench = new Command("bench", "Decode every column of the file and report rows/s, MB/s and peak memory.") { file, tableVersion };
        bench.SetAction((result, token) => GuardAsync(() => new BenchCommand(_console).RunAsync(Input(result), token)));

        var where = new Option<string>("--where", "-w")
        {
            Description = "A filter over the file's columns, C#-like: 'id >= 100 && (name == \"x\" || note == null)', 'label.StartsWith(\"a\")', 'id in (1, 2)'.",
            Required = true,
        };
        var explain = new Command("explain", "Show which row groups and pages a filter reads, and why (statistics, Bloom filters, page index).") { file, where, tableVersion };
        explain.SetAction((result, token) => GuardAsync(() => new ExplainCommand(_console).RunAsync(Input(result), result.GetValue(where)!, token)));

        var root = new RootCommand("Alimentar: typed, constant-memory streaming of Parquet files.") { inspect, scaffold, head, bench, explain };
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                _console.MarkupLineInterpolated($"[red]{error.Message}[/]");
            }

            return ExitCodes.BadPath;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>Turns the library's errors into a message and an exit code instead of a stack trace.</summary>
    private async Task<int> GuardAsync(Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (SourceUnavailableException error)
        {
            _console.MarkupLineInterpolated($"[red]{error.Message}[/]");
            return ExitCodes.BadPath;
        }
        catch (AlimentarException error)
        {
            _console.MarkupLineInterpolated($"[red]{error.Message}[/]");
            return ExitCodes.BadFile;
        }
    }

    /// <summary>Refuses a missing path the way the library does, with the path named.</summary>
    public static void RequireFile(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new SourceUnavailableException($"Cannot read '{file.FullName}': the file does not exist.") { FilePath = file.FullName };
        }
    }
}
