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
