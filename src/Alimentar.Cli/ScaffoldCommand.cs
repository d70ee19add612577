using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar scaffold FILE|DIRECTORY</c>: prints a record that binds to the file, or to the files of a dataset.</summary>
internal sealed class ScaffoldCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(CliInput input, string typeName, string? ns, CancellationToken cancellationToken)
    {
        List<(CliInput File, ParquetFileInfo Info)> infos = await input.ReadInfosAsync(cancellationToken);

        // A dataset that grew is scaffolded from the file with the most columns; what the others lack or add is said above the record.
        (CliInput chosen, ParquetFileInfo info) = infos.MaxBy(f => f.Info.Columns.Count);
        TextWriter output = console.Profile.Out.Writer;
        if (input.IsDataset)
        {
            var columns = info.Columns.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
            var differences = new List<string>();
            foreach ((CliInput file, ParquetFileInfo other) in infos)
            {
                string[] lacks = [.. columns.Where(c => !other.Columns.Any(o => o.Path == c))];
                string[] adds = [.. other.Columns.Select(o => o.Path).Where(c => !columns.Contains(c))];
                if (lacks.Length > 0)
                {
                    differences.Add($"// {file.ShortName} lacks {string.Join(", ", lacks)}");
                }

                if (adds.Length > 0)
                {
                    differences.Add($"// {file.ShortName} adds {string.Join(", ", adds)}, which this record does not read");
                }
            }

            output.WriteLine($"// Scaffolded from {chosen.ShortName}, one of {infos.Count} files in {input.Display}.");
            if (differences.Count > 0)
            {
                output.WriteLine("// The files differ: read the members some files lack as null with ParquetSource<T>.FromDirectory(..., configure: s => s.MissingColumnsAsNull()),");
                output.WriteLine("// declaring them nullable.");
                differences.ForEach(output.WriteLine);
            }

            output.WriteLine();
        }

        output.Write(info.ScaffoldRowType(typeName, ns));
        return ExitCodes.Success;
    }
}
