namespace Alimentar.IntegrationTests;

public sealed class ShapeRoundTripTests
{
    [Fact]
    public async Task A_class_with_init_required_and_settable_members_round_trips()
    {
        Reading[] rows = Enumerable.Range(0, 20).Select(i => new Reading { Sensor = $"s{i % 3}", Celsius = i * 1.5, TakenAt = i % 2 == 0 ? null : new DateTime(2024, 5, 1, 0, 0, i, DateTimeKind.Utc), Cache = new object() }).ToArray();

        List<Reading> read = await RoundTripAsync(rows);

        Assert.Equal(rows.Select(r => (r.Sensor, r.Celsius, r.TakenAt)), read.Select(r => (r.Sensor, r.Celsius, r.TakenAt)));
        Assert.All(read, r => Assert.Null(r.Cache));
    }

    [Fact]
    public async Task A_struct_with_fields_round_trips()
    {
        Vector[] rows = Enumerable.Range(0, 20).Select(i => new Vector { X = i, Y = -i, Count = i * 2 }).ToArray();

        Assert.Equal(rows, await RoundTripAsync(rows));
    }

    [Fact]
    public async Task A_record_struct_in_the_global_namespace_round_trips()
    {
        GlobalPoint[] rows = Enumerable.Range(0, 20).Select(i => new GlobalPoint(i, i * i)).ToArray();

        Assert.Equal(rows, await RoundTripAsync(rows));
    }

    [Fact]
    public async Task An_internal_nested_record_round_trips()
    {
        Container.Nested[] rows = Enumerable.Range(0, 20).Select(i => new Container.Nested(i, i % 4 == 0 ? null : $"n{i}")).ToArray();

        Assert.Equal(rows, await RoundTripAsync(rows));
    }

    private static async Task<List<T>> RoundTripAsync<T>(T[] rows)
        where T : IStreamingRow<T>
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<T>.WriteFileAsync(file.Path, rows, rowGroupSize: 7);
        return ParquetFiles.ReadAll(new ParquetSource<T>(file.Path).BatchSize(5));
    }
}
