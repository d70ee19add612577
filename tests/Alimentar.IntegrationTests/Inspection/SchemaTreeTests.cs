namespace Alimentar.IntegrationTests;

public sealed class SchemaTreeTests
{
    [Fact]
    public async Task The_schema_tree_nests_groups_lists_and_maps_as_the_file_declares_them()
    {
        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(ParquetFiles.Corpus("nullable.impala.parquet"));

        Assert.Equal(["id", "int_array", "int_array_Array", "int_map", "int_Map_Array", "nested_struct"], info.Schema.Select(n => n.Name));
        ParquetSchemaNode map = info.Schema[3];
        Assert.Equal("GROUP (MAP)", map.Type);
        Assert.Equal("OPTIONAL", map.Repetition);
        ParquetSchemaNode keyValue = Assert.Single(map.Children);
        Assert.Equal("REPEATED", keyValue.Repetition);
        Assert.Equal(["key", "value"], keyValue.Children.Select(c => c.Name));
        Assert.Equal("BYTE_ARRAY (UTF8)", keyValue.Children[0].Type);
        Assert.Null(keyValue.MemberType);
        Assert.Equal("long?", info.Schema[0].MemberType);
        Assert.Equal(info.Columns.Count, Leaves(info.Schema).Count());

        static IEnumerable<ParquetSchemaNode> Leaves(IEnumerable<ParquetSchemaNode> nodes) =>
            nodes.SelectMany(n => n.Children.Count == 0 ? [n] : Leaves(n.Children));
    }
}
