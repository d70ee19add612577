using System.Diagnostics;
using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar bench FILE</c>: decodes every column with a progress bar and reports throughput and memory.</summary>
internal sealed class BenchCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(CliInput file, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ParquetFileInfo info = await file.ReadInfoAsync(cancellationToken);
        ParquetScan scan = null!;
        await console.Progress().StartAsync(async context =>
        {
            ProgressTask task = context.AddTask(Markup.Escape(file.ShortName), maxValue: Math.Max(1, info.RowCount));
            scan = await file.ScanAsync(0, headOnly: false, new Progress<long>(rows => task.Increment(rows)), cancellationToken);
            task.Value = task.MaxValue;
        });

        double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        console.MarkupLineInterpolated($"{scan.Rows:N0} rows of {scan.Columns.Count} columns in {seconds:N2} s: {scan.Rows / seconds:N0} rows/s, {info.Length / 1_048_576.0 / seconds:N1} MB/s");
        console.MarkupLineInterpolated($"Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MB");
        return ExitCodes.Success;
    }
}
