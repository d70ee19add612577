using System.Diagnostics;
using System.Globalization;
using Alimentar;
using Alimentar.LargeFile;

// The seed's example 30: stream a file far larger than memory with constant memory.
//   dotnet run -c Release --project samples/Alimentar.LargeFile -- [size in GB, default 1] [path] [--undisposed] [--row-group-size=N]
// --undisposed leaves every batch to the garbage collector, as the seed's own loop does.
// --row-group-size sets the rows per row group of a file the sample writes (default: the writer's, 1,048,576).
if (args is ["--write", var size, var target, var groupRows])
{
    // The file is written by a child process so that the peak working set printed below is the streaming's alone.
    long written = await EventFile.WriteAsync(target, (long)(double.Parse(size, CultureInfo.InvariantCulture) * 1024 * 1024 * 1024), int.Parse(groupRows, CultureInfo.InvariantCulture));
    Console.WriteLine($"Wrote {written:N0} rows, {new FileInfo(target).Length / 1_048_576.0:N0} MB, to {target}");
    return;
}

bool dispose = !args.Contains("--undisposed");
string rowGroupSize = args.FirstOrDefault(a => a.StartsWith("--row-group-size=", StringComparison.Ordinal))?.Split('=')[1]
    ?? ParquetWriteOptions.DefaultRowGroupSize.ToString(CultureInfo.InvariantCulture);
args = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
double gigabytes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
string path = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), $"alimentar-{gigabytes:0.##}gb-{rowGroupSize}.parquet");
long targetBytes = (long)(gigabytes * 1024 * 1024 * 1024);

if (!File.Exists(path) || new FileInfo(path).Length < targetBytes)
{
    var writeClock = Stopwatch.StartNew();
    // Started as "dotnet Alimentar.LargeFile.dll", the process is dotnet itself, which needs the assembly named again.
    string[] self = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(Event).Assembly.Location] : [];
    using Process writer = Process.Start(Environment.ProcessPath!, [.. self, "--write", gigabytes.ToString(CultureInfo.InvariantCulture), path, rowGroupSize])!;
    await writer.WaitForExitAsync();
    if (writer.ExitCode != 0)
    {
        Console.Error.WriteLine($"Writing {path} failed.");
        return;
    }

    Console.WriteLine($"  in {writeClock.Elapsed.TotalSeconds:N0} s");
}

var source = new ParquetSource<Event>(path);
using var streaming = new StreamingDataset<Event>(source, bufferSize: 8)
    .WithBackpressure(4)
    .WithMemoryTracking(true);

var clock = Stopwatch.StartNew();
long rows = 0;
double scoreSum = 0;
foreach (Batch<Event> batch in streaming)
{
    rows += batch.Count;
    foreach (float score in batch.Score)
    {
        scoreSum += score;
    }

    if (dispose)
    {
        batch.Dispose();
    }
}

double seconds = clock.Elapsed.TotalSeconds;
double megabytes = new FileInfo(path).Length / 1_048_576.0;
Console.WriteLine($"Processed {rows:N0} rows with constant memory (mean score {scoreSum / rows:N4}), batches {(dispose ? "disposed" : "left to the garbage collector")}");
Console.WriteLine($"  {seconds:N1} s, {rows / seconds:N0} rows/s, {megabytes / seconds:N0} MB/s of Parquet");
Console.WriteLine($"  PeakMemory (batches buffered and held, page buffers, dictionaries): {streaming.PeakMemory / 1_048_576.0:N1} MB");
Console.WriteLine($"  Process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MB (managed heap now {GC.GetGCMemoryInfo().HeapSizeBytes / 1_048_576.0:N0} MB, {GC.GetTotalAllocatedBytes() / (double)rows:N0} bytes allocated per row)");
