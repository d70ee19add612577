using System.Data.Common;
using Apache.Arrow;
using Apache.Arrow.Types;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record IntervalRow(long Id, int M, int D, int Ms, ParquetInterval? Span, ParquetInterval[]? Spans);

[StreamingDataset]
public partial record IntervalBytesRow(long Id, byte[]? Span);

[StreamingDataset]
public partial record IntervalOnlyRow(long Id, ParquetInterval? Span);

/// <summary>
/// INTERVAL columns (DuckDB writes its intervals so, as the Rust crate its Arrow ones) read into <see cref="ParquetInterval"/>
/// members, months, days and milliseconds kept apart; written back as INTERVAL, as DuckDB reads them; and as Arrow's
/// month-day-nanosecond intervals.
/// </summary>
public sealed class IntervalTests
{
    // Months, days and milliseconds from the id; milliseconds past a day, which an interval keeps as they are.
    private const string Query = """
        SELECT i::BIGINT AS id, m, d, ms,
               CASE WHEN i % 9 = 0 THEN NULL ELSE to_months(m) + to_days(d) + to_milliseconds(ms) END AS span,
               CASE WHEN i % 11 = 0 THEN NULL ELSE [to_days(i::INT), to_months(i::INT)] END AS spans
        FROM (SELECT i, (i % 30)::INT AS m, (i % 400)::INT AS d, (i * 1000003 % 90000000)::INT AS ms FROM range(3000) t(i))
        """;

    public static TheoryData<string> Settings() => new() { "PARQUET_VERSION V1", "PARQUET_VERSION V2", "PARQUET_VERSION V2, DICTIONARY_SIZE_LIMIT 1", "ROW_GROUP_SIZE 500, COMPRESSION zstd" };

    [Theory]
    [MemberData(nameof(Settings))]
    public void DuckDB_intervals_read_as_their_months_days_and_milliseconds(string options)
    {
        using var file = new TempFile();
        DuckDbDifferentialTests.Write(file, Query, options);

        List<IntervalRow> rows = ParquetFiles.ReadAll(new ParquetSource<IntervalRow>(file.Path).BatchSize(333));

        Assert.Equal(3000, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(row.Id % 9 == 0 ? null : Interval(row.M, row.D, row.Ms), row.Span);
            Assert.Equal(row.Id % 11 == 0 ? null : [Interval(0, row.Id, 0), Interval(row.Id, 0, 0)], row.Spans);
        });
        Assert.Contains(rows, row => row.Span is { Months: > 0, Days: > 0, Milliseconds: > 86_400_000 });

        // The twelve stored bytes, for a member that wants them as the format lays them out.
        IntervalBytesRow raw = ParquetFiles.ReadAll(new ParquetSource<IntervalBytesRow>(file.Path))[1];
        Assert.Equal(Bytes(Interval(1, 1, 1_000_003)), raw.Span);
    }

    [Fact]
    public async Task Interval_members_are_written_as_INTERVAL_which_DuckDB_reads_as_the_same_intervals()
    {
        using var file = new TempFile();
        IntervalRow[] written =
        [
            .. Enumerable.Range(0, 2_000).Select(i => new IntervalRow(
                i, i % 25, i % 500, i * 104_729 % 86_400_000,
                i % 7 == 0 ? null : Interval(i % 25, i % 500, i * 104_729 % 86_400_000),
                i % 5 == 0 ? null : [Interval(0, i, 0), Interval(i, 0, 0), new ParquetInterval(uint.MaxValue, uint.MaxValue, uint.MaxValue)])),
        ];
        await ParquetDatasetWriter<IntervalRow>.WriteFileAsync(file.Path, written);

        Assert.Equal(written.Select(r => (r.Id, r.Span)), ParquetFiles.ReadAll(new ParquetSource<IntervalRow>(file.Path)).Select(r => (r.Id, r.Span)));
        Assert.Equal(written.Select(r => r.Spans), ParquetFiles.ReadAll(new ParquetSource<IntervalRow>(file.Path)).Select(r => r.Spans));

        // DuckDB's text of an interval keeps its parts apart ("1 month 30 days"), so equal text is equal parts.
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DbCommand differing = connection.CreateCommand();
        differing.CommandText = $"""
            SELECT count(*) FILTER (WHERE span::VARCHAR IS DISTINCT FROM (CASE WHEN id % 7 = 0 THEN NULL ELSE to_months(m) + to_days(d) + to_milliseconds(ms) END)::VARCHAR),
                   count(*) FILTER (WHERE spans[1:2]::VARCHAR IS DISTINCT FROM (CASE WHEN id % 5 = 0 THEN NULL ELSE [to_days(id::INT), to_months(id::INT)] END)::VARCHAR),
                   count(*)
            FROM read_parquet('{file.Path}')
            """;
        using DbDataReader counts = differing.ExecuteReader();
        Assert.True(counts.Read());
        Assert.Equal((0L, 0L, 2_000L), (counts.GetInt64(0), counts.GetInt64(1), counts.GetInt64(2)));

        // The format leaves an interval's order undefined: no bounds are written for one.
        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file.Path);
        int span = info.Columns.Select(c => c.Path).ToList().IndexOf("Span");
        Assert.All(info.RowGroups, group => Assert.Null(group.Statistics[span].Min));
    }

    [Fact]
    public void Intervals_are_Arrow_month_day_nanosecond_intervals_and_Arrow_intervals_of_every_unit_read_back()
    {
        using Batch<IntervalRow> batch = Batch<IntervalRow>.FromRows([new IntervalRow(1, 0, 0, 0, new ParquetInterval(14, 3, 1_500), null), new IntervalRow(2, 0, 0, 0, null, [default])]);
        using RecordBatch record = batch.ToArrow();

        var spans = (MonthDayNanosecondIntervalArray)record.Column("Span");
        Assert.Equal(IntervalUnit.MonthDayNanosecond, ((IntervalType)spans.Data.DataType).Unit);
        Assert.Equal(new Apache.Arrow.Scalars.MonthDayNanosecondInterval(14, 3, 1_500_000_000), spans.GetValue(0));
        Assert.True(spans.IsNull(1));

        List<IntervalRow> back = ParquetFiles.ReadAll(new ArrowSource<IntervalRow>(ArrowStreams.Of(record), "spans.arrows"));
        Assert.Equal([new ParquetInterval(14, 3, 1_500), null], back.Select(r => r.Span));
        Assert.Equal([null, [default(ParquetInterval)]], back.Select(r => r.Spans));

        // Arrow's intervals are signed; a negative one, which no Parquet interval holds, is refused naming its row.
        var negative = new MonthDayNanosecondIntervalArray.Builder().Append(new Apache.Arrow.Scalars.MonthDayNanosecondInterval(1, 2, 3_000_000)).Append(new Apache.Arrow.Scalars.MonthDayNanosecondInterval(0, -1, 0)).Build();
        using var signed = new RecordBatch.Builder()
            .Append("Id", false, new Int64Array.Builder().AppendRange([1, 2]).Build())
            .Append("Span", true, negative)
            .Build();
        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ArrowSource<IntervalOnlyRow>(ArrowStreams.Of(signed), "signed.arrows")));
        Assert.Equal(("Span", 1L), (error.ColumnName, error.Row));
    }

    private static ParquetInterval Interval(long months, long days, long milliseconds) => new((uint)months, (uint)days, (uint)milliseconds);

    private static byte[] Bytes(ParquetInterval value) =>
        [.. BitConverter.GetBytes(value.Months), .. BitConverter.GetBytes(value.Days), .. BitConverter.GetBytes(value.Milliseconds)];
}
