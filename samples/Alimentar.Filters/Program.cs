using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alimentar;

// Filters pushed down, from disk and from an object store:
//   dotnet run -c Release --project samples/Alimentar.Filters
// Writes 2,000,000 sensor readings in 20 row groups sorted by time, then asks for one hour of one sensor.
string directory = Path.Combine(Path.GetTempPath(), "alimentar-filters-sample");
Directory.CreateDirectory(directory);
string path = Path.Combine(directory, "readings.parquet");
var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
if (!File.Exists(path))
{
    await ParquetDatasetWriter<Reading>.WriteFileAsync(path, Enumerable.Range(0, 2_000_000).Select(i =>
        new Reading(i, $"sensor-{i % 50:D2}", start.AddSeconds(i), i % 97 == 0 ? null : Math.Sin(i / 1000.0) * 40)), rowGroupSize: 100_000);
}

DateTime from = start.AddDays(10), to = from.AddHours(1);
string[] sensors = ["sensor-07", "sensor-31"];
ParquetSource<Reading> Filtered(ParquetSource<Reading> source) =>
    source.Where(r => r.At >= from && r.At < to && sensors.Contains(r.Sensor) && r.Celsius != null);

// What the reader will read, and why, before reading anything.
Console.WriteLine(Filtered(new ParquetSource<Reading>(path)).Explain());

// Each way runs twice; the second time is shown, once the code is compiled and the file cached.
List<Reading> rows = [];
int scanned = 0;
double filtered = 0, scan = 0;
for (int run = 0; run < 2; run++)
{
    var clock = Stopwatch.StartNew();
    rows = Rows(Filtered(new ParquetSource<Reading>(path)));
    filtered = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    scanned = Rows(new ParquetSource<Reading>(path)).Count(r => r.At >= from && r.At < to && sensors.Contains(r.Sensor) && r.Celsius != null);
    scan = clock.Elapsed.TotalMilliseconds;
}

Console.WriteLine($"Where: {rows.Count:N0} rows in {filtered:N1} ms; a full scan filtered with LINQ: {scanned:N0} rows in {scan:N1} ms");

// The same query through an object store (a local folder here; S3ObjectStore, AzureBlobObjectStore and
// HttpObjectStore work alike): only the pages the filter keeps are fetched, as merged range requests.
long requests = 0, bytes = 0;
using var listener = new MeterListener
{
    InstrumentPublished = (instrument, l) =>
    {
        if (instrument.Name is AlimentarMetrics.StorageRequests or AlimentarMetrics.StorageBytes)
        {
            l.EnableMeasurementEvents(instrument);
        }
    },
};
listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
{
    if (instrument.Name == AlimentarMetrics.StorageRequests) Interlocked.Add(ref requests, value);
    else Interlocked.Add(ref bytes, value);
});
listener.Start();
var store = new LocalObjectStore(directory);
List<Reading> fromStore = Rows(Filtered(new ParquetSource<Reading>(store, "readings.parquet")));
Console.WriteLine($"From the store: {fromStore.Count:N0} rows with {requests} requests, {bytes / 1024.0:N0} KiB of a {new FileInfo(path).Length / 1_048_576.0:N1} MB file");

static List<Reading> Rows(ParquetSource<Reading> source)
{
    using var streaming = new StreamingDataset<Reading>(source, bufferSize: 4);
    return streaming.Rows().ToList();
}

/// <summary>One reading of one sensor.</summary>
[StreamingDataset]
public partial record Reading(long Id, string Sensor, DateTime At, double? Celsius);
