using System.Text.Json;
using Alimentar.Storage;

namespace Alimentar.Runtime.Tests;

public sealed class DeltaTableSchemaTests
{
    [Fact]
    public void A_struct_schema_gives_its_top_level_fields_as_written()
    {
        var schema = DeltaTableSchema.Parse("""{"type":"struct","fields":[{"name":"id","type":"long"},7,{"name":"tags","type":{"type":"array","elementType":"string"}}]}""");

        Assert.Null(schema.Error);
        Assert.Equal(JsonValueKind.Object, schema.Root!.Value.ValueKind);
        Assert.Equal([JsonValueKind.Object, JsonValueKind.Number, JsonValueKind.Object], schema.Fields!.Select(field => field.ValueKind));
        Assert.Equal("tags", schema.Fields![2].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("""{"type":"struct"}""")]
    [InlineData("""{"type":"struct","fields":{"name":"id"}}""")]
    public void JSON_that_is_not_a_struct_of_fields_parses_but_has_no_fields(string schemaString)
    {
        var schema = DeltaTableSchema.Parse(schemaString);

        Assert.Null(schema.Error);
        Assert.NotNull(schema.Root);
        Assert.Null(schema.Fields);
    }

    [Fact]
    public void Text_that_is_not_JSON_keeps_why_and_a_missing_schema_is_neither_parsed_nor_an_error()
    {
        var broken = DeltaTableSchema.Parse("""{"type":"struct","fields":[""");
        Assert.IsAssignableFrom<JsonException>(broken.Error);
        Assert.Null(broken.Root);
        Assert.Null(broken.Fields);

        var missing = DeltaTableSchema.Parse(null);
        Assert.Null(missing.Error);
        Assert.Null(missing.Root);
        Assert.Null(missing.Fields);
    }

    [Fact]
    public void The_parsed_schema_outlives_the_text_it_came_from()
    {
        // The document is disposed once parsed: its elements must have been cloned out of it to stay readable.
        var schema = DeltaTableSchema.Parse(string.Concat("""{"type":"struct","fields":[{"name":""", "\"x\"}]}"));
        GC.Collect();
        Assert.Equal("x", schema.Fields![0].GetProperty("name").GetString());
    }
}
