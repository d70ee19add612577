using Microsoft.CodeAnalysis;

namespace Alimentar.Generators.Tests;

[Collection("Snapshot files")]
public sealed class GeneratorSnapshotTests
{
    [Fact]
    public void Positional_record() => Verify(nameof(Positional_record), RowSources.PositionalRecord, "Demo.Trip.g.cs");

    [Fact]
    public void Nested_internal_class_with_init_and_settable_properties() =>
        Verify(nameof(Nested_internal_class_with_init_and_settable_properties), RowSources.NestedClassWithProperties, "Outer.Reading.g.cs");

    [Fact]
    public void Record_struct_with_every_column_type() =>
        Verify(nameof(Record_struct_with_every_column_type), RowSources.EveryColumnType, "Demo.Types.Everything.g.cs");

    [Fact]
    public void Struct_with_fields() => Verify(nameof(Struct_with_fields), RowSources.StructWithFields, "Demo.Point.g.cs");

    [Fact]
    public void Enums_decimals_and_serializer_attributes() =>
        Verify(nameof(Enums_decimals_and_serializer_attributes), RowSources.EnumsDecimalsAndSerializerAttributes, "Demo.Order.g.cs", RowSources.ParquetNetAttributes);

    [Fact]
    public void One_level_lists() => Verify(nameof(One_level_lists), RowSources.Lists, "Demo.Basket.g.cs");

    [Fact]
    public void Records_and_lists_of_records() => Verify(nameof(Records_and_lists_of_records), RowSources.Records, "Demo.Conversation.g.cs");

    [Fact]
    public void Records_nested_at_any_depth() => Verify(nameof(Records_nested_at_any_depth), RowSources.DeepRecords, "Demo.Scene.g.cs");

    [Fact]
    public void Lists_of_lists() => Verify(nameof(Lists_of_lists), RowSources.NestedLists, "Demo.Document.g.cs");

    [Fact]
    public void Immutable_arrays() => Verify(nameof(Immutable_arrays), RowSources.ImmutableArrays, "Demo.Catalog.g.cs");

    [Fact]
    public void Memories_and_immutable_frozen_sorted_and_read_only_collections() =>
        Verify(nameof(Memories_and_immutable_frozen_sorted_and_read_only_collections), RowSources.Collections, "Demo.Shelf.g.cs");

    [Fact]
    public void Generic_records_and_tuples() => Verify(nameof(Generic_records_and_tuples), RowSources.GenericRecordsAndTuples, "Demo.Chat.g.cs");

    private static void Verify(string method, string source, string expectedHintName, params string[] otherSources)
    {
        GeneratorRun run = GeneratorHarness.Run([source, .. otherSources]);

        Assert.Empty(run.GeneratorDiagnostics);
        GeneratedSourceResult generated = Assert.Single(run.Sources);
        Assert.Equal(expectedHintName, generated.HintName);
        Snapshot.Match(nameof(GeneratorSnapshotTests), method, generated.HintName, generated.SourceText.ToString());
    }
}
