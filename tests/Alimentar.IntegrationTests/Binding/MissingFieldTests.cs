namespace Alimentar.IntegrationTests;

/// <summary>
/// A record whose newer form gained fields: with <c>MissingColumnsAsNull</c>, a nullable field a file's group lacks reads
/// as null wherever the group is present, while the group's own nulls, lists and maps stay as the file holds them.
/// </summary>
public sealed class MissingFieldTests
{
    [Fact]
    public async Task Fields_a_group_lacks_values_records_lists_and_maps_read_as_null_in_records_lists_of_records_and_maps_of_records()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Journey>.WriteFileAsync(file.Path, Journeys(2_000), rowGroupSize: 700);

        List<JourneyLater> rows = ParquetFiles.ReadAll(new ParquetSource<JourneyLater>(file.Path).MissingColumnsAsNull().BatchSize(333));

        Assert.Equal(2_000, rows.Count);
        foreach ((Journey before, JourneyLater later) in Journeys(2_000).Zip(rows))
        {
            Assert.Equal(before.Id, later.Id);
            AssertSame(before.Pickup, later.Pickup);
            Assert.Equal(before.Stops is null, later.Stops is null);
            Assert.Equal(before.Stops?.Count, later.Stops?.Count);
            for (int i = 0; i < (before.Stops?.Count ?? 0); i++)
            {
                AssertSame(before.Stops![i], later.Stops![i]);
            }

            Assert.Equal(before.ByName?.Keys.Order(), later.ByName?.Keys.Order());
            foreach ((string name, Stop stop) in before.ByName ?? [])
            {
                AssertSame(stop, later.ByName![name]);
            }
        }
    }

    [Fact]
    public void Impala_s_lists_of_lists_of_structs_and_map_of_structs_read_with_fields_they_lack()
    {
        string path = ParquetFiles.Corpus("nullable.impala.parquet");
        List<ImpalaNestedRow> asWritten = ParquetFiles.ReadAll(new ParquetSource<ImpalaNestedRow>(path));

        List<ImpalaLaterRow> later = ParquetFiles.ReadAll(new ParquetSource<ImpalaLaterRow>(path).MissingColumnsAsNull());

        Assert.Equal(asWritten.Select(r => r.id), later.Select(r => r.id));
        foreach ((ImpalaNestedRow before, ImpalaLaterRow after) in asWritten.Zip(later))
        {
            Assert.Equal(before.nested_struct is null, after.nested_struct is null);
            Assert.Equal(before.nested_struct?.A, after.nested_struct?.A);
            Assert.Null(after.nested_struct?.Added);
            List<List<ImpalaElement?>?>? d = before.nested_struct?.C?.d;
            List<List<ImpalaElementLater?>?>? dLater = after.nested_struct?.C?.d;
            Assert.Equal(d?.Select(l => l?.Select(e => e is null ? null : $"{e.E}/{e.F}").ToList()), dLater?.Select(l => l?.Select(e => e is null ? null : $"{e.E}/{e.F}").ToList()));
            Assert.All(dLater?.SelectMany(l => l ?? []) ?? [], e => Assert.True(e is null || (e.Z is null && e.Extra is null && e.Codes is null)));
            Assert.Equal(before.nested_struct?.g?.Keys.Order(), after.nested_struct?.g?.Keys.Order());
            Assert.All(after.nested_struct?.g?.Values.ToList() ?? [], v => Assert.Null(v?.Label));
        }

        Assert.Contains(later, r => r.nested_struct?.C?.d?.Any(l => l?.Any(e => e is not null) == true) == true);
    }

    [Fact]
    public async Task A_filter_on_a_field_a_group_lacks_sees_null()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Journey>.WriteFileAsync(file.Path, Journeys(500), rowGroupSize: 200);

        Assert.Empty(ParquetFiles.ReadAll(new ParquetSource<JourneyLater>(file.Path).MissingColumnsAsNull().Where(j => j.Pickup!.Floor > 0)));
        Assert.Equal(500, ParquetFiles.ReadAll(new ParquetSource<JourneyLater>(file.Path).MissingColumnsAsNull().Where(j => j.Pickup!.Floor == null)).Count);
    }

    [Fact]
    public async Task Fields_that_cannot_read_as_null_stay_mismatches()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Journey>.WriteFileAsync(file.Path, Journeys(10), rowGroupSize: 200);

        SchemaMismatchException withoutOption = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<JourneyLater>(file.Path)));
        Assert.Contains("no such field", withoutOption.Found, StringComparison.Ordinal);

        SchemaMismatchException required = Assert.Throws<SchemaMismatchException>(() =>
            ParquetFiles.ReadAll(new ParquetSource<JourneyWithRequiredFloor>(file.Path).MissingColumnsAsNull()));
        Assert.Contains("Floor", required.Message, StringComparison.Ordinal);

        SchemaMismatchException nothingPresent = Assert.Throws<SchemaMismatchException>(() =>
            ParquetFiles.ReadAll(new ParquetSource<JourneyWithOnlyNewFields>(file.Path).MissingColumnsAsNull()));
        Assert.Contains("none of the group's fields", nothingPresent.Found, StringComparison.Ordinal);
    }

    private static void AssertSame(Stop? before, StopLater? later)
    {
        Assert.Equal(before is null, later is null);
        if (before is not null)
        {
            Assert.Equal((before.Lat, before.Lon), (later!.Lat, later.Lon));
            Assert.True(later.Name is null && later.Floor is null && later.Extra is null && later.Position is null && later.Tags is null && later.Counts is null && later.History is null,
                $"stop ({later.Lat}, {later.Lon}) has a value it cannot have");
        }
    }

    private static IEnumerable<Journey> Journeys(int count) => Enumerable.Range(0, count).Select(i => new Journey(
        i,
        i % 3 == 0 ? null : new Stop(i, -i),
        i % 4 == 0 ? null : [.. Enumerable.Range(0, i % 5).Select(s => s == 1 ? null : new Stop(i + s, s))],
        i % 6 == 0 ? null : Enumerable.Range(0, i % 3).ToDictionary(k => $"k{k}", k => new Stop(k, i))));
}

/// <summary>A stop as the files hold it.</summary>
public sealed record Stop(double Lat, double Lon);

/// <summary>A journey as written.</summary>
[StreamingDataset]
public partial record Journey(long Id, Stop? Pickup, List<Stop?>? Stops, Dictionary<string, Stop>? ByName);

/// <summary>Details a newer stop carries: a record none of whose fields the files hold.</summary>
public sealed record StopDetails(string? Note, long? Code);

/// <summary>A stop as newer files hold it: its first field, a value, a string, a record, a list, a map and a list of records are all new.</summary>
public sealed record StopLater(string? Name, double Lat, double Lon, int? Floor, StopDetails? Extra)
{
    /// <summary>A new record whose own fields cannot be null: it reads as a null record, never as one with a null inside.</summary>
    public Point3? Position { get; init; }

    public string[]? Tags { get; init; }

    public Dictionary<string, int>? Counts { get; init; }

    public List<StopDetails?>? History { get; init; }
}

/// <summary>A journey read with the newer stop.</summary>
[StreamingDataset]
public partial record JourneyLater(long Id, StopLater? Pickup, List<StopLater?>? Stops, Dictionary<string, StopLater>? ByName);

/// <summary>A point whose coordinates are required.</summary>
public readonly record struct Point3(double X, double Y, double Z);

/// <summary>A new field that cannot be null.</summary>
public sealed record StopWithFloor(double Lat, double Lon, int Floor);

[StreamingDataset]
public partial record JourneyWithRequiredFloor(long Id, StopWithFloor? Pickup);

/// <summary>A stop read only by fields the files lack.</summary>
public sealed record StopOnlyNew(string? Name, int? Floor);

[StreamingDataset]
public partial record JourneyWithOnlyNewFields(long Id, StopOnlyNew? Pickup);

/// <summary>Impala's element with two fields it lacks.</summary>
public sealed record ImpalaElementLater(int? E, string? F, long? Z, StopDetails? Extra, int[]?[]? Codes);

public sealed record ImpalaCLater(List<List<ImpalaElementLater?>?>? d);

public sealed record ImpalaValueLater(string? Label, ImpalaH? H);

public sealed record ImpalaNestedLater(string? Added, int? A, int?[]? b, ImpalaCLater? C, Dictionary<string, ImpalaValueLater?>? g);

[StreamingDataset]
public partial record ImpalaLaterRow(long? id, ImpalaNestedLater? nested_struct);
