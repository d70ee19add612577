namespace Alimentar.Abstractions.Tests;

public sealed class RecordColumnTests
{
    [Fact]
    public void Values_and_groups_read_by_entry_and_nulls_throw_where_the_member_cannot_hold_them()
    {
        RecordColumn records = Sample();

        Assert.Equal(4, records.Count);
        Assert.Equal(10, records.Required<int>(0, 0));
        Assert.Null(records.Nullable<int>(0, 2));
        Assert.Equal("b", records.RequiredReference<string>(1, 1));
        Assert.True(records.IsNull(0, 3, nullable: true));
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => records.IsNull(0, 3, nullable: false));
        Assert.Equal($"row 2, group {RecordColumn.GroupPart(0)} is a null record", error.Message);
        Assert.Equal("row 1, group 0 holds a null value", Assert.Throws<InvalidOperationException>(() => records.Required<int>(0, 2)).Message);
        Assert.Equal(-1, RecordColumn.GroupPart(0));
    }

    [Fact]
    public void Lists_of_records_give_each_row_its_entries_and_a_selection_keeps_them_with_their_rows()
    {
        RecordColumn records = Sample();

        Assert.Equal(2, records.LengthOf(0));
        Assert.Equal(2, records.Start(1));
        Assert.True(records.IsNullList(3, nullable: true));
        Assert.Equal($"row 3, group {RecordColumn.ListPart} is a null list", Assert.Throws<InvalidOperationException>(() => records.IsNullList(3, nullable: false)).Message);

        RecordColumn selected = records.Select([1, 2]);

        Assert.Equal(2, selected.Count);
        Assert.Equal(1, selected.LengthOf(0));
        Assert.Equal(1, selected.LengthOf(1));
        Assert.Null(selected.Nullable<int>(0, 0));
        Assert.Equal("d", selected.Reference<string>(1, 1));
        Assert.Equal($"row 2, group {RecordColumn.GroupPart(0)} is a null record", Assert.Throws<InvalidOperationException>(() => selected.IsNull(0, 1, nullable: false)).Message);
    }

    /// <summary>Four entries in rows of 2, 1, 1 and a null list: a value leaf, a string leaf, one group.</summary>
    private static RecordColumn Sample() => new(
        4,
        [new int?[] { 10, 20, null, 40 }, new string?[] { "a", "b", "c", "d" }],
        [1, 1, 1, 0],
        [0, 2, 3, 4, 4],
        [false, false, false, true],
        (row, index, what) => new InvalidOperationException($"row {row}, group {index} {what}"));
}
