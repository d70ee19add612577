using Alimentar.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alimentar.Generators.Tests;

/// <summary>The parser alone: a row type's source becomes the model the emitter is given, and nothing is emitted to check it.</summary>
public sealed class RowParserTests
{
    [Fact]
    public void A_row_of_nested_records_maps_and_enum_lists_parses_into_the_model_stage_by_stage()
    {
        RowSpec row = Parse("""
            using System.Collections.Generic;
            using Alimentar;

            namespace Demo;

            public enum Role { User, Assistant }

            public sealed record Point(float X, float? Y);

            [StreamingDataset]
            public partial record Shape(long Id, [property: ParquetColumn("pts")] List<Point[]>? Points, Dictionary<string, Role[]> Roles, IReadOnlyList<Role?> Seen);
            """);

        Assert.Equal(("Demo", "Shape", "Columns"), (row.Namespace, row.Name, row.StoreName));
        Assert.Equal(["Id", "Points", "Roles", "Seen"], row.Columns.Select(c => c.MemberName));

        ColumnSpec points = row.Columns[1];
        Assert.Equal(("pts", true, true), (points.ColumnName, points.HasExplicitName, points.IsNullable));
        ListSpec outer = points.List!;
        Assert.Equal((ListContainer.List, 2), (outer.Container, outer.Depth));
        Assert.Equal(ListContainer.Array, outer.Inner!.Container);
        GroupSpec point = outer.Inner.Group!;
        Assert.Equal("global::Demo.Point", point.TypeName);
        Assert.Equal([("X", "Value"), ("Y", "NullableValue")], point.Fields.Select(f => (f.MemberName, f.Storage.ToString())));

        ListSpec roles = row.Columns[2].List!;
        Assert.True(roles.IsMap);
        Assert.Equal(ListContainer.Dictionary, roles.Container);
        ListSpec roleList = roles.Group!.Fields[1].List!;
        Assert.Equal(("global::Demo.Role", "int"), (roleList.ElementCode, roleList.StoredElementCode));

        ListSpec seen = row.Columns[3].List!;
        Assert.Equal((ListContainer.ReadOnlyList, "global::Demo.Role?", "int?"), (seen.Container, seen.ElementCode, seen.StoredElementCode));
    }

    [Fact]
    public void Collection_interfaces_parse_as_lists_and_maps_read_into_lists_arrays_or_dictionaries()
    {
        RowSpec row = Parse("""
            using System.Collections.Generic;
            using Alimentar;

            namespace Demo;

            [StreamingDataset]
            public partial record Row(IList<int> A, ICollection<string?>? B, IReadOnlyCollection<long> C, IList<IReadOnlyCollection<int>> D, IDictionary<string, double> E);
            """);

        ListSpec[] lists = row.Columns.Select(c => c.List!).ToArray();
        Assert.Equal(
            [ListContainer.ListInterface, ListContainer.CollectionInterface, ListContainer.ReadOnlyCollection, ListContainer.ListInterface, ListContainer.DictionaryInterface],
            lists.Select(l => l.Container));
        Assert.Equal([true, true, false, true], lists[..4].Select(l => l.ReadsIntoList));
        Assert.Equal(ListContainer.ReadOnlyCollection, lists[3].Inner!.Container);
        Assert.True(lists[4].IsMap);
        Assert.Equal(
            ["global::System.Collections.Generic.IList<int>", "global::System.Collections.Generic.ICollection<string?>?", "global::System.Collections.Generic.IReadOnlyCollection<long>"],
            row.Columns.Take(3).Select(c => c.MemberType));
    }

    [Fact]
    public void A_type_with_an_error_gives_diagnostics_and_no_model()
    {
        GeneratorDriverRunResult result = Run("using Alimentar; [StreamingDataset] public record Row(int A);");

        object parsed = Assert.Single(result.Results.Single().TrackedSteps[StreamingDatasetGenerator.Steps.Parse].SelectMany(s => s.Outputs)).Value;
        var parse = Assert.IsType<ParseResult>(parsed);
        Assert.Null(parse.Spec);
        Assert.Equal("ALI0001", Assert.Single(parse.Diagnostics).Id);
    }

    [Fact]
    public void Attributes_are_known_by_their_type_once_per_compilation_and_a_look_alike_in_another_namespace_is_not_one()
    {
        RowSpec row = Parse("""
            using Alimentar;

            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class ParquetColumnAttribute(string name) : System.Attribute { public string Name { get; } = name; }

                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class ParquetIgnoreAttribute : System.Attribute { }
            }

            namespace Demo
            {
                [StreamingDataset]
                public partial record Row(
                    [property: ParquetColumn("id")] long Id,
                    [property: Other.ParquetColumn("not-a-name")] string Name,
                    [property: Other.ParquetIgnore] int Kept,
                    [property: System.Text.Json.Serialization.JsonPropertyName("json_name")] int Json)
                {
                    [ParquetIgnore]
                    public int Skipped { get; init; }
                }
            }
            """);

        Assert.Equal([("Id", "id"), ("Name", "Name"), ("Kept", "Kept"), ("Json", "json_name")], row.Columns.Select(c => (c.MemberName, c.ColumnName)));

        CSharpCompilation compilation = GeneratorHarness.Compile("public class A { }");
        Assert.Same(Parsing.KnownAttributes.For(compilation), Parsing.KnownAttributes.For(compilation));
        Assert.NotSame(Parsing.KnownAttributes.For(compilation), Parsing.KnownAttributes.For(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class B { }", GeneratorHarness.ParseOptions))));
    }

    private static RowSpec Parse(string source)
    {
        GeneratorDriverRunResult result = Run(source);
        object parsed = Assert.Single(result.Results.Single().TrackedSteps[StreamingDatasetGenerator.Steps.Parse].SelectMany(s => s.Outputs)).Value;
        return Assert.IsType<ParseResult>(parsed).Spec!;
    }

    private static GeneratorDriverRunResult Run(string source) =>
        GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(source)).GetRunResult();
}
