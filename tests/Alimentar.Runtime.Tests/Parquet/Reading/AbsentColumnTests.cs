namespace Alimentar.Runtime.Tests;

/// <summary>A column a file lacks is read from pages made in memory whose every slot is null, however many rows its row group has.</summary>
public sealed class AbsentColumnTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(1_048_576, false)]
    [InlineData(2_500_001, false)]
    [InlineData(1, true)]
    [InlineData(2_500_001, true)]
    public async Task Every_slot_of_a_row_group_is_null_across_as_many_pages_as_it_takes(int rows, bool list)
    {
        var descriptor = new ColumnDescriptor("fare", "Fare", ColumnType.Double, IsNullable: true) { IsList = list };
        LeafColumn leaf = Assert.Single(MissingMember.LeavesOf(new RowSchema("Trip", descriptor), descriptor));
        BoundColumn column = MissingMember.NotInFileAs(new BoundColumn(descriptor, leaf, FileValueKinds.Of(leaf)));
        Assert.True(column.IsAbsent);
        Assert.Equal(list ? (2, 1) : (1, 0), (leaf.MaxDefinitionLevel, leaf.MaxRepetitionLevel)); // a null list, an empty one, an element
        Assert.Equal(PhysicalType.Double, column.FileType.Physical);

        using var chunk = new ColumnChunkReader(AbsentColumn.Pages(column, rows), AbsentColumn.Layout(column, rows), verifyCrc: true);
        long slots = 0;
        while (await chunk.NextPageAsync(CancellationToken.None))
        {
            while (chunk.PageSlotsLeft > 0)
            {
                PageSlots run = chunk.Take(Math.Min(chunk.PageSlotsLeft, 100_000));
                Assert.Equal(0, run.CountPresent());
                Assert.True(run.Definitions.IndexOfAnyExcept((byte)0) < 0, "a slot below the top is defined");
                Assert.Equal(list ? run.Definitions.Length : 0, run.Repetitions.Length);
                Assert.True(run.Repetitions.IndexOfAnyExcept((byte)0) < 0, "a slot continues a row");
                slots += run.Definitions.Length;
            }
        }

        Assert.Equal(rows, slots);
        Assert.Equal(rows, AbsentColumn.Metadata(column, rows).Statistics!.NullCount);
    }
}
