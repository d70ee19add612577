using ParquetSharp;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record ClockRow(long Id, TimeOnly At);

/// <summary>TIME values below zero, as parquet-mr 1.14 wrote some: read wrapped into the day, as DuckDB reads them.</summary>
public sealed class NegativeTimeTests
{
    [Fact]
    public void Negative_times_wrap_into_the_day_and_filters_find_them_there()
    {
        using var file = new TempFile();
        TimeSpan[] stored = [TimeSpan.FromSeconds(-1), TimeSpan.FromHours(5), TimeSpan.FromMinutes(-90), TimeSpan.FromHours(12)];
        using (var writer = new ParquetFileWriter(file.Path, [new Column<long>("Id"), new Column<TimeSpan>("At", LogicalType.Time(isAdjustedToUtc: true, ParquetSharp.TimeUnit.Millis))]))
        {
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            using (LogicalColumnWriter<long> ids = rowGroup.NextColumn().LogicalWriter<long>())
            {
                ids.WriteBatch([0, 1, 2, 3]);
            }

            using LogicalColumnWriter<TimeSpan> at = rowGroup.NextColumn().LogicalWriter<TimeSpan>();
            at.WriteBatch(stored);
        }

        TimeOnly[] expected = [new(23, 59, 59), new(5, 0), new(22, 30), new(12, 0)];
        Assert.Equal(expected, ParquetFiles.ReadAll(new ParquetSource<ClockRow>(file.Path)).Select(r => r.At));

        // The footer's bounds (-90 min to 12 h) no longer bound the wrapped values: they must not prune this row group.
        var late = new TimeOnly(23, 0);
        Assert.Equal([0L, 2L], ParquetFiles.ReadAll(new ParquetSource<ClockRow>(file.Path).Where(r => r.At >= new TimeOnly(22, 0))).Select(r => r.Id));
        Assert.Equal([0L], ParquetFiles.ReadAll(new ParquetSource<ClockRow>(file.Path).Where(r => r.At > late)).Select(r => r.Id));
    }
}
