using System.Collections.Immutable;
using System.Reflection;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alimentar.Generators.Tests;

/// <summary>
/// Row types that are legal C# but once broke the generated code: each must compile with no warning, with
/// nullable reference types on and off, and its rows must survive a trip through a Parquet file.
/// </summary>
public sealed class LegalRowTypeTests
{
    private const string RoundTrip = """
        public static class Probe
        {
            public static string Check<T>(T[] rows)
                where T : Alimentar.IStreamingRow<T>
            {
                string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), System.Guid.NewGuid().ToString("N") + ".parquet");
                try
                {
                    Alimentar.ParquetDatasetWriter<T>.WriteFileAsync(path, rows).GetAwaiter().GetResult();
                    using var streaming = new Alimentar.StreamingDataset<T>(new Alimentar.ParquetSource<T>(path), 2);
                    var back = System.Linq.Enumerable.ToList(streaming.Rows());
                    return System.Linq.Enumerable.SequenceEqual(rows, back) ? "ok" : "read back: " + string.Join("; ", back);
                }
                finally
                {
                    System.IO.File.Delete(path);
                }
            }

            /// <summary>For rows whose members compare by reference (dictionaries, arrays): compares what <paramref name="show"/> makes of them.</summary>
            public static string Check<T>(T[] rows, System.Func<T, string> show)
                where T : Alimentar.IStreamingRow<T>
            {
                string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), System.Guid.NewGuid().ToString("N") + ".parquet");
                try
                {
                    Alimentar.ParquetDatasetWriter<T>.WriteFileAsync(path, rows).GetAwaiter().GetResult();
                    using var streaming = new Alimentar.StreamingDataset<T>(new Alimentar.ParquetSource<T>(path), 2);
                    string[] written = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(rows, show));
                    string[] back = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), show));
                    return System.Linq.Enumerable.SequenceEqual(written, back) ? "ok" : "read back: " + string.Join("; ", back);
                }
                finally
                {
                    System.IO.File.Delete(path);
                }
            }
        }
        """;

    public static TheoryData<string, string> Cases() => new()
    {
        {
            "members named like the generated code's locals and parameters",
            """
            [Alimentar.StreamingDataset] public partial record WordCount(string word, long count);
            [Alimentar.StreamingDataset] public partial record Locals(int index, int rows, int start, int pool, int capacity, int reader, int writer, int row, int count, int batch, int cancellationToken, int list0, int text0, int number, int result, int column);
            public static class Run
            {
                public static string Go() => Probe.Check(new[] { new WordCount("a", 1), new WordCount("b", 2) }) + Probe.Check(new[] { new Locals(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16) }) + Use();
                private static string Use() => "";
                public static int Batch(Alimentar.Batch<Locals> b) => b.batch[0] + b.count[0] + b.index[0];
            }
            """
        },
        {
            "members named like the store's generated column methods",
            """
            public sealed record Spot(int X);
            [Alimentar.StreamingDataset] public partial record Methods(int ReadColumnAsync, int WriteColumnAsync, Spot Where, int ReadColumn2Async, long WriteColumn2Async, string ReadColumn1Async, string WriteColumn1Async);
            public static class Run
            {
                public static string Go() => Probe.Check(new[] { new Methods(1, 2, new Spot(3), 4, 5, "six", "seven") });
                public static int Use(Alimentar.Batch<Methods> b) => b.ReadColumnAsync[0] + b.ReadColumn2Async[0];
            }
            """
        },
        {
            "generic records, classes and structs as nested records: alone, in lists and maps, holding each other",
            """
            public sealed record Pair<TFirst, TSecond>(TFirst First, TSecond Second);
            public record struct Box<T>(T Value);
            public sealed class Slot<T> { public T Item { get; set; } = default!; public int Rank { get; set; } public override string ToString() => $"{Item}@{Rank}"; }
            [Alimentar.StreamingDataset] public partial record Generic(
                long Id,
                Pair<int, string> Named,
                Box<float> Boxed,
                Box<double?>? MaybeBoxed,
                Pair<int, Pair<long, string>> Nested,
                Slot<string> Slot,
                Slot<int> ValueSlot,
                System.Collections.Generic.List<Pair<int, string>> Pairs,
                System.Collections.Generic.Dictionary<string, Box<int[]>> Boxes);
            public static class Run
            {
                public static string Go() => Probe.Check(
                    new[]
                    {
                        new Generic(1, new Pair<int, string>(1, "a"), new Box<float>(0.5f), new Box<double?>(2.5), new Pair<int, Pair<long, string>>(2, new Pair<long, string>(3, "c")), new Slot<string> { Item = "s", Rank = 4 }, new Slot<int> { Item = 5, Rank = 6 }, new() { new Pair<int, string>(7, "d") }, new() { ["k"] = new Box<int[]>(new[] { 8, 9 }) }),
                        new Generic(2, new Pair<int, string>(0, ""), default, null, new Pair<int, Pair<long, string>>(0, new Pair<long, string>(0, "")), new Slot<string> { Item = "" }, new Slot<int>(), new(), new()),
                    },
                    g => $"{g.Id} {g.Named} {g.Boxed} {g.MaybeBoxed} {g.Nested} {g.Slot} {g.ValueSlot} [{string.Join(",", g.Pairs)}] [{string.Join(",", System.Linq.Enumerable.Select(g.Boxes, e => e.Key + "=" + string.Join("+", e.Value.Value)))}]");
                public static long First(Alimentar.Batch<Generic> b) => b.Id[0];
            }
            """
        },
        {
            "tuples as nested records: named, unnamed and keyword-named elements, nested, nullable, in lists and maps",
            """
            [Alimentar.StreamingDataset] public partial record Tupled(
                long Id,
                (int Start, int End) Span,
                (double, string) Unnamed,
                (int @class, string @event) Keywords,
                (int Depth, (long Inner, string Label) Nested) Deep,
                (float X, float Y)? Maybe,
                System.Collections.Generic.List<(int Start, int End)> Spans,
                System.Collections.Generic.Dictionary<string, (int Count, double Mean)> Stats);
            public static class Run
            {
                public static string Go() => Probe.Check(
                    new[]
                    {
                        new Tupled(1, (0, 4), (0.5, "a"), (1, "e"), (2, (3L, "l")), (1.5f, 2.5f), new() { (1, 2), (3, 4) }, new() { ["k"] = (5, 6.5) }),
                        new Tupled(2, default, (0, ""), (0, ""), (0, (0L, "")), null, new(), new()),
                    },
                    t => $"{t.Id} {t.Span} {t.Unnamed} {t.Keywords} {t.Deep} {t.Maybe} [{string.Join(",", t.Spans)}] [{string.Join(",", t.Stats)}]");
                public static int First(Alimentar.Batch<Tupled> b) => b.Span[0].End + b.Spans[0][0].Start;
            }
            """
        },
        {
            "generic records whose type arguments are nullable reference types",
            """
            #nullable enable
            public sealed record Pair<TFirst, TSecond>(TFirst First, TSecond Second);
            public sealed record Optional<T>(T? Value) where T : class;
            [Alimentar.StreamingDataset] public partial record Annotated(
                Pair<string?, double?>? Maybe,
                Pair<string, string?> Half,
                Optional<string> Wrapped,
                System.Collections.Generic.List<Pair<string?, int>?> Items,
                (string? Name, byte[]? Bytes) Tuple);
            public static class Run
            {
                public static string Go() => Probe.Check(
                    new[]
                    {
                        new Annotated(null, new Pair<string, string?>("a", null), new Optional<string>(null), new() { null, new Pair<string?, int>(null, 1) }, (null, null)),
                        new Annotated(new Pair<string?, double?>("m", 1.5), new Pair<string, string?>("b", "c"), new Optional<string>("w"), new(), ("n", new byte[] { 1 })),
                    },
                    a => $"{a.Maybe} {a.Half} {a.Wrapped} [{string.Join(",", a.Items)}] {a.Tuple.Name}/{(a.Tuple.Bytes is null ? "null" : string.Join("+", a.Tuple.Bytes))}");
            }
            """
        },
        {
            "keyword members",
            """
            [Alimentar.StreamingDataset] public partial record Keywords(long @class, string @event, int @int, bool @return);
            public static class Run
            {
                public static string Go() => Probe.Check(new[] { new Keywords(1, "e", 2, true) });
                public static long First(Alimentar.Batch<Keywords> b) => b.@class[0];
            }
            """
        },
        {
            "private and protected nested row types",
            """
            public partial class Outer
            {
                [Alimentar.StreamingDataset] private partial record Hidden(int A, string B);
                [Alimentar.StreamingDataset] protected partial record Guarded(long C);
                public static string Go() => Probe.Check(new[] { new Hidden(1, "x") }) + Probe.Check(new[] { new Guarded(7) });
            }
            public static class Run { public static string Go() => Outer.Go(); }
            """
        },
        {
            "a streaming record deriving from another, with an overridden member",
            """
            [Alimentar.StreamingDataset] public partial record Animal(int Legs);
            [Alimentar.StreamingDataset] public partial record Dog(int Legs, string Name) : Animal(Legs);
            [Alimentar.StreamingDataset] public partial record Shape { public virtual int Sides { get; init; } }
            [Alimentar.StreamingDataset] public partial record Square : Shape { public override int Sides { get; init; } = 4; public double Side { get; init; } }
            public static class Run
            {
                public static string Go() => Probe.Check(new[] { new Dog(4, "Rex") }) + Probe.Check(new[] { new Square { Side = 2.5 } }) + Probe.Check(new[] { new Animal(2) });
            }
            """
        },
        {
            "required members set by a constructor without SetsRequiredMembers",
            """
            [Alimentar.StreamingDataset] public partial record Order
            {
                public Order(int id) { Id = id; }
                public required int Id { get; init; }
                public required string Customer { get; init; }
            }
            public static class Run { public static string Go() => Probe.Check(new[] { new Order(1) { Id = 1, Customer = "c" } }); }
            """
        },
        {
            "enums written by name: Flags combinations and undefined values",
            """
            [System.Flags] public enum Permissions { None = 0, Read = 1, Write = 2, Execute = 4 }
            public enum Plain { A, B }
            [Alimentar.StreamingDataset] public partial record Grant(
                [property: Alimentar.ParquetEnumAsString] Permissions Allowed,
                [property: Alimentar.ParquetEnumAsString] Plain Kind,
                [property: Alimentar.ParquetEnumAsString] Permissions? Maybe);
            public static class Run
            {
                public static string Go() => Probe.Check(new[]
                {
                    new Grant(Permissions.Read | Permissions.Write, (Plain)7, null),
                    new Grant((Permissions)64, Plain.B, Permissions.Execute | Permissions.Read),
                    new Grant(Permissions.None, Plain.A, (Permissions)96),
                });
            }
            """
        },
        {
            "a nested type and a top-level type whose names run together alike",
            """
            public partial class Outer { [Alimentar.StreamingDataset] public partial record Trip(int A); }
            [Alimentar.StreamingDataset] public partial record OuterTrip(int A);
            public static class Run
            {
                public static string Go() => Probe.Check(new[] { new Outer.Trip(1) }) + Probe.Check(new[] { new OuterTrip(2) });
                public static int Use(Alimentar.Batch<Outer.Trip> a, Alimentar.Batch<OuterTrip> b) => a.A[0] + b.A[0];
            }
            """
        },
        {
            "column names with braces, quotes, backslashes and line breaks",
            """
            [Alimentar.StreamingDataset] public partial record Odd(
                [property: Alimentar.ParquetColumn("a{b\"c\\d}")] int X,
                [property: Alimentar.ParquetColumn("line\nbreak")] int Y,
                [property: Alimentar.ParquetColumn("{0}")] [property: Alimentar.ParquetEnumAsString] Plain Z);
            public enum Plain { A, B }
            public static class Run { public static string Go() => Probe.Check(new[] { new Odd(1, 2, Plain.B) }); }
            """
        },
        {
            "maps keyed by strings, at any depth, which with annotations off say nothing about null",
            """
            using System.Collections.Generic;
            using System.Linq;
            [Alimentar.StreamingDataset] public partial record Tagged(
                long Id, Dictionary<string, string> Tags, IReadOnlyDictionary<string, int[]> Spans,
                Dictionary<int, SortedDictionary<string, string>> Nested, List<Dictionary<string, List<string>>> Lists);
            public static class Run
            {
                public static string Go() => Probe.Check(
                    new[]
                    {
                        new Tagged(
                            1, new Dictionary<string, string> { ["a"] = "x", ["b"] = "y" }, new Dictionary<string, int[]> { ["s"] = new[] { 1, 2 } },
                            new Dictionary<int, SortedDictionary<string, string>> { [1] = new SortedDictionary<string, string> { ["k"] = "v" } },
                            new List<Dictionary<string, List<string>>> { new Dictionary<string, List<string>> { ["l"] = new List<string> { "p", "q" } } }),
                        new Tagged(
                            2, new Dictionary<string, string>(), new Dictionary<string, int[]> { ["t"] = new int[0], ["u"] = new[] { 3 } },
                            new Dictionary<int, SortedDictionary<string, string>>(), new List<Dictionary<string, List<string>>>()),
                    },
                    t => t.Id + ": " + Show(t.Tags, v => v) + " | " + Show(t.Spans, v => string.Join("/", v))
                        + " | " + string.Join(",", t.Nested.Select(n => n.Key + ":" + Show(n.Value, v => v)))
                        + " | " + string.Join(",", t.Lists.Select(m => Show(m, v => string.Join("/", v)))));

                private static string Show<TValue>(IEnumerable<KeyValuePair<string, TValue>> map, System.Func<TValue, string> value) =>
                    string.Join(",", map.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => p.Key + "=" + value(p.Value)));
            }
            """
        },
        {
            "row types named like the namespaces and types the generated code names, and members named like them",
            """
            namespace Shadow
            {
                [global::Alimentar.StreamingDataset] public partial record System(long Id, string Name);
                [global::Alimentar.StreamingDataset] public partial record Alimentar(long Id, double? Value);
                [global::Alimentar.StreamingDataset] public partial record Batch(long Id, string Tokens);
                [global::Alimentar.StreamingDataset] public partial record StreamingDataset(long Id);
                [global::Alimentar.StreamingDataset] public partial record Members(long System, int Alimentar, string Global, double Math, long Span, int Linq);
            }

            public static class Run
            {
                public static string Go() =>
                    Probe.Check(new[] { new Shadow.System(1, "a") })
                    + Probe.Check(new[] { new Shadow.Alimentar(2, null), new Shadow.Alimentar(3, 0.5) })
                    + Probe.Check(new[] { new Shadow.Batch(4, "t") })
                    + Probe.Check(new[] { new Shadow.StreamingDataset(5) })
                    + Probe.Check(new[] { new Shadow.Members(6, 7, "g", 8.5, 9, 10) });
            }
            """
        },
        {
            "positional members marked [property: ParquetIgnore], with and without a default, and parameters left to their defaults",
            """
            [Alimentar.StreamingDataset] public partial record Cached(long Id, [property: Alimentar.ParquetIgnore] string Cache, double Value);
            [Alimentar.StreamingDataset] public partial record Defaulted(long Id, [property: Alimentar.ParquetIgnore] string Cache = "kept", int @class = 2);
            [Alimentar.StreamingDataset] public partial class Counted
            {
                public Counted(long id, int retries = 3) { Id = id; Retries = retries; }
                public long Id { get; }
                [Alimentar.ParquetIgnore] public int Retries { get; }
            }
            public static class Run
            {
                public static string Go() =>
                    Probe.Check(new[] { new Cached(1, default!, 2.5), new Cached(2, default!, -1) })
                    + Probe.Check(new[] { new Defaulted(3), new Defaulted(4, "kept", 5) })
                    + Probe.Check(new[] { new Counted(6), new Counted(7) }, c => c.Id + "/" + c.Retries);
            }
            """
        },
        {
            "members whose names differ only in case, and a row's own private setters",
            """
            [Alimentar.StreamingDataset] public partial record CaseClash(long Id, long ID, string id);
            [Alimentar.StreamingDataset] public partial class OwnPrivateSetter
            {
                public long Id { get; private set; }
                public static OwnPrivateSetter Of(long id) => new OwnPrivateSetter { Id = id };
            }
            public static class Run
            {
                public static string Go() =>
                    Probe.Check(new[] { new CaseClash(1, 2, "three"), new CaseClash(4, 5, "six") })
                    + Probe.Check(new[] { OwnPrivateSetter.Of(7), OwnPrivateSetter.Of(8) }, r => r.Id.ToString());
            }
            """
        },
        {
            "required members marked [ParquetIgnore], in a row and in a record it holds, and a member named Batch",
            """
            public class Tag { public required string Name { get; init; } [Alimentar.ParquetIgnore] public required int Cached { get; init; } }
            [Alimentar.StreamingDataset] public partial class Tagged
            {
                public long Id { get; set; }
                [Alimentar.ParquetIgnore] public required string Note { get; init; }
                public Tag Tag { get; set; } = new Tag { Name = "", Cached = 0 };
            }
            [Alimentar.StreamingDataset] public partial record Batched(long Id, int Batch);
            public static class Run
            {
                public static string Go() =>
                    // Ignored members read back as their defaults, so rows holding those compare equal.
                    Probe.Check(new[] { new Tagged { Id = 1, Note = null!, Tag = new Tag { Name = "a", Cached = 0 } } }, t => t.Id + "/" + (t.Note ?? "null") + "/" + t.Tag.Name + "/" + t.Tag.Cached)
                    + Probe.Check(new[] { new Batched(2, 3) })
                    + Use(default!);
                private static string Use(Alimentar.Batch<Batched> batch) => batch is null ? "ok" : batch.BatchColumn.Length.ToString();
            }
            """
        },
        {
            "immutable arrays of strings and bytes inside lists, nullable or not",
            """
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.Linq;
            [Alimentar.StreamingDataset] public partial record Nested(
                long Id, ImmutableArray<ImmutableArray<byte[]>> Blobs, List<ImmutableArray<string>> Words, List<ImmutableArray<string>?> Maybe);
            public static class Run
            {
                public static string Go() => Probe.Check(
                    new[]
                    {
                        new Nested(1, ImmutableArray.Create(ImmutableArray.Create<byte[]>(new byte[] { 1, 2 })), new List<ImmutableArray<string>> { ImmutableArray.Create("a", "b") }, new List<ImmutableArray<string>?> { null, ImmutableArray.Create("c") }),
                        new Nested(2, ImmutableArray<ImmutableArray<byte[]>>.Empty, new List<ImmutableArray<string>>(), new List<ImmutableArray<string>?>()),
                    },
                    n => n.Id + ": " + string.Join(";", n.Blobs.Select(b => string.Join(",", b.Select(x => string.Join(".", x)))))
                        + " | " + string.Join(";", n.Words.Select(w => string.Join(",", w)))
                        + " | " + string.Join(";", n.Maybe.Select(m => m is { } w ? string.Join(",", w) : "null")));
            }
            """
        },
        {
            "read-only, immutable and nullable collections of strings inside lists",
            """
            #nullable enable
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.Collections.ObjectModel;
            using System.Linq;
            [Alimentar.StreamingDataset] public partial record Wrapped(
                long Id, List<ReadOnlyCollection<string>> Read, List<IReadOnlyList<string>?> Maybe, List<ImmutableList<string>> Immutable, List<SortedSet<string>?> Sorted);
            public static class Run
            {
                public static string Go() => Probe.Check(
                    new[]
                    {
                        new Wrapped(
                            1, new List<ReadOnlyCollection<string>> { new ReadOnlyCollection<string>(new[] { "a", "b" }) },
                            new List<IReadOnlyList<string>?> { null, new[] { "c" } }, new List<ImmutableList<string>> { ImmutableList.Create("d") },
                            new List<SortedSet<string>?> { new SortedSet<string>(new[] { "f", "e" }, System.StringComparer.Ordinal), null }),
                    },
                    w => w.Id + ": " + string.Join(";", w.Read.Select(r => string.Join(",", r))) + " | " + string.Join(";", w.Maybe.Select(m => m is null ? "null" : string.Join(",", m)))
                        + " | " + string.Join(";", w.Immutable.Select(i => string.Join(",", i))) + " | " + string.Join(";", w.Sorted.Select(x => x is null ? "null" : string.Join(",", x))));
            }
            """
        },
        {
            "char members",
            """
            [Alimentar.StreamingDataset] public partial record Letters(char Letter, char? Maybe, int N);
            public static class Run { public static string Go() => Probe.Check(new[] { new Letters('a', null, 1), new Letters('é', 'z', 2), new Letters('"', '\\', 3) }); }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiles_without_warnings_and_round_trips_with_nullable_on(string description, string source) =>
        CompileAndRun(description, source, NullableContextOptions.Enable);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiles_without_warnings_and_round_trips_with_nullable_off(string description, string source) =>
        CompileAndRun(description, source, NullableContextOptions.Disable);

    private static void CompileAndRun(string description, string source, NullableContextOptions nullable)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Legal" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, parse), CSharpSyntaxTree.ParseText(RoundTrip, parse)],
            [.. Net100.References.All,
             MetadataReference.CreateFromFile(typeof(StreamingDatasetAttribute).Assembly.Location),
             MetadataReference.CreateFromFile(typeof(Batch<>).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));
        GeneratorHarness.CreateDriver(options: parse).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, $"{description}:\n{string.Join("\n", problems.Select(p => p.ToString()))}");

        using var image = new MemoryStream();
        Assert.True(output.Emit(image).Success);
        Assembly assembly = Assembly.Load(image.ToArray());
        string result = (string)assembly.GetType("Run")!.GetMethod("Go")!.Invoke(null, null)!;
        Assert.Equal(string.Concat(Enumerable.Repeat("ok", result.Length / 2)), result);
        Assert.DoesNotContain("read back", result, StringComparison.Ordinal);
    }
}
