using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar scaffold FILE</c>: prints a record that binds to the file.</summary>
internal sealed class ScaffoldCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(CliInput file, string typeName, string? ns, CancellationToken cancellationToken)
    {
        ParquetFileInfo info = await file.ReadInfoAsync(cancellationToken);
        console.Profile.Out.Writer.Write(info.ScaffoldRowType(typeName, ns));
        return ExitCodes.Success;
    }
}
