namespace Alimentar.IntegrationTests;

/// <summary>Lists of enums at every depth: held as their numbers (as Parquet and Arrow hold them), materialised as the enums.</summary>
public sealed class EnumListTests
{
    [Fact]
    public async Task Lists_of_enums_read_written_to_Arrow_and_rebuilt_as_the_member_s_enums()
    {
        using var file = new TempFile();
        DeepRecordTests.Write("""
            SELECT i::BIGINT AS id,
                   [(i % 3)::UTINYINT, 2::UTINYINT] AS colors,
                   CASE WHEN i % 4 = 0 THEN NULL ELSE [1, NULL, 2] END AS sizes,
                   [[1, 2], [], [2]] AS grid,
                   {'name': 'n' || i, 'options': [2, 1]} AS pick
            FROM range(100) t(i)
            """, file.Path, "COMPRESSION 'snappy'");

        List<Palette> rows = ParquetFiles.ReadAll(new ParquetSource<Palette>(file.Path).BatchSize(32));

        Assert.Equal(100, rows.Count);
        Palette five = rows[5];
        Assert.Equal([Hue.Green, Hue.Blue], rows[4].Colors);
        Assert.Equal([Fit.Small, null, Fit.Large], five.Sizes);
        Assert.Null(rows[4].Sizes);
        Assert.Equal([[Fit.Small, Fit.Large], [], [Fit.Large]], five.Grid);
        Assert.Equal([Fit.Large, Fit.Small], five.Pick.Options);

        using Batch<Palette> batch = Batch<Palette>.FromRows(rows.Take(8).ToArray());
        ListColumn<byte> colors = batch.Colors;
        Assert.Equal([(byte)Hue.Green, (byte)Hue.Blue], colors[4].ToArray());
        using Apache.Arrow.RecordBatch record = batch.ToArrow();
        using var ipc = new MemoryStream();
        await ArrowIpc.WriteAsync(ipc, ToAsync(Batch<Palette>.FromRows(rows.ToArray())));
        List<Palette> back = ParquetFiles.ReadAll(new ArrowSource<Palette>(ipc, "palettes.arrows"));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(rows), System.Text.Json.JsonSerializer.Serialize(back));
    }

    private static async IAsyncEnumerable<Batch<Palette>> ToAsync(Batch<Palette> batch)
    {
        await Task.Yield();
        yield return batch;
    }
}

public enum Hue : byte
{
    Red,
    Green,
    Blue,
}

public enum Fit
{
    Small = 1,
    Large = 2,
}

public sealed record Choice(string Name, Fit[] Options);

[StreamingDataset]
public partial record Palette(long Id, Hue[] Colors, List<Fit?>? Sizes, Fit[][] Grid, Choice Pick);
