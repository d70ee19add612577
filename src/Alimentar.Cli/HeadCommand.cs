using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar head FILE [-n 10]</c>: the first rows as a table.</summary>
internal sealed class HeadCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(CliInput file, int rows, CancellationToken cancellationToken)
    {
        ParquetScan scan = await file.ScanAsync(Math.Max(0, rows), headOnly: true, progress: null, cancellationToken);
        var table = new Table();
        foreach (string column in scan.Columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (object?[] row in scan.Head)
        {
            table.AddRow(row.Select(v => Markup.Escape(Show(v))).ToArray());
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    /// <summary>A cell of the table: a value as <see cref="ValueText"/> shows it.</summary>
    public static string Show(object? value) => ValueText.Of(value);
}
