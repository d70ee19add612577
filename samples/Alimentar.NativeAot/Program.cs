using System.Diagnostics;
using Alimentar;
using Alimentar.NativeAot;

// Published with PublishAot=true: the generated code and the runtime run without reflection or a JIT.
//   dotnet publish samples/Alimentar.NativeAot -c Release -r linux-x64 && ./samples/Alimentar.NativeAot/bin/Release/net10.0/linux-x64/publish/Alimentar.NativeAot
//   ./Alimentar.NativeAot first-pass [rows] prints how much slower a process's first pass is than its later ones;
//   first-pass-write <rows> <file> writes the file it reads, and first-pass-child <rows|columns> <file> reads it once and again.
if (args is ["first-pass", .. string[] firstPassArgs])
{
    return FirstPass.Run(firstPassArgs);
}

if (args is ["first-pass-child", string workload, string file])
{
    return FirstPass.Child(workload, file);
}

if (args is ["first-pass-write", string readings, string target])
{
    return FirstPass.WriteFile(target, int.Parse(readings, System.Globalization.CultureInfo.InvariantCulture));
}

string path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "alimentar-aot.parquet");
var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
string[] sensors = ["north", "south", "east", "west"];

// ZSTD, so the binary also reads through the system's libzstd (bound at run time, no DllImport) where the machine has one.
await using (ParquetDatasetWriter<Reading> writer = await ParquetDatasetWriter<Reading>.CreateAsync(path, new ParquetWriteOptions { RowGroupSize = 50_000, Compression = ParquetCompression.Zstd }))
{
    await writer.WriteAsync(Enumerable.Range(0, 200_000).Select(i => new Reading(i, sensors[i % 4], i % 10 == 0 ? null : i * 0.01, start.AddSeconds(i), [i % 3, i % 5])));
}

var clock = Stopwatch.StartNew();
using var streaming = new StreamingDataset<Reading>(new ParquetSource<Reading>(path).BatchSize(10_000), bufferSize: 4).WithMemoryTracking(true);
long rows = 0;
double sum = 0;
foreach (Batch<Reading> batch in streaming)
{
    using (batch)
    {
        rows += batch.Count;
        foreach (double? celsius in batch.Celsius)
        {
            sum += celsius ?? 0;
        }
    }
}

Reading last = streaming.Rows().Last();
Console.WriteLine($"NativeAOT: streamed {rows:N0} rows in {clock.Elapsed.TotalMilliseconds:N0} ms; sum {sum:N2}; peak {streaming.PeakMemory:N0} bytes");
Console.WriteLine($"Last row: {last.Id} {last.Sensor} {last.Celsius} {last.TakenAt:O} [{string.Join(",", last.Flags)}]");

// A filter is an expression tree the reader walks itself, so it needs no JIT either.
DateTime from = start.AddSeconds(120_000);
ParquetSource<Reading> filtered = new ParquetSource<Reading>(path).Where(r => r.TakenAt >= from && r.Sensor == "east" && r.Celsius != null);
long matched = 0;
await foreach (Batch<Reading> batch in filtered.ReadBatchesAsync())
{
    using (batch)
    {
        matched += batch.Count;
    }
}

FilterExplanation plan = filtered.Explain();
Console.WriteLine($"NativeAOT filter: {matched:N0} rows, reading {plan.RowsToRead:N0} of {plan.TotalRows:N0}");

// Training: two shuffled ranks checkpoint part way (the states go through their JSON), then three ranks finish the epoch.
StreamingDataset<Reading> Rank(int rank, int world) =>
    new StreamingDataset<Reading>(new ParquetSource<Reading>(path).BatchSize(5_000), bufferSize: 2).WithShuffle(seed: 7, windowRows: 20_000).WithShard(rank, world);
var ids = new HashSet<long>();
var states = new List<StreamingState>();
for (int rank = 0; rank < 2; rank++)
{
    using StreamingDataset<Reading> first = Rank(rank, 2);
    foreach (Reading reading in first.Rows().Take(30_000 + (rank * 7_777)))
    {
        ids.Add(reading.Id);
    }

    states.Add(StreamingState.FromBytes(first.GetState().ToBytes()));
}

long resumed = 0;
for (int rank = 0; rank < 3; rank++)
{
    using StreamingDataset<Reading> next = Rank(rank, 3).ResumeFrom(states);
    foreach (Reading reading in next.Rows())
    {
        resumed += ids.Add(reading.Id) ? 1 : -1_000_000;
    }
}

Console.WriteLine($"NativeAOT elastic resume: 2 ranks stopped at {states.Sum(s => s.RowsConsumed):N0} rows, 3 ranks read the other {resumed:N0}, each row once: {ids.Count == 200_000}");
return rows == 200_000 && last.Id == 199_999 && matched == 16_000 && ids.Count == 200_000 && resumed > 0 ? 0 : 1;
