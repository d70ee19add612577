using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar explain FILE|DIRECTORY --where "…"</c>: which row groups and pages a filter reads, and why, from metadata alone.</summary>
internal sealed class ExplainCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(CliInput input, string where, CancellationToken cancellationToken)
    {
        foreach (CliInput file in input.Files)
        {
            FilterExplanation explanation;
            try
            {
                explanation = await file.ExplainAsync(where, cancellationToken);
            }
            catch (FormatException error)
            {
                console.MarkupLineInterpolated($"[red]{error.Message}[/]");
                return ExitCodes.BadPath;
            }

            if (input.IsDataset)
            {
                console.Profile.Out.Writer.WriteLine($"== {file.ShortName}");
            }

            console.Profile.Out.Writer.Write(explanation.ToString());
        }

        return ExitCodes.Success;
    }
}
