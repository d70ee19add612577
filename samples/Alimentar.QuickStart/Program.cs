using System.Diagnostics;
using Alimentar;
using Alimentar.QuickStart;

// Writes a sample Parquet file with the generated writer, then streams it back with constant memory.
long rowCount = args.Length > 0 ? long.Parse(args[0]) : 3_000_000;
string path = Path.Combine(Path.GetTempPath(), "alimentar-quickstart.parquet");

var writeClock = Stopwatch.StartNew();
await ParquetDatasetWriter<Trip>.WriteFileAsync(path, TripGenerator.Generate(rowCount));
Console.WriteLine($"Wrote {rowCount:N0} rows to {path} ({new FileInfo(path).Length / 1_048_576.0:N1} MB) in {writeClock.Elapsed.TotalSeconds:N2} s");

var source = new ParquetSource<Trip>(path).BatchSize(16 * 1024);
using var streaming = new StreamingDataset<Trip>(source, bufferSize: 16)
    .WithBackpressure(8)
    .WithMemoryTracking(true);

var readClock = Stopwatch.StartNew();
long rows = 0, batches = 0, paid = 0;
double scoreSum = 0;
foreach (Batch<Trip> batch in streaming)
{
    using (batch)
    {
        batches++;
        rows += batch.Count;
        foreach (float score in batch.Score)
        {
            scoreSum += score;
        }

        foreach (Trip trip in batch)
        {
            if (trip.Paid)
            {
                paid++;
            }
        }
    }
}

double seconds = readClock.Elapsed.TotalSeconds;
Console.WriteLine($"Streamed {rows:N0} rows in {batches:N0} batches in {seconds:N2} s ({rows / seconds:N0} rows/s)");
Console.WriteLine($"Paid trips: {paid:N0}; mean score: {scoreSum / rows:N4}");
Console.WriteLine($"Peak memory: {streaming.PeakMemory:N0} bytes ({streaming.PeakMemory / 1_048_576.0:N1} MB): batches buffered and held, pages and dictionaries");
Console.WriteLine($"Process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MB (writing the file included)");

Trip first = streaming.Rows().First();
Console.WriteLine($"First row: {first}");
