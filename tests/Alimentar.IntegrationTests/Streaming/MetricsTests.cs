using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Alimentar.IntegrationTests;

/// <summary>The Alimentar meter, observed with a <see cref="MeterListener"/>; alone, since the meter is process-wide.</summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task The_meter_reports_rows_batches_bytes_buffers_and_waits()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 1_000).Select(i => new Measurement(i, "s", i)), rowGroupSize: 100);
        var sums = new ConcurrentDictionary<string, double>();
        var counts = new ConcurrentDictionary<string, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AlimentarMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument.Name, value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument.Name, value));
        listener.Start();

        // The first batch comes late, so the consumer surely waits for it however fast the file decodes.
        using (var streaming = new StreamingDataset<Measurement>(new LateStart<Measurement>(new ParquetSource<Measurement>(file.Path).BatchSize(25)), bufferSize: 1))
        {
            foreach (Batch<Measurement> batch in streaming)
            {
                using (batch)
                {
                    Thread.Sleep(2);
                }
            }
        }

        Assert.Equal(1_000, sums[AlimentarMetrics.Rows]);
        Assert.Equal(40, sums[AlimentarMetrics.Batches]);
        Assert.True(sums[AlimentarMetrics.BytesRead] > 0);
        Assert.Equal(0, sums[AlimentarMetrics.BufferedBytes]);
        Assert.True(counts.GetValueOrDefault(AlimentarMetrics.ProducerBlocked) > 0, "a producer ahead of a slow consumer should have waited");
        Assert.True(counts.GetValueOrDefault(AlimentarMetrics.ConsumerWaited) > 0, "the consumer should have waited for the first batch");

        void Record(string name, double value)
        {
            sums.AddOrUpdate(name, value, (_, sum) => sum + value);
            counts.AddOrUpdate(name, 1, (_, count) => count + 1);
        }
    }

    [Fact]
    public async Task The_meter_reports_object_store_requests_bytes_and_retries()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-metrics-").FullName;
        try
        {
            string path = Path.Combine(directory, "m.parquet");
            await ParquetDatasetWriter<Measurement>.WriteFileAsync(path, Enumerable.Range(0, 5_000).Select(i => new Measurement(i, "s", i)), rowGroupSize: 1_000);
            var sums = new ConcurrentDictionary<string, long>();
            using var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == AlimentarMetrics.MeterName && instrument.Name.StartsWith("alimentar.storage.", StringComparison.Ordinal))
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
            listener.Start();

            var store = new FailsFirstRead(new LocalObjectStore(directory));
            List<Measurement> rows = ParquetFiles.ReadAll(new ParquetSource<Measurement>(store, "m.parquet", new ObjectReadOptions { RetryDelay = TimeSpan.FromMilliseconds(1), FooterGuessBytes = 1_024 }));

            Assert.Equal(5_000, rows.Count);
            Assert.Equal(1, sums[AlimentarMetrics.StorageRetries]);
            Assert.Equal(store.Reads, sums[AlimentarMetrics.StorageRequests]);
            Assert.InRange(sums[AlimentarMetrics.StorageBytes], new FileInfo(path).Length - 1_024, new FileInfo(path).Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>A store whose first range read fails as a 503 would, then behaves: the reader must retry it.</summary>
internal sealed class FailsFirstRead(IObjectStore inner) : IObjectStore
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads) + 1; // every read, plus the request for the object's length

    public string Name => inner.Name;

    public ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

    public ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _reads) == 1
            ? throw new ObjectStoreException("injected", 503, isTransient: true)
            : inner.ReadAsync(target, offset, destination, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
}

/// <summary>A source whose first batch comes after a pause.</summary>
internal sealed class LateStart<T>(IBatchSource<T> inner) : IBatchSource<T>
    where T : IStreamingRow<T>
{
    public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(50, cancellationToken);
        await foreach (Batch<T> batch in inner.ReadBatchesAsync(cancellationToken))
        {
            yield return batch;
        }
    }
}
