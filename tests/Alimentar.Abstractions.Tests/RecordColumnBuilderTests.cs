namespace Alimentar.Abstractions.Tests;

public sealed class RecordColumnBuilderTests
{
    /// <summary><c>List&lt;Item?&gt;? Items</c> with <c>Item(int? Value, string[]? Tags)</c>: nodes list 0, group 1, value 2, list 3, tag 4.</summary>
    private static readonly ColumnDescriptor Items = new("items", "Items", ColumnType.Group, IsNullable: true)
    {
        IsList = true,
        Fields = [new("value", "Value", ColumnType.Int32, IsNullable: true), new("tags", "Tags", ColumnType.String, IsNullable: true) { IsList = true }],
    };

    [Fact]
    public void Rows_laid_out_node_by_node_give_the_column_a_reader_would_and_a_null_record_leaves_its_fields_absent()
    {
        var builder = new RecordColumnBuilder(Items);
        builder.DeclareValue<int>(2);
        builder.DeclareReference<string>(4);

        // Row 0: [{10, [a, b]}, {null, null}]; row 1: [null]; row 2: a null list.
        builder.List(0, 2);
        builder.Group(1, present: true);
        builder.Value<int>(2, 10);
        builder.List(3, 2);
        builder.Reference(4, "a");
        builder.Reference(4, "b");
        builder.Group(1, present: true);
        builder.Value<int>(2, null);
        builder.List(3, null);
        builder.List(0, 1);
        builder.Group(1, present: false);
        builder.List(0, null);
        RecordColumn records = builder.Build(3);

        // Presence, null lists and values are pooled arrays, longer than their entries; offsets are exact.
        Assert.Equal([0, 2, 3, 3], records.Nodes[0].Offsets!);
        Assert.Equal([false, false, true], records.Nodes[0].NullLists![..3]);
        Assert.Equal([1, 1, 0], records.Nodes[1].Presence![..3]);
        Assert.Equal(new int?[] { 10, null, null }, ((int?[])records.Nodes[2].Values!)[..3]);
        Assert.Equal([0, 2, 2, 2], records.Nodes[3].Offsets!);
        Assert.Equal([false, true, true], records.Nodes[3].NullLists![..3]);
        Assert.Equal([3, 3, 3, 3, 2], records.Nodes.Select(n => n.Entries));
        Assert.Equal(["a", "b"], records.References<string>(3, 0, nullable: false)!);
        Assert.True(records.IsNull(1, 2, nullable: true));
    }

    [Fact]
    public void A_leaf_used_before_it_is_declared_is_refused_naming_it()
    {
        var builder = new RecordColumnBuilder(Items);
        builder.List(0, 1);
        builder.Group(1, present: true);

        Assert.Equal("Leaf 2 was not declared.", Assert.Throws<InvalidOperationException>(() => builder.Value<int>(2, 1)).Message);
    }
}
