namespace Alimentar.Abstractions.Tests;

public sealed class RecordColumnTests
{
    [Fact]
    public void Values_groups_and_lists_read_by_node_and_entry_and_nulls_name_the_row_they_lie_in()
    {
        RecordColumn records = Sample();

        Assert.Equal(3, records.Rows);
        Assert.Equal(10, records.Required<int>(2, 0));
        Assert.Null(records.Nullable<int>(2, 1));
        Assert.Equal("row 0, node 2 holds a null value", Assert.Throws<InvalidOperationException>(() => records.Required<int>(2, 1)).Message);
        Assert.True(records.IsNull(1, 2, nullable: true));
        Assert.Equal("row 1, node 1 is a null record", Assert.Throws<InvalidOperationException>(() => records.IsNull(1, 2, nullable: false)).Message);
        Assert.Equal(["a", "b"], records.References<string>(3, 0, nullable: false)!);
        Assert.Null(records.References<string>(3, 1, nullable: true));
        Assert.Equal("row 0, node 3 is a null list", Assert.Throws<InvalidOperationException>(() => records.References<string>(3, 1, nullable: false)).Message);
        Assert.Equal(2, records.LengthOf(0, 0));
        Assert.Equal(2, records.Start(0, 1));
        Assert.True(records.IsNullList(0, 2, nullable: true));
    }

    [Fact]
    public void Lists_and_maps_build_each_element_from_its_entry_and_a_key_met_twice_names_the_row()
    {
        RecordColumn records = Sample();

        Assert.Equal([10, null], records.Array<int?>(0, 0, nullable: false, static (r, e) => r.Nullable<int>(2, e)));
        Assert.Equal([30], records.List<int>(0, 1, nullable: false, static (r, e) => r.Required<int>(2, e)));
        Assert.Null(records.List<int>(0, 2, nullable: true, static (r, e) => r.Required<int>(2, e)));
        Assert.Equal(new Dictionary<string, int> { ["c"] = 30 }, records.Dictionary<string, int>(0, 1, nullable: false, static (r, e) => new(r.References<string>(3, e, nullable: false)![0], r.Required<int>(2, e))));

        RecordColumn keys = new(1, [List(1, [0, 2], [false], child: 1), Leaf(new string?[] { "k", "k" })], (_, _, _) => new InvalidOperationException(), (row, key) => new InvalidOperationException($"row {row} key {key}"));
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => keys.Dictionary<string, int>(0, 0, nullable: false, static (r, e) => new(r.RequiredReference<string>(1, e), e)));
        Assert.Equal("row 0 key k", error.Message);
    }

    [Fact]
    public void A_selection_keeps_every_node_s_entries_with_their_rows_and_names_the_original_row()
    {
        RecordColumn selected = Sample().Select([1, 2]);

        Assert.Equal(2, selected.Rows);
        Assert.Equal(1, selected.LengthOf(0, 0));
        Assert.Equal(30, selected.Required<int>(2, 0));
        Assert.Equal(["c"], selected.References<string>(3, 0, nullable: false)!);
        Assert.Equal("row 2, node 0 is a null list", Assert.Throws<InvalidOperationException>(() => selected.IsNullList(0, 1, nullable: false)).Message);
    }

    [Fact]
    public void Nodes_whose_entries_disagree_are_refused_when_the_column_is_made()
    {
        Assert.Throws<ArgumentException>(() => new RecordColumn(1, [List(1, [0, 2], [false], child: 1), Leaf(new int?[] { 1 })], (_, _, _) => new InvalidOperationException()));
        Assert.Throws<ArgumentException>(() => new RecordColumn(2, [List(2, [0, 2, 1], [false, false], child: 1), Leaf(new int?[] { 1, 2 })], (_, _, _) => new InvalidOperationException()));
        Assert.Throws<ArgumentException>(() => new RecordColumn(2, [new RecordColumnNode(2, []) { Presence = [1, 1], Values = new int?[2] }], (_, _, _) => new InvalidOperationException()));
    }

    /// <summary>
    /// A list of items (rows of 2, 1 and a null list), each item a group of a nullable int and a list of strings:
    /// <c>List&lt;Item?&gt;?</c> with <c>Item(int? Value, string[]? Tags)</c>.
    /// </summary>
    private static RecordColumn Sample() => new(
        3,
        [
            List(3, [0, 2, 3, 3], [false, false, true], child: 1),
            new RecordColumnNode(3, [2, 3]) { Presence = [1, 1, 0] },
            Leaf(new int?[] { 10, null, 30 }),
            List(3, [0, 2, 2, 3], [false, true, false], child: 4),
            Leaf(new string?[] { "a", "b", "c" }),
        ],
        (row, node, what) => new InvalidOperationException($"row {row}, node {node} {what}"));

    private static RecordColumnNode List(int entries, int[] offsets, bool[] nulls, int child) => new(entries, [child]) { Offsets = offsets, NullLists = nulls };

    private static RecordColumnNode Leaf(Array values) => new(values.Length, []) { Values = values };
}
