using Alimentar.Parquet.Filtering;
using Alimentar.Storage;

namespace Alimentar.Runtime.Tests;

[StreamingDataset]
public partial record LoggedRow(long? Id, double? Score, string? Name, DateTime? At, DateOnly? Day, decimal? Price);

[StreamingDataset]
public partial record SmallRow(int? Small);

public sealed class DeltaFileStatisticsTests
{
    private const string Schema = """
        {"type":"struct","fields":[
          {"name":"id","type":"long","nullable":true,"metadata":{}},
          {"name":"score","type":"double","nullable":true,"metadata":{}},
          {"name":"name","type":"string","nullable":true,"metadata":{}},
          {"name":"at","type":"timestamp","nullable":true,"metadata":{}},
          {"name":"day","type":"date","nullable":true,"metadata":{}},
          {"name":"price","type":"decimal(10,2)","nullable":true,"metadata":{}}]}
        """;

    [Fact]
    public void Integers_and_dates_bound_as_logged_and_times_and_doubles_widened_to_surely_bound()
    {
        var stats = Of("""
            {"numRecords":10,
             "minValues":{"id":-5,"score":0.1,"at":"2024-01-01T00:00:00.000-08:00","day":"2024-02-29","price":1.5},
             "maxValues":{"id":70,"score":2.5,"at":"2024-01-02T00:00:00.123Z","day":"2024-03-01","price":9.5},
             "nullCount":{"id":0,"score":3,"at":0,"day":1,"price":0}}
            """);

        Assert.Equal((-5L, 70L, 0L), Bounds<long>(stats, "Id"));
        Assert.Equal((new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 1), 1L), Bounds<DateOnly>(stats, "Day"));

        // Widened by a float's unit, as the text may be a float's (a column widened from float): 0.1f is above 0.1.
        (double low, double high, long? scoreNulls) = Bounds<double>(stats, "Score");
        Assert.Equal((MathF.BitDecrement(0.1f), MathF.BitIncrement(2.5f), 3L), ((float)low, (float)high, scoreNulls));
        (double lowest, double highest, _) = Bounds<double>(Of("""{"numRecords":1,"minValues":{"score":0.1},"maxValues":{"score":0.1}}"""), "Score");
        Assert.True(lowest <= 0.1 && highest >= (double)0.1f && (double)0.1f > 0.1);

        // The offset is honoured, and the log's milliseconds widened by one each way.
        (DateTime first, DateTime last, _) = Bounds<DateTime>(stats, "At");
        Assert.Equal(new DateTime(2024, 1, 1, 7, 59, 59, 999, DateTimeKind.Utc), first.ToUniversalTime());
        Assert.Equal(new DateTime(2024, 1, 2, 0, 0, 0, 124, DateTimeKind.Utc), last.ToUniversalTime());

        // Decimals are not judged from the log (the file's footer is).
        Assert.Null(Summary(stats, "Price"));
    }

    [Fact]
    public void A_string_maximum_that_may_have_been_truncated_gives_no_bounds()
    {
        string cut = new('z', 32);
        Assert.Equal(("a", "y", 0L), Bounds<string>(Of("""{"numRecords":2,"minValues":{"name":"a"},"maxValues":{"name":"y"},"nullCount":{"name":0}}"""), "Name"));
        Assert.Null(Summary(Of($$$"""{"numRecords":2,"minValues":{"name":"a"},"maxValues":{"name":"{{{cut}}}"},"nullCount":{"name":0}}"""), "Name")!.Max);
    }

    [Fact]
    public void Damaged_or_missing_statistics_say_nothing_and_throw_nothing()
    {
        Assert.Null(Summary(Of("{not json"), "Id"));
        Assert.Null(Summary(Of("""{"minValues":{"id":1}}"""), "Id"));                                  // no numRecords
        Assert.Null(Summary(Of("""{"numRecords":1,"minValues":{"id":"x"},"maxValues":{"id":2}}"""), "Id")!.Min);
        Assert.Null(Summary(Of("""{"numRecords":1,"minValues":{"score":"NaN"},"maxValues":{"score":1}}"""), "Score")!.Min);
        Assert.Null(Summary(Of("""{"numRecords":1,"minValues":{"at":"yesterday"},"maxValues":{"at":"2024-01-01T00:00:00Z"}}"""), "At")!.Min);
        Assert.Null(DeltaStatisticsColumns.Of(DeltaTableSchema.Parse("{\"type\":\"struct\""), mapped: false));

        // A byte column's bound past a byte (a damaged log) is no bound, not one wrapped into range.
        var bytes = new DeltaFileStatistics("""{"numRecords":1,"minValues":{"small":1},"maxValues":{"small":300}}""",
            DeltaStatisticsColumns.Of(DeltaTableSchema.Parse("""{"type":"struct","fields":[{"name":"small","type":"byte","nullable":true,"metadata":{}}]}"""), mapped: false)!);
        Assert.Null(bytes.Summarize(SchemaOf<SmallRow>().Columns[0], SchemaOf<SmallRow>(), "part-0.parquet")!.Max);
    }

    private static DeltaFileStatistics Of(string stats) => new(stats, DeltaStatisticsColumns.Of(DeltaTableSchema.Parse(Schema), mapped: false)!);

    private static ValueSummary? Summary(DeltaFileStatistics stats, string member) =>
        stats.Summarize(SchemaOf<LoggedRow>().Columns.Single(c => c.MemberName == member), SchemaOf<LoggedRow>(), "part-0.parquet");

    private static RowSchema SchemaOf<T>()
        where T : IStreamingRow<T> => T.Schema;

    private static (T Min, T Max, long? Nulls) Bounds<T>(DeltaFileStatistics stats, string member)
    {
        ValueSummary summary = Summary(stats, member)!;
        return ((T)summary.Min!, (T)summary.Max!, summary.NullCount);
    }
}
