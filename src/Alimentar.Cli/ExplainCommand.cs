using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar explain FILE --where "…"</c>: which row groups and pages a filter reads, and why, from metadata alone.</summary>
internal sealed class ExplainCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(CliInput file, string where, CancellationToken cancellationToken)
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

        console.Profile.Out.Writer.Write(explanation.ToString());
        return ExitCodes.Success;
    }
}
