using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar bench FILE|DIRECTORY</c>: decodes every column with a progress bar and reports throughput and memory.</summary>
internal sealed class BenchCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(CliInput input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ParquetFileInfo[] infos = [.. (await input.ReadInfosAsync(cancellationToken)).Select(f => f.Info)];

        long rows = 0;
        int columns = 0;
        await console.Progress().StartAsync(async context =>
        {
            ProgressTask task = context.AddTask(Markup.Escape(input.ShortName), maxValue: Math.Max(1, infos.Sum(i => i.RowCount)));
            foreach (CliInput file in input.Files)
            {
                ParquetScan scan = await file.ScanAsync(0, headOnly: false, new Progress<long>(read => task.Increment(read)), cancellationToken);
                rows += scan.Rows;
                columns = Math.Max(columns, scan.Columns.Count);
            }

            task.Value = task.MaxValue;
        });

        double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        string files = input.IsDataset ? string.Create(CultureInfo.InvariantCulture, $" in {infos.Length:N0} files") : string.Empty;
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{rows:N0} rows of {columns} columns{files} in {seconds:N2} s: {rows / seconds:N0} rows/s, {infos.Sum(i => i.Length) / 1_048_576.0 / seconds:N1} MB/s");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MB");
        return ExitCodes.Success;
    }
}
