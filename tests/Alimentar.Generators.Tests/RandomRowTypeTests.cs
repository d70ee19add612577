using Alimentar.Testing;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alimentar.Generators.Tests;

/// <summary>
/// Random legal row types (records, record structs, classes and structs in every declaration form, members of every
/// supported type and container at random depths, records held in rows declared with private constructors or setters
/// and now and then generic, tuples, attributes, names like the generated code's own and like keywords, nullable
/// annotations on and off): the generator never fails, and either reports ALI diagnostics or emits code that compiles
/// without a warning, and random rows of the type, edge values among them, read back as they were written from a
/// Parquet file (written with random settings), through Arrow IPC, and after their batches are written to another file.
/// </summary>
public sealed partial class RandomRowTypeTests
{
    private static readonly MetadataReference[] References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(StreamingDatasetAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Batch<>).Assembly.Location),
    ];

    /// <summary>50 types a run (each compiled, loaded and run, and CI keeps its margin under ten minutes); <c>ALIMENTAR_RANDOM_ROW_TYPES</c> sets more for a long search, <c>ALIMENTAR_RANDOM_ROW_TYPES_FROM</c> where it starts.</summary>
    public static TheoryData<int> Seeds() => SearchSeeds.Of("ALIMENTAR_RANDOM_ROW_TYPES", 50);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_row_type_is_reported_or_compiles_without_warnings_and_round_trips(int seed)
    {
        var writer = new RandomRowTypeWriter(new Random(seed), new Random(~seed));
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

        // The writer puts [ParquetDecimal] on decimals and [ParquetTimestamp] on DateTimes only, always valid.
        Diagnostic[] failures = generatorDiagnostics.Where(d => !d.Id.StartsWith("ALI", StringComparison.Ordinal) || d.Id is "ALI0009" or "ALI0016").ToArray();
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

        RoundTrip(seed, writer, source, output);
    }

    private const string Probe = """
        public static class Probe
        {
            /// <summary>
            /// The rows; the rows read back from a Parquet file the writer's random settings wrote; those read back through
            /// Arrow IPC; those read back after the batches read were written to a second file; and, for every row of the
            /// batches of whole passes and of two shards' passes, the row and what each generated column accessor holds
            /// for it (<paramref name="cells"/>).
            /// </summary>
            public static object?[][] RoundTrip<T>(T[] rows, int settings, System.Func<Alimentar.Batch<T>, int, object?[]> cells)
                where T : Alimentar.IStreamingRow<T> => RoundTripAsync(rows, settings, cells).GetAwaiter().GetResult();

            /// <summary>A span accessor's value at a row, boxed.</summary>
            public static object? Cell<TValue>(System.ReadOnlySpan<TValue> column, int row) => column[row];

            /// <summary>A list accessor's list at a row, as an array; null for a null list.</summary>
            public static object? Cell<TValue>(Alimentar.ListColumn<TValue> column, int row) => column.ToArray(row);

            private static async System.Threading.Tasks.Task<object?[][]> RoundTripAsync<T>(T[] rows, int settings, System.Func<Alimentar.Batch<T>, int, object?[]> cells)
                where T : Alimentar.IStreamingRow<T>
            {
                string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alimentar-row-type-" + System.Guid.NewGuid().ToString("N") + ".parquet");
                string copy = path + ".copy";
                try
                {
                    Alimentar.ParquetCompression[] codecs = [Alimentar.ParquetCompression.None, Alimentar.ParquetCompression.Snappy, Alimentar.ParquetCompression.Zstd];
                    var options = new Alimentar.ParquetWriteOptions
                    {
                        RowGroupSize = settings % 3 + 1,
                        PageRowLimit = settings / 3 % 2 + 1,
                        Compression = codecs[settings / 6 % codecs.Length],
                        DataPageV2 = settings / 18 % 2 == 0,
                        Dictionary = settings / 36 % 2 == 0,
                    };
                    await using (var writer = await Alimentar.ParquetDatasetWriter<T>.CreateAsync(path, options))
                    {
                        await writer.WriteAsync(rows);
                    }

                    var source = new Alimentar.ParquetSource<T>(path).BatchSize(settings / 72 % 3 + 1);
                    object?[] back;
                    using (var streaming = new Alimentar.StreamingDataset<T>(source, 2))
                    {
                        back = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object?>(streaming.Rows()));
                    }

                    var ipc = new System.IO.MemoryStream();
                    using (var streaming = new Alimentar.StreamingDataset<T>(source, 2))
                    {
                        await Alimentar.ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
                    }

                    object?[] arrow;
                    using (var streaming = new Alimentar.StreamingDataset<T>(new Alimentar.ArrowSource<T>(new System.IO.MemoryStream(ipc.ToArray())), 2))
                    {
                        arrow = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object?>(streaming.Rows()));
                    }

                    // The batches read, written back as batches (their columns, not rows) with other settings.
                    options = options with { RowGroupSize = 2, DataPageV2 = !options.DataPageV2, Dictionary = !options.Dictionary };
                    using (var streaming = new Alimentar.StreamingDataset<T>(source, 2))
                    await using (var writer = await Alimentar.ParquetDatasetWriter<T>.CreateAsync(copy, options))
                    {
                        await foreach (Alimentar.Batch<T> batch in streaming.ReadAllAsync())
                        {
                            using (batch)
                            {
                                await writer.WriteAsync(batch);
                            }
                        }
                    }

                    object?[] batches;
                    using (var streaming = new Alimentar.StreamingDataset<T>(new Alimentar.ParquetSource<T>(copy), 2))
                    {
                        batches = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object?>(streaming.Rows()));
                    }

                    // Every row of a plain pass and of two shards' passes, from the file (whose shards decode part of a
                    // row group) and from the Arrow stream (whose shards are slices of a record batch's columns).
                    var columns = new System.Collections.Generic.List<object?>();
                    Alimentar.IBatchSource<T>[] sources = [source, new Alimentar.ArrowSource<T>(new System.IO.MemoryStream(ipc.ToArray()))];
                    for (int world = 1; world <= 2; world++)
                    {
                        for (int rank = 0; rank < world * sources.Length; rank++)
                        {
                            using var streaming = new Alimentar.StreamingDataset<T>(sources[rank / world], 2).WithShard(rank % world, world);
                            foreach (Alimentar.Batch<T> batch in streaming)
                            {
                                using (batch)
                                {
                                    for (int row = 0; row < batch.Count; row++)
                                    {
                                        columns.Add(cells(batch, row));
                                    }
                                }
                            }
                        }
                    }

                    return [System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object?>(rows)), back, arrow, batches, columns.ToArray()];
                }
                finally
                {
                    System.IO.File.Delete(path);
                    System.IO.File.Delete(copy);
                }
            }
        }
        """;

    /// <summary>
    /// The column accessors generated on batches of <paramref name="rowType"/>: each one's name in code, and the member it
    /// reads, as its summary names it.
    /// </summary>
    private static (string Accessor, string Member)[] AccessorsOf(Compilation output, string rowType) =>
        [.. output.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<ExtensionBlockDeclarationSyntax>())
            .Where(block => block.ParameterList?.Parameters.FirstOrDefault()?.Type?.ToString() == $"global::Alimentar.Batch<{rowType}>")
            .SelectMany(block => block.Members.OfType<PropertyDeclarationSyntax>())
            .Select(property => (property.Identifier.Text, SummaryMember().Match(property.GetLeadingTrivia().ToFullString()).Groups[1].Value))];

    [GeneratedRegex("<summary>The <c>([^<]+)</c> column")]
    private static partial Regex SummaryMember();

    /// <summary>Writes random rows of the type to a file and reads them back, in an assembly unloaded afterwards.</summary>
    private static void RoundTrip(int seed, RandomRowTypeWriter writer, string source, Compilation output)
    {
        var values = new Random(seed ^ 0x5EED);
        string rows = string.Join(",\n", Enumerable.Range(0, values.Next(0, 5)).Select(_ => "        " + writer.Row.Value()));
        (string Accessor, string Member)[] accessors = AccessorsOf(output, $"global::{writer.Namespace}.{writer.Row.Name}");

        // A row type the generator takes has a column (ALI0005 otherwise), so finding no accessor is this test's fault.
        Assert.True(accessors.Length > 0, $"seed {seed}: no batch accessor found in the generated code\n{source}");
        string cells = string.Concat(accessors.Select(a => $", global::Probe.Cell(batch.{a.Accessor}, row)"));
        string run = $$"""
            namespace {{writer.Namespace}}
            {
                public static class Run
                {
                    public static object?[][] Go() => global::Probe.RoundTrip(new {{writer.Row.Name}}[]
                    {
            {{rows}}
                    }, {{values.Next(0, 216)}}, Cells);

                    private static object?[] Cells(global::Alimentar.Batch<{{writer.Row.Name}}> batch, int row) => [batch[row]{{cells}}];
                }
            }
            """;
        Compilation program = output.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(run, GeneratorHarness.ParseOptions, path: "Run.cs"),
            CSharpSyntaxTree.ParseText(Probe, GeneratorHarness.ParseOptions, path: "Probe.cs"));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = program.Emit(image);
        Assert.True(emitted.Success, $"seed {seed}: the rows do not compile (a fault of this test's writer):\n{string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}\n{source}\n{run}");

        var context = new AssemblyLoadContext("RandomRowType" + seed, isCollectible: true);
        try
        {
            image.Position = 0;
            Assembly assembly = context.LoadFromStream(image);
            object?[][] result;
            try
            {
                result = (object?[][])assembly.GetType(writer.Namespace + ".Run")!.GetMethod("Go")!.Invoke(null, null)!;
            }
            catch (TargetInvocationException failure)
            {
                Assert.Fail($"seed {seed}: the round trip threw {failure.InnerException}\n{source}\n{run}");
                return;
            }

            string[] written = result[0].Select(RowText.Show).ToArray();
            string[] read = result[1].Select(RowText.Show).ToArray();
            Assert.True(written.SequenceEqual(read), $"seed {seed}: rows read back differ.\nwritten:\n{string.Join("\n", written)}\nread:\n{string.Join("\n", read)}\n{source}\n{run}");
            string[] arrow = result[2].Select(RowText.Show).ToArray();
            Assert.True(written.SequenceEqual(arrow), $"seed {seed}: rows read back through Arrow IPC differ.\nwritten:\n{string.Join("\n", written)}\nthrough Arrow:\n{string.Join("\n", arrow)}\n{source}\n{run}");
            string[] batches = result[3].Select(RowText.Show).ToArray();
            Assert.True(written.SequenceEqual(batches), $"seed {seed}: rows written back as batches differ.\nwritten:\n{string.Join("\n", written)}\nwritten back as batches:\n{string.Join("\n", batches)}\n{source}\n{run}");
            foreach (object?[] cell in result[4].Cast<object?[]>())
            {
                for (int a = 0; a < accessors.Length; a++)
                {
                    object? member = RowText.MemberOf(cell[0]!, accessors[a].Member);
                    string expected = RowText.Show(member);
                    string actual = RowText.Show(RowText.AsMember(cell[a + 1], member));
                    Assert.True(expected == actual, $"seed {seed}: batch.{accessors[a].Accessor} holds {actual} where its row's {accessors[a].Member} is {expected}.\n{source}\n{run}");
                }
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
