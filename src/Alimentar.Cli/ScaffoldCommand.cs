using Alimentar.ParquetBinding;
using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar scaffold FILE</c>: prints a record that binds to the file.</summary>
internal sealed class ScaffoldCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(FileInfo file, string typeName, string? ns, CancellationToken cancellationToken)
    {
        CliApplication.RequireFile(file);
        await using ParquetFile parquet = await ParquetFile.OpenAsync(file.FullName, cancellationToken);
        console.Profile.Out.Writer.Write(RowTypeScaffolder.Scaffold(parquet.Schema, typeName, ns, file.Name));
        return ExitCodes.Success;
    }
}
