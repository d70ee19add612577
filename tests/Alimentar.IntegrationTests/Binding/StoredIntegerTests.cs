using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>
/// An integer member over a DATE, TIME or TIMESTAMP column reads the integers the file stores, in the column's unit:
/// for features a model wants as numbers, and for instants no <see cref="DateTime"/> holds.
/// </summary>
public sealed class StoredIntegerTests
{
    private static readonly DateTime Start = new(2024, 3, 1, 6, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Integer_members_read_timestamps_dates_and_times_as_the_integers_stored()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Visit>.WriteFileAsync(file.Path, Visits(5_000), rowGroupSize: 1_000);

        List<VisitAsNumbers> rows = ParquetFiles.ReadAll(new ParquetSource<VisitAsNumbers>(file.Path).BatchSize(777));

        Assert.Equal(5_000, rows.Count);
        foreach ((Visit visit, VisitAsNumbers numbers) in Visits(5_000).Zip(rows))
        {
            Assert.Equal(MicrosSinceEpoch(visit.At), numbers.At);
            Assert.Equal(visit.Day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber, numbers.Day);
            Assert.Equal(visit.Opens.Ticks / 10, numbers.Opens);
            Assert.Equal(visit.Left is { } left ? MicrosSinceEpoch(left) : null, numbers.Left);
            Assert.Equal(visit.Stops.Select(MicrosSinceEpoch), numbers.Stops);
            Assert.Equal(MicrosSinceEpoch(visit.Booking.At), numbers.Booking.At);
        }
    }

    [Fact]
    public async Task A_filter_on_a_stored_integer_compares_and_prunes_in_the_same_unit()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Visit>.WriteFileAsync(file.Path, Visits(5_000), rowGroupSize: 1_000);
        long from = MicrosSinceEpoch(Start.AddMinutes(4_200));

        ParquetSource<VisitAsNumbers> source = new ParquetSource<VisitAsNumbers>(file.Path).Where(v => v.At >= from);
        List<VisitAsNumbers> rows = ParquetFiles.ReadAll(source);

        Assert.Equal(Enumerable.Range(4_200, 800).Select(i => MicrosSinceEpoch(Start.AddMinutes(i))), rows.Select(r => r.At));
        Assert.Equal(1_000, source.Explain().RowsToRead);
    }

    [Fact]
    public async Task A_timestamp_past_year_9999_reads_into_long_as_DuckDB_reads_it_and_a_DateTime_member_is_told_so()
    {
        string path = ParquetFiles.Corpus("nested_structs.rust.parquet");

        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<ObservationAsDateTime>(path)));
        Assert.Contains("declare the member long to read the stored micros since the Unix epoch", error.Message, StringComparison.Ordinal);
        Assert.Equal("ul_observation_date/min", error.ColumnName);

        List<ObservationAsMicros> rows = ParquetFiles.ReadAll(new ParquetSource<ObservationAsMicros>(path));

        Assert.Equal(await DuckDbMicrosAsync(path), rows.Select(r => (r.Min, r.Max)));
        Assert.Contains(rows, r => r.Min > MicrosSinceEpoch(DateTime.MaxValue));
    }

    [Fact]
    public async Task An_INT96_timestamp_has_no_stored_integer_but_its_twelve_bytes_read_into_byte_array_and_the_scan_shows_any_year()
    {
        string path = ParquetFiles.Corpus("int96_from_spark.parquet");
        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<SparkStampAsLong>(path)));
        Assert.Contains("INT96", error.Message, StringComparison.Ordinal);
        ValueOutOfRangeException misfit = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<SparkStampAsDateTime>(path)));
        Assert.Contains("declare the member byte[] to read the twelve INT96 bytes", misfit.Message, StringComparison.Ordinal);

        List<SparkStampAsBytes> raw = ParquetFiles.ReadAll(new ParquetSource<SparkStampAsBytes>(path));
        ParquetScan scan = await ParquetFileInfo.ScanAsync(path, headRows: 10);

        Assert.Equal(scan.Rows, raw.Count);
        Assert.All(raw, r => Assert.True(r.A is null or { Length: 12 }));
        Assert.Equal(new DateTime(2024, 1, 1, 20, 34, 56, 123, 456), scan.Head[0][0]);
        Assert.Equal(Int96(new DateTime(2024, 1, 1, 20, 34, 56, 123, 456)), raw[0].A);
        Assert.Null(scan.Head[4][0]);
        Assert.Null(raw[4].A);
        Assert.Equal("-294554-12-13 14:58:10.448384", scan.Head[5][0]); // exact from its Julian day and nanoseconds, where DuckDB's 64-bit micros wrap
    }

    private static byte[] Int96(DateTime value)
    {
        var bytes = new byte[12];
        long days = (value.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerDay;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, (value.Ticks - DateTime.UnixEpoch.Ticks - (days * TimeSpan.TicksPerDay)) * 100);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), (int)(days + 2_440_588));
        return bytes;
    }

    private static async Task<List<(long, long)>> DuckDbMicrosAsync(string path)
    {
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT epoch_us(ul_observation_date.min), epoch_us(ul_observation_date.max) FROM read_parquet('{path}')";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<(long, long)>();
        while (await reader.ReadAsync())
        {
            values.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return values;
    }

    private static long MicrosSinceEpoch(DateTime value) => (value.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private static IEnumerable<Visit> Visits(int count) => Enumerable.Range(0, count).Select(i => new Visit(
        Start.AddMinutes(i),
        DateOnly.FromDateTime(Start).AddDays(i - 20_000),
        new TimeOnly(i % 24, i % 60, 0, i % 1000),
        i % 3 == 0 ? null : Start.AddHours(-i),
        [.. Enumerable.Range(0, i % 4).Select(s => Start.AddSeconds(i + s))],
        new Booking(Start.AddDays(-i))));
}

/// <summary>A visit as written, with dates and times as .NET types.</summary>
[StreamingDataset]
public partial record Visit(DateTime At, DateOnly Day, TimeOnly Opens, DateTime? Left, DateTime[] Stops, Booking Booking);

public sealed record Booking(DateTime At);

/// <summary>The same columns read as the integers stored: micros since the epoch, days since the epoch, micros since midnight.</summary>
[StreamingDataset]
public partial record VisitAsNumbers(long At, int Day, long Opens, long? Left, long[] Stops, BookingAsNumber Booking);

public sealed record BookingAsNumber(long At);

/// <summary>Rust's observation dates, some past year 9999, as <see cref="DateTime"/>.</summary>
[StreamingDataset]
public partial record ObservationAsDateTime([property: ParquetColumn("ul_observation_date.min")] DateTime Min);

/// <summary>The same, as the microseconds stored.</summary>
[StreamingDataset]
public partial record ObservationAsMicros([property: ParquetColumn("ul_observation_date.min")] long Min, [property: ParquetColumn("ul_observation_date.max")] long Max);

/// <summary>Spark's INT96 timestamps, one past year 9999, as <see cref="DateTime"/>.</summary>
[StreamingDataset]
public partial record SparkStampAsDateTime(DateTime? A);

/// <summary>Spark's INT96 timestamps as their stored bytes.</summary>
[StreamingDataset]
public partial record SparkStampAsBytes(byte[]? A);

/// <summary>Spark's INT96 timestamps as a number.</summary>
[StreamingDataset]
public partial record SparkStampAsLong(long A);
