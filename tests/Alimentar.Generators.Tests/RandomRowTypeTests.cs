using Alimentar.Testing;
using System.Collections.Immutable;
using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alimentar.Generators.Tests;

/// <summary>
/// Random legal row types (records, record structs, classes and structs in every declaration form, members of every
/// supported type and container at random depths, records held in rows declared with private constructors or setters,
/// attributes, names like the generated code's own and like keywords, nullable annotations on and off): the generator
/// never fails, and either reports ALI diagnostics or emits code that compiles without a warning.
/// </summary>
public sealed class RandomRowTypeTests
{
    private static readonly MetadataReference[] References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(StreamingDatasetAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Batch<>).Assembly.Location),
    ];

    /// <summary>200 types a run; <c>ALIMENTAR_RANDOM_ROW_TYPES</c> sets more for a long search, <c>ALIMENTAR_RANDOM_ROW_TYPES_FROM</c> where it starts.</summary>
    public static TheoryData<int> Seeds() => SearchSeeds.Of("ALIMENTAR_RANDOM_ROW_TYPES", 200);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_row_type_is_reported_or_compiles_without_warnings(int seed)
    {
        var writer = new RandomRowTypeWriter(new Random(seed));
        string source = writer.Write();
        NullableContextOptions nullable = seed % 3 == 0 ? NullableContextOptions.Disable : NullableContextOptions.Enable;
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Random" + seed,
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: "Row.cs")],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));
        Diagnostic[] own = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(own.Length == 0, $"seed {seed}: the random source itself does not compile:\n{string.Join("\n", own.Select(d => d.ToString()))}\n{source}");

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Diagnostic[] failures = generatorDiagnostics.Where(d => !d.Id.StartsWith("ALI", StringComparison.Ordinal)).ToArray();
        Assert.True(failures.Length == 0, $"seed {seed} ({nullable}): {string.Join("\n", failures.Select(d => d.ToString()))}\n{source}");
        if (generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return;
        }

        // The generated code compiles without a warning; the random source's own warnings (uninitialised members and
        // the like) are the user's.
        Diagnostic[] problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && (d.Severity == DiagnosticSeverity.Error || d.Location.SourceTree?.FilePath != "Row.cs"))
            .ToArray();
        Assert.True(problems.Length == 0, $"seed {seed} ({nullable}):\n{string.Join("\n", problems.Select(d => d.ToString()))}\n{source}");
    }

    /// <summary>Writes one random row type and the types its members need, as a user might declare them.</summary>
    private sealed class RandomRowTypeWriter(Random random)
    {
        private static readonly string[] Scalars =
        [
            "bool", "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal", "global::System.Half",
            "string", "byte[]", "global::System.DateTime", "global::System.DateTimeOffset", "global::System.DateOnly", "global::System.TimeOnly", "global::System.TimeSpan",
            "global::System.Guid", "global::Alimentar.ParquetInterval", "global::Alimentar.ParquetVariant",
        ];

        private static readonly string[] ValueScalars =
        [
            "bool", "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal", "global::System.Half",
            "global::System.DateTime", "global::System.DateTimeOffset", "global::System.DateOnly", "global::System.TimeOnly", "global::System.TimeSpan", "global::System.Guid",
            "global::Alimentar.ParquetInterval", "global::Alimentar.ParquetVariant",
        ];

        private static readonly string[] Keys = ["string", "int", "long", "global::System.Guid", "global::System.DateOnly"];

        private static readonly string[] Lists =
        [
            "{0}[]", "global::System.Collections.Generic.List<{0}>", "global::System.Collections.Generic.IReadOnlyList<{0}>", "global::System.Collections.Generic.IList<{0}>",
            "global::System.Collections.Generic.ICollection<{0}>", "global::System.Collections.Generic.IEnumerable<{0}>", "global::System.Collections.Generic.IReadOnlyCollection<{0}>",
            "global::System.Collections.Immutable.ImmutableArray<{0}>", "global::System.Collections.Immutable.ImmutableList<{0}>", "global::System.Collections.Generic.HashSet<{0}>",
            "global::System.Collections.Generic.SortedSet<{0}>", "global::System.ReadOnlyMemory<{0}>", "global::System.Collections.ObjectModel.ReadOnlyCollection<{0}>",
        ];

        private static readonly string[] Maps =
        [
            "global::System.Collections.Generic.Dictionary<{0}, {1}>", "global::System.Collections.Generic.IReadOnlyDictionary<{0}, {1}>",
            "global::System.Collections.Generic.SortedDictionary<{0}, {1}>", "global::System.Collections.Frozen.FrozenDictionary<{0}, {1}>",
            "global::System.Collections.Immutable.ImmutableDictionary<{0}, {1}>", "global::System.Collections.Generic.IDictionary<{0}, {1}>",
        ];

        // Names the generated code uses for its own members, locals and parameters, names like the namespaces it
        // names, keywords, and names that differ only in case.
        private static readonly string[] Names =
        [
            "Id", "ID", "id", "Count", "Columns", "Values", "Value", "Dispose", "GetRow", "Row", "row", "index", "Index", "value", "i", "batch",
            "Batch", "System", "Alimentar", "Global", "Span", "Length", "Offsets", "Keys", "Item", "Tokens", "Store", "store", "Schema",
            "@class", "@event", "@string", "@default", "column", "Column", "ReadAsync", "WriteAsync", "Rows", "Name", "Label", "Score",
            "Nulls", "Levels", "Reader", "Writer", "Create", "Clear", "Capacity", "Pool", "cancellationToken", "Data", "Items", "Key",
        ];

        private readonly StringBuilder _types = new();
        private int _next;
        private int _records;

        public string Write()
        {
            Declare(isRow: true, depth: 0);
            return $"namespace Random{_next}\n{{\n{_types}}}\n";
        }

        private string Declare(bool isRow, int depth)
        {
            string name = (isRow ? "Row" : "Held") + _next++;
            if (!isRow)
            {
                _records++;
            }

            var members = new List<(string Type, string Name, string Attribute)>();
            var taken = new HashSet<string>(StringComparer.Ordinal);
            int memberCount = random.Next(1, isRow ? 7 : 4);
            for (int m = 0; m < memberCount; m++)
            {
                string memberName = Names[random.Next(Names.Length)];
                if (memberName.TrimStart('@') == name || !taken.Add(memberName.TrimStart('@')))
                {
                    continue;
                }

                string attribute = random.Next(0, 8) switch
                {
                    0 => $"global::Alimentar.ParquetColumn(\"{Names[random.Next(Names.Length)].TrimStart('@').ToLowerInvariant()}\")",
                    1 => "global::Alimentar.ParquetIgnore",
                    2 => $"global::System.Text.Json.Serialization.JsonPropertyName(\"c{random.Next(0, 4)}\")",
                    _ => string.Empty,
                };
                members.Add((Type(depth, allowChar: isRow), memberName, attribute));
            }

            string attributeLine = isRow ? "[global::Alimentar.StreamingDataset]\n" : string.Empty;
            string partial = isRow ? "partial " : string.Empty;
            string access = "public";
            int form = random.Next(0, 7);
            var declaration = new StringBuilder();
            switch (form)
            {
                case 0 or 1 or 2:
                    // Positional record, record struct or readonly record struct.
                    string keyword = form switch { 0 => "record", 1 => "record struct", _ => "record struct" };
                    string parameters = string.Join(", ", members.Select(m => $"{(m.Attribute.Length > 0 ? $"[property: {m.Attribute}] " : string.Empty)}{m.Type} {m.Name}"));
                    declaration.Append(CultureInvariant($"{attributeLine}{access} {(form == 2 ? "readonly " : string.Empty)}{partial}{keyword} {name}({parameters});"));
                    break;
                case 3 or 4:
                    // Class or struct of properties: set, init, required init, or private set on the row itself.
                    string kind = form == 3 ? "class" : "struct";
                    declaration.Append(CultureInvariant($"{attributeLine}{access} {partial}{kind} {name}\n{{\n"));
                    if (form == 4)
                    {
                        declaration.Append(CultureInvariant($"    public {name}() {{ }}\n"));
                    }

                    foreach ((string type, string memberName, string attribute) in members)
                    {
                        string accessor = random.Next(0, 5) switch
                        {
                            0 => "{ get; init; }",
                            1 when form == 3 => "{ get; private set; }",
                            _ => "{ get; set; }",
                        };
                        string required = accessor == "{ get; init; }" && random.Next(0, 2) == 0 ? "required " : string.Empty;
                        declaration.Append(CultureInvariant($"    {(attribute.Length > 0 ? $"[{attribute}] " : string.Empty)}public {required}{type} {memberName} {accessor}\n"));
                    }

                    declaration.Append("}\n");
                    break;
                case 5:
                    // A class whose constructor takes its members, with a parameter left to a default now and then.
                    declaration.Append(CultureInvariant($"{attributeLine}{access} {partial}class {name}\n{{\n"));
                    string arguments = string.Join(", ", members.Select(m => $"{m.Type} {ParameterName(m.Name)}"));
                    string extra = random.Next(0, 3) == 0 ? (members.Count > 0 ? ", " : string.Empty) + "int retries = 3" : string.Empty;
                    string visibility = !isRow && random.Next(0, 5) == 0 ? "private" : "public";
                    declaration.Append(CultureInvariant($"    {visibility} {name}({arguments}{extra})\n    {{\n"));
                    foreach ((_, string memberName, _) in members)
                    {
                        declaration.Append(CultureInvariant($"        this.{memberName} = {ParameterName(memberName)};\n"));
                    }

                    declaration.Append("    }\n");
                    foreach ((string type, string memberName, string attribute) in members)
                    {
                        declaration.Append(CultureInvariant($"    {(attribute.Length > 0 ? $"[{attribute}] " : string.Empty)}public {type} {memberName} {{ get; }}\n"));
                    }

                    declaration.Append("}\n");
                    break;
                default:
                    // A struct of fields.
                    declaration.Append(CultureInvariant($"{attributeLine}{access} {partial}struct {name}\n{{\n"));
                    foreach ((string type, string memberName, string attribute) in members)
                    {
                        declaration.Append(CultureInvariant($"    {(attribute.Length > 0 ? $"[{attribute}] " : string.Empty)}public {type} {memberName};\n"));
                    }

                    declaration.Append("}\n");
                    break;
            }

            _types.Append(declaration).Append('\n');
            return name;
        }

        private static string ParameterName(string member) => "p" + member.TrimStart('@');

        private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

        private string Type(int depth, bool allowChar)
        {
            int choice = random.Next(0, depth >= 3 ? 6 : 10);
            string type = choice switch
            {
                0 when allowChar => "char",
                0 or 1 or 2 => Scalars[random.Next(Scalars.Length)],
                3 => ValueScalars[random.Next(ValueScalars.Length)] + "?",
                4 => Enum(),
                5 => random.Next(0, 2) == 0 ? "string?" : "byte[]?",
                6 or 7 => Nullable(string.Format(CultureInfoInvariant, Lists[random.Next(Lists.Length)], Type(depth + 1, allowChar: false))),
                8 => Nullable(string.Format(CultureInfoInvariant, Maps[random.Next(Maps.Length)], random.Next(0, 4) == 0 ? Enum() : Keys[random.Next(Keys.Length)], Type(depth + 1, allowChar: false))),
                _ => _records < 4 ? Declare(isRow: false, depth + 1) + (random.Next(0, 3) == 0 ? "?" : string.Empty) : "long",
            };
            return type;
        }

        /// <summary>A list or map, now and then declared nullable.</summary>
        private string Nullable(string type) => random.Next(0, 3) == 0 ? type + "?" : type;

        private static readonly IFormatProvider CultureInfoInvariant = System.Globalization.CultureInfo.InvariantCulture;

        private string Enum()
        {
            string name = "Kind" + _next++;
            _types.Append(CultureInvariant($"public enum {name} {{ A, B, C = 7 }}\n"));
            return name;
        }
    }
}
