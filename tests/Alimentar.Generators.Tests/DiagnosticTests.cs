using Microsoft.CodeAnalysis;

namespace Alimentar.Generators.Tests;

public sealed class DiagnosticTests
{
    [Fact]
    public void ALI0001_type_not_partial() => AssertSingle(
        "using Alimentar; [StreamingDataset] public record [|Row|](int A);",
        "ALI0001",
        "'Row' is marked [StreamingDataset] but is not partial; add the 'partial' modifier so the generator can extend it");

    [Fact]
    public void ALI0002_containing_type_not_partial() => AssertSingle(
        "using Alimentar; public class [|Outer|] { [StreamingDataset] public partial record Row(int A); }",
        "ALI0002",
        "'Outer' contains the [StreamingDataset] type 'Outer.Row' but is not partial; add the 'partial' modifier");

    [Fact]
    public void ALI0003_unsupported_member_type() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial class Row { public int A { get; set; } public System.Uri [|Link|] { get; set; } = null!; }",
        "ALI0003",
        "Member 'Link' of 'Row' has type 'System.Uri', which cannot be a Parquet column; use bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, Half, decimal, char, string, byte[] (or ReadOnlyMemory<byte>, Memory<byte>, ImmutableArray<byte>), DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid, ParquetInterval, ParquetVariant, an enum, a nullable form of these, an array, list, set or memory of them (List<T>, HashSet<T>, SortedSet<T>, ImmutableArray<T>, ReadOnlyMemory<T>, Memory<T>, their interfaces, and their immutable, frozen and read-only forms) at any depth, a dictionary of them (Dictionary<K, V>, its interfaces, and its sorted, immutable, frozen and read-only forms), a record, class, struct or tuple holding them, or mark it [ParquetIgnore]");

    [Fact]
    public void ALI0003_a_list_of_byte_memories_which_byte_arrays_declare()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Alimentar; [StreamingDataset] public partial record Row(int A, System.Collections.Generic.List<System.ReadOnlyMemory<byte>> Frames, System.ReadOnlyMemory<byte> Frame, byte[][] Pages);");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ALI0003", diagnostic.Id);
        Assert.StartsWith("Member 'Frames' of 'Row'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void ALI0012_a_record_that_holds_itself() => AssertSingle(
        "using Alimentar; public sealed record Node(string Name, Node? [|Parent|]); [StreamingDataset] public partial record Row(int A, Node Root);",
        "ALI0012",
        "'Node' holds itself, directly or through other records, so the Parquet group it maps to would never end; hold the repeated part as a separate column or mark a member [ParquetIgnore]");

    [Fact]
    public void ALI0012_a_generic_record_that_holds_itself_under_ever_longer_arguments_rather_than_a_generator_that_never_ends() => AssertSingle(
        "using Alimentar; using System.Collections.Generic; public sealed record Node<T>(T Value, Node<List<T>>? [|Next|]); [StreamingDataset] public partial record Row(int A, Node<int> Root);",
        "ALI0012",
        "'Node<T>' holds itself, directly or through other records, so the Parquet group it maps to would never end; hold the repeated part as a separate column or mark a member [ParquetIgnore]");

    [Fact]
    public void ALI0013_a_char_inside_a_nested_record() => AssertSingle(
        "using Alimentar; public sealed record Person(string Name, char [|Initial|]); [StreamingDataset] public partial record Row(int A, Person Author);",
        "ALI0013",
        "Member 'Initial' of 'Person' has type 'char', which a record inside a row cannot hold (char and enums written as names are read only at the row's top level); hold it as a string, or mark it [ParquetIgnore] and move it to the row type");

    [Fact]
    public void ALI0014_a_map_key_that_is_not_a_non_null_scalar() => AssertSingle(
        "using Alimentar; using System.Collections.Generic; [StreamingDataset] public partial record Row(int A, Dictionary<string?, double> [|Scores|]);",
        "ALI0014",
        "A map's key type 'string?' is not a non-null scalar; Parquet map keys are required, so use a number, a non-nullable string, a date, time, Guid or enum");

    [Fact]
    public void ALI0004_two_members_map_to_one_column() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial class Row { public int A { get; set; } [ParquetColumn(\"A\")] public int [|B|] { get; set; } }",
        "ALI0004",
        "Members 'A' and 'B' of 'Row' both map to column 'A'; give one of them another name with [ParquetColumn]");

    [Fact]
    public void ALI0005_no_columns() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial class [|Row|] { public static int Shared; }",
        "ALI0005",
        "'Row' has no readable instance properties or fields to map to columns");

    [Fact]
    public void ALI0006_generic_type() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial record [|Row|]<T>(int A);",
        "ALI0006",
        "'Row<T>' has type parameters; a [StreamingDataset] type must be a closed, non-generic type");

    [Fact]
    public void ALI0006_names_the_generic_container_when_only_it_is_generic() => AssertSingle(
        "using Alimentar; public partial class Outer<T> { [StreamingDataset] public partial record [|Row|](int A); }",
        "ALI0006",
        "'Outer<T>.Row' is nested in the generic type 'Outer<T>'; a [StreamingDataset] type must be a closed, non-generic type");

    [Fact]
    public void ALI0007_empty_column_name() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial class Row { [ParquetColumn(\" \")] public int [|A|] { get; set; } }",
        "ALI0007",
        "[ParquetColumn] on member 'A' of 'Row' names no column; give a non-empty name");

    [Fact]
    public void ALI0008_no_way_to_construct() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial class [|Row|] { public int A { get; } public Row(string other) { } }",
        "ALI0008",
        "'Row' cannot be built from its columns: no constructor takes them and 'A' has no set or init accessor the row type can call; add a constructor or make the member settable");

    [Fact]
    public void ALI0008_a_held_record_whose_setter_the_row_type_cannot_call() => AssertSingle(
        "using Alimentar; public class Leaf { public int X { get; private set; } } [StreamingDataset] public partial record Row(long Id, Leaf [|L|]);",
        "ALI0008",
        "'Leaf' cannot be built from its columns: no constructor takes them and 'X' has no set or init accessor the row type can call; add a constructor or make the member settable");

    [Fact]
    public void ALI0015_a_constructor_parameter_that_is_no_column_when_every_member_is_settable() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial class [|Row|] { public int A { get; set; } public Row(System.IServiceProvider services) { } }",
        "ALI0015",
        "'Row' cannot be built from its columns: its constructor's parameter 'services' is no column (by name and type), declares no default and sets no [ParquetIgnore] member; add a constructor that takes columns alone (or a parameterless one, with settable members) that the row type can call");

    [Fact]
    public void ALI0015_a_held_record_whose_constructor_the_row_type_cannot_call() => AssertSingle(
        "using Alimentar; public sealed class Point { private Point() { } public int X { get; set; } } [StreamingDataset] public partial record Row(long Id, Point [|Where|]);",
        "ALI0015",
        "'Point' cannot be built from its columns: none of its constructors can be called from the row type (they are private, or internal to another assembly); add a constructor that takes columns alone (or a parameterless one, with settable members) that the row type can call");

    [Fact]
    public void ALI0008_a_held_record_whose_hand_written_property_has_a_setter_the_row_type_cannot_call() => AssertSingle(
        "using Alimentar; public class Leaf { private int _x; public int X { get => _x; private set => _x = value; } } [StreamingDataset] public partial record Row(long Id, Leaf [|L|]);",
        "ALI0008",
        "'Leaf' cannot be built from its columns: no constructor takes them and 'X' has no set or init accessor the row type can call; add a constructor or make the member settable");

    [Fact]
    public void ALI0009_invalid_decimal_precision() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial class Row { [ParquetDecimal(40, 2)] public decimal [|Price|] { get; set; } }",
        "ALI0009",
        "[ParquetDecimal(40, 2)] on member 'Price' of 'Row' is not a valid DECIMAL; precision must be 1 to 38 and scale 0 to precision");

    [Fact]
    public void ALI0016_a_timestamp_attribute_on_a_member_that_is_no_DateTime() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial class Row { public int A { get; set; } [ParquetTimestamp(isAdjustedToUtc: false)] public System.DateTimeOffset [|Opened|] { get; set; } }",
        "ALI0016",
        "[ParquetTimestamp] on member 'Opened' of 'Row' has no timestamp to set: its type is 'System.DateTimeOffset'; it applies to DateTime members and lists of them (a DateTimeOffset is an instant, always written adjusted to UTC)");

    [Fact]
    public void ALI0016_a_timestamp_attribute_on_a_list_of_strings() => AssertSingle(
        "using Alimentar; [StreamingDataset] public partial record Row(int A, [ParquetTimestamp] string[] [|Labels|]);",
        "ALI0016",
        "[ParquetTimestamp] on member 'Labels' of 'Row' has no timestamp to set: its type is 'string[]'; it applies to DateTime members and lists of them (a DateTimeOffset is an instant, always written adjusted to UTC)");

    [Fact]
    public void ALI0010_abstract_type() => AssertSingle(
        "using Alimentar; [StreamingDataset] public abstract partial class [|Row|] { public int A { get; set; } }",
        "ALI0010",
        "'Row' is abstract, so rows cannot be built from it; put [StreamingDataset] on a concrete type");

    [Theory]
    [InlineData("private int [|Hidden|];", "it is not public or internal")]
    [InlineData("public int [|Twice|] => A * 2;", "it is computed (it has no setter and no backing field)")]
    public void ALI0011_parquet_column_on_a_member_that_is_not_a_column_is_a_warning(string member, string why)
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Alimentar; [StreamingDataset] public partial class Row { public int A { get; set; } [ParquetColumn(\"x\")] " + member.Replace("[|", string.Empty).Replace("|]", string.Empty) + " }");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ALI0011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains(why, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void Every_diagnostic_links_to_its_page_in_the_repository()
    {
        string docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics");
        foreach (DiagnosticDescriptor descriptor in Diagnostics.All)
        {
            Assert.Equal(Diagnostics.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            string page = File.ReadAllText(Path.Combine(docs, descriptor.Id + ".md"));
            Assert.Contains("# " + descriptor.Id, page, StringComparison.Ordinal);
            Assert.Contains("```csharp", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_type_with_an_error_generates_no_source()
    {
        GeneratorRun run = GeneratorHarness.Run("using Alimentar; [StreamingDataset] public record Row(int A);");

        Assert.Empty(run.Sources);
    }

    private static string RepositoryRoot() => typeof(DiagnosticTests).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>Checks the one diagnostic's ID, message and span; <c>[|…|]</c> marks the expected span in the source.</summary>
    private static void AssertSingle(string markedSource, string id, string message)
    {
        int start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        int end = markedSource.IndexOf("|]", StringComparison.Ordinal) - 2;
        string source = markedSource.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(start, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(end - start, diagnostic.Location.SourceSpan.Length);
    }
}
