namespace Alimentar.IntegrationTests;

/// <summary>
/// A dataset whose newer files gained columns: with <c>MissingColumnsAsNull</c>, a nullable member whose column a file
/// lacks reads as null there, through every path a column is read by (batches, rows, filters, skipping and resume).
/// </summary>
public sealed class MissingColumnTests : IAsyncLifetime
{
    private const int OldRows = 70_000;
    private const int NewRows = 5_000;
    private readonly TempDirectory _directory = new();

    private string OldFile => Path.Combine(_directory.Path, "part-0.parquet");

    private string NewFile => Path.Combine(_directory.Path, "part-1.parquet");

    public async Task InitializeAsync()
    {
        await ParquetDatasetWriter<TripBefore>.WriteFileAsync(OldFile, Enumerable.Range(0, OldRows).Select(i => new TripBefore(i, $"zone-{i % 7}")), rowGroupSize: 30_000);
        await ParquetDatasetWriter<TripAfter>.WriteFileAsync(
            NewFile,
            Enumerable.Range(OldRows, NewRows).Select(i => new TripAfter(i, $"zone-{i % 7}", i * 0.5, $"note {i}", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i), [unchecked((byte)i)])
            {
                Stops = [i, i + 1],
                Counters = new Dictionary<string, int> { ["doors"] = i % 4 },
                Dropoff = new Place(i, -i),
                Waypoints = [new Place(1, 2), new Place(3, i)],
            }));
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Members_a_file_lacks_read_as_null_and_the_files_that_have_them_read_their_values()
    {
        List<TripAfter> rows = ParquetFiles.ReadAll(ParquetSource<TripAfter>.FromDirectory(_directory.Path, configure: s => s.MissingColumnsAsNull().BatchSize(4_096)));

        Assert.Equal(OldRows + NewRows, rows.Count);
        Assert.Equal(Enumerable.Range(0, OldRows + NewRows).Select(i => (long)i), rows.Select(r => r.Id));
        Assert.All(rows.Take(OldRows), r => Assert.True(
            r.Fare is null && r.Note is null && r.PickedUp is null && r.Tag is null && r.Stops is null && r.Counters is null && r.Dropoff is null && r.Waypoints is null,
            $"row {r.Id} has a value"));
        Assert.Equal($"zone-{(OldRows - 1) % 7}", rows[OldRows - 1].Zone);
        Assert.Equal($"note {OldRows + 3}", rows[OldRows + 3].Note);
        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(OldRows + 3), rows[OldRows + 3].PickedUp);
        Assert.Equal((OldRows + 3) * 0.5, rows[OldRows + 3].Fare);
        Assert.Equal(new[] { unchecked((byte)(OldRows + 3)) }, rows[OldRows + 3].Tag!);
        Assert.Equal([OldRows + 3, OldRows + 4], rows[OldRows + 3].Stops!);
        Assert.Equal(3, rows[OldRows + 3].Counters!["doors"]);
        Assert.Equal(new Place(OldRows + 3, -(OldRows + 3)), rows[OldRows + 3].Dropoff);
        Assert.Equal([new Place(1, 2), new Place(3, OldRows + 3)], rows[OldRows + 3].Waypoints!);
    }

    [Theory]
    [InlineData("alltypes_plain.parquet")]
    [InlineData("alltypes_dictionary.parquet")]
    [InlineData("alltypes_plain.snappy.parquet")]
    public void Another_writers_file_reads_the_same_beside_members_it_lacks(string file)
    {
        // Impala's files, in every page form it wrote: the members it has read as without the option, the rest null.
        string path = ParquetFiles.Corpus(file);
        List<AllTypes> plain = ParquetFiles.ReadAll(new ParquetSource<AllTypes>(path));
        List<AllTypesLater> later = ParquetFiles.ReadAll(new ParquetSource<AllTypesLater>(path).MissingColumnsAsNull().BatchSize(3));

        Assert.NotEmpty(plain);
        Assert.Equal(plain.Select(r => (r.Id, r.StringCol, r.TimestampCol, r.DoubleCol)), later.Select(r => (r.Id, r.StringCol, r.TimestampCol, r.DoubleCol)));
        Assert.All(later, r => Assert.True(r.Region is null && r.Scores is null, $"row {r.Id} has a value"));
    }

    [Fact]
    public void Typed_columns_of_a_missing_member_are_all_null()
    {
        using var streaming = new StreamingDataset<TripAfter>(new ParquetSource<TripAfter>(OldFile).MissingColumnsAsNull(), bufferSize: 2);
        long rows = 0;
        foreach (Batch<TripAfter> batch in streaming)
        {
            using (batch)
            {
                rows += batch.Count;
                Assert.True(batch.Fare.ToArray().All(f => f is null));
                Assert.True(batch.Note.ToArray().All(n => n is null));
                Assert.True(batch.PickedUp.ToArray().All(p => p is null));
                Assert.Equal(batch.Count, batch.Stops.Count);
                Assert.Equal(0, batch.Stops.Values.Length);
                for (int row = 0; row < batch.Count; row++)
                {
                    Assert.True(batch.Stops.IsNull(row), $"row {row} has stops");
                }
            }
        }

        Assert.Equal(OldRows, rows);
    }

    [Fact]
    public void Without_the_option_a_missing_column_is_still_a_mismatch()
    {
        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<TripAfter>(OldFile)));

        Assert.Equal("Fare", error.ColumnName);
    }

    [Fact]
    public void A_missing_member_that_is_not_nullable_is_a_mismatch_that_says_so()
    {
        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() =>
            ParquetFiles.ReadAll(new ParquetSource<TripWithRequiredCount>(OldFile).MissingColumnsAsNull()));

        Assert.Equal("Passengers", error.ColumnName);
        Assert.Contains("not nullable", error.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_a_file_lacks_must_be_nullable_and_fields_a_record_lacks_read_as_null()
    {
        SchemaMismatchException list = Assert.Throws<SchemaMismatchException>(() =>
            ParquetFiles.ReadAll(new ParquetSource<TripWithRequiredStops>(OldFile).MissingColumnsAsNull()));
        Assert.Equal("Stops", list.ColumnName);

        // A field missing inside a record the file has reads as null there (MissingFieldTests has the shapes).
        List<TripWithRicherDropoff> richer = ParquetFiles.ReadAll(new ParquetSource<TripWithRicherDropoff>(NewFile).MissingColumnsAsNull());
        Assert.All(richer, r => Assert.True(r.Dropoff is { Name: null } && r.Dropoff.Lat == r.Id, $"row {r.Id}"));
    }

    [Fact]
    public void A_filter_on_a_missing_member_sees_null_and_skips_the_file_it_cannot_match()
    {
        IBatchSource<TripAfter> expensive = ParquetSource<TripAfter>.FromDirectory(_directory.Path, configure: s => s.MissingColumnsAsNull().Where(r => r.Fare > 36_000));
        List<TripAfter> rows = ParquetFiles.ReadAll(expensive);
        Assert.Equal(Enumerable.Range(72_001, 2_999).Select(i => (long)i), rows.Select(r => r.Id));

        // Every row group of the old file holds nulls only, so its statistics rule it out without a page read.
        FilterExplanation plan = new ParquetSource<TripAfter>(OldFile).MissingColumnsAsNull().Where(r => r.Fare > 36_000).Explain();
        Assert.Equal(0, plan.RowsToRead);
        Assert.All(plan.RowGroups, group => Assert.Contains("Fare is not in the file and reads as null", group.Reason, StringComparison.Ordinal));

        // A field of a missing record: its own cursor over the absent record's pages, all null.
        List<TripAfter> farDropoffs = ParquetFiles.ReadAll(ParquetSource<TripAfter>.FromDirectory(_directory.Path, configure: s => s.MissingColumnsAsNull().Where(r => r.Dropoff!.Lat > 74_000)));
        Assert.Equal(Enumerable.Range(74_001, 999).Select(i => (long)i), farDropoffs.Select(r => r.Id));

        List<TripAfter> withoutNote = ParquetFiles.ReadAll(ParquetSource<TripAfter>.FromDirectory(_directory.Path, configure: s => s.MissingColumnsAsNull().Where(r => r.Note == null)));
        Assert.Equal(OldRows, withoutNote.Count);
    }

    [Fact]
    public void Resuming_and_sharding_skip_rows_of_a_missing_member_as_of_any_other()
    {
        StreamingDataset<TripAfter> Configure() =>
            new StreamingDataset<TripAfter>(ParquetSource<TripAfter>.FromDirectory(_directory.Path, configure: s => s.MissingColumnsAsNull().BatchSize(1_000)), bufferSize: 2)
                .WithShard(1, 2).WithShuffle(5);

        List<TripAfter> full;
        using (StreamingDataset<TripAfter> uninterrupted = Configure())
        {
            full = uninterrupted.Rows().ToList();
        }

        var before = new List<TripAfter>();
        byte[] checkpoint;
        using (StreamingDataset<TripAfter> interrupted = Configure())
        using (IEnumerator<TripAfter> rows = interrupted.Rows().GetEnumerator())
        {
            while (before.Count < 12_345 && rows.MoveNext())
            {
                before.Add(rows.Current);
            }

            checkpoint = interrupted.GetState().ToBytes();
        }

        using StreamingDataset<TripAfter> resumed = Configure().ResumeFrom(StreamingState.FromBytes(checkpoint));
        List<TripAfter> all = [.. before, .. resumed.Rows()];
        Assert.Equal(full.Select(r => r.Id), all.Select(r => r.Id));
        Assert.All(all, r => Assert.Equal(r.Id >= OldRows, r.Fare is not null));
    }
}

/// <summary>A trip as the dataset's first files hold it.</summary>
[StreamingDataset]
public partial record TripBefore(long Id, string Zone);

/// <summary>A trip as later files hold it: more members, each nullable, values, lists, maps and records.</summary>
[StreamingDataset]
public partial record TripAfter(long Id, string Zone, double? Fare, string? Note, DateTime? PickedUp, byte[]? Tag)
{
    public int[]? Stops { get; init; }

    public Dictionary<string, int>? Counters { get; init; }

    public Place? Dropoff { get; init; }

    public List<Place>? Waypoints { get; init; }
}

/// <summary>Part of Impala's alltypes row, and two members its files do not have.</summary>
[StreamingDataset]
public partial record AllTypesLater(int Id, string StringCol, DateTime TimestampCol, double DoubleCol, string? Region, List<double?>? Scores);

/// <summary>A point on the map.</summary>
public sealed record Place(double Lat, double Lon);

/// <summary>A list the first files lack that cannot be null.</summary>
[StreamingDataset]
public partial record TripWithRequiredStops(long Id, int[] Stops);

/// <summary>A place with a field the files lack.</summary>
public sealed record RicherPlace(double Lat, double Lon, string? Name);

/// <summary>A record the files have, with a field they lack.</summary>
[StreamingDataset]
public partial record TripWithRicherDropoff(long Id, RicherPlace? Dropoff);

/// <summary>A member the first files lack that cannot be null.</summary>
[StreamingDataset]
public partial record TripWithRequiredCount(long Id, string Zone, int Passengers);
