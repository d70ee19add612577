namespace Alimentar.IntegrationTests;

public sealed class ListTests
{
    [Fact]
    public async Task Lists_round_trip_with_empty_and_null_lists_and_null_elements_across_row_groups()
    {
        Basket[] baskets = Enumerable.Range(0, 250).Select(Make).ToArray();
        using var file = new TempFile();
        await ParquetDatasetWriter<Basket>.WriteFileAsync(file.Path, baskets, rowGroupSize: 100);

        List<Basket> read = ParquetFiles.ReadAll(new ParquetSource<Basket>(file.Path).BatchSize(30));

        Assert.Equal(baskets.Length, read.Count);
        for (int i = 0; i < baskets.Length; i++)
        {
            Assert.Equal(baskets[i].Id, read[i].Id);
            Assert.Equal(baskets[i].Quantities, read[i].Quantities);
            Assert.Equal(baskets[i].Tags, read[i].Tags);
            Assert.Equal(baskets[i].Prices, read[i].Prices);
            Assert.Equal(baskets[i].Notes, read[i].Notes);
            Assert.Equal(baskets[i].Times, read[i].Times);
        }
    }

    [Fact]
    public void A_list_written_by_parquet_mr_streams_into_a_list_member()
    {
        List<ImpalaLists> rows = ParquetFiles.ReadAll(new ParquetSource<ImpalaLists>(ParquetFiles.Corpus("nonnullable.impala.parquet")));

        ImpalaLists row = Assert.Single(rows);
        Assert.Equal(8, row.Id);
        Assert.Equal([-1], row.IntArray);
    }

    [Fact]
    public async Task A_null_list_in_a_non_nullable_member_names_the_row()
    {
        using var file = new TempFile();
        Basket[] baskets = [Make(1), Make(2) with { Prices = null }];
        await ParquetDatasetWriter<Basket>.WriteFileAsync(file.Path, baskets);

        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ParquetSource<StrictBasket>(file.Path)));

        Assert.Equal(1, error.Row);
        Assert.Contains("Prices", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Basket <paramref name="i"/>: lists of every length 0 to 3, null and empty lists and null elements by turns.</summary>
    internal static Basket Make(int i) => new(
        i,
        Quantities: Enumerable.Range(0, i % 4).Select(q => q * i).ToArray(),
        Tags: Enumerable.Range(0, i % 3).Select(t => $"tag-{t}").ToList(),
        Prices: i % 5 == 0 ? null : Enumerable.Range(0, i % 4).Select(p => p == 1 ? (double?)null : p * 1.5).ToArray(),
        Notes: i % 7 == 0 ? null : i % 7 == 1 ? [] : ["a", null, $"n{i}"],
        Times: i % 2 == 0 ? null : [new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i)]);
}

[StreamingDataset]
public partial record ImpalaLists([property: ParquetColumn("ID")] long Id, [property: ParquetColumn("Int_Array")] int[] IntArray);

[StreamingDataset]
public partial record StrictBasket(long Id, IReadOnlyList<double?> Prices);
