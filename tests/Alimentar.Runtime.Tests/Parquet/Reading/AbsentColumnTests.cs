namespace Alimentar.Runtime.Tests;

/// <summary>A column a file lacks is read from pages made in memory whose every slot is null, however many rows its row group has.</summary>
public sealed class AbsentColumnTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1_048_576)]
    [InlineData(2_500_001)]
    public async Task Every_slot_of_a_row_group_is_null_across_as_many_pages_as_it_takes(int rows)
    {
        var descriptor = new ColumnDescriptor("fare", "Fare", ColumnType.Double, IsNullable: true);
        LeafColumn leaf = AbsentColumn.Leaf(descriptor);
        var column = new BoundColumn(descriptor, leaf, FileValueKinds.Of(leaf));
        Assert.True(column.IsAbsent);
        Assert.Equal(PhysicalType.Double, column.FileType.Physical);

        using var chunk = new ColumnChunkReader(AbsentColumn.Pages(rows), AbsentColumn.Layout(column, rows), verifyCrc: true);
        long slots = 0;
        while (await chunk.NextPageAsync(CancellationToken.None))
        {
            while (chunk.PageSlotsLeft > 0)
            {
                PageSlots run = chunk.Take(Math.Min(chunk.PageSlotsLeft, 100_000));
                Assert.Equal(0, run.CountPresent());
                slots += run.Definitions.Length;
            }
        }

        Assert.Equal(rows, slots);
        Assert.Equal(rows, AbsentColumn.Metadata(column, rows).Statistics!.NullCount);
    }
}
