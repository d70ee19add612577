using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alimentar.Parquet.Format;
using Alimentar.Testing;
using Xunit.Abstractions;

namespace Alimentar.Cli.Tests;

/// <summary>
/// Every corpus file is scaffolded into a row type, compiled with the generator (all in one compilation) and read
/// typed; each row's members equal DuckDB's reading of the same row at every depth: records, lists, maps and values.
/// </summary>
public sealed class ScaffoldedCorpusTests(ITestOutputHelper output)
{
    private const int Rows = 2_000;

    private static readonly Lazy<(Assembly Assembly, Dictionary<string, string> Namespaces)> Compiled = new(Compile);

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (string file in Scaffolds().Keys)
        {
            files.Add(file);
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_scaffolded_row_type_reads_every_value_as_DuckDB_does(string relativePath)
    {
        string path = Path.Combine(TestCorpus.DataDirectory, relativePath);
        Func<string, int, IList> read = ProbeOf(relativePath);

        IList typed;
        try
        {
            typed = read(path, Rows);
        }
        catch (ValueOutOfRangeException error) when (error.Message.Contains("DateTime holds years 1 to 9999; declare the member", StringComparison.Ordinal)
            || error.Message.Contains("decimal holds 28 to 29 significant digits; declare the member string", StringComparison.Ordinal))
        {
            // A timestamp past year 9999 fits no DateTime, nor a 38-digit decimal a decimal, which the scaffold proposes
            // from the schema alone; the untyped scan shows it as text, and the message names the member type that reads it.
            output.WriteLine($"a value the proposed member cannot hold: {error.Message}");
            return;
        }
        catch (AlimentarException error)
        {
            // A file the reader refuses as a whole is the untyped corpus tests' business; the typed read must not refuse more.
            await Assert.ThrowsAnyAsync<AlimentarException>(() => ParquetFileInfo.ScanAsync(path, headRows: Rows));
            output.WriteLine($"refused, as the untyped scan does: {error.Message}");
            return;
        }

        List<JsonElement> expected;
        try
        {
            expected = DuckJson.Rows(path, Rows);
        }
        catch (Exception error) when (error is DuckDB.NET.Data.DuckDBException or JsonException)
        {
            output.WriteLine($"DuckDB does not read it as JSON: {error.Message}");
            return;
        }

        Assert.Equal(expected.Count, typed.Count);
        expected = await WithDurationSpansAsync(path, expected);
        int compared = 0;
        for (int i = 0; i < typed.Count; i++)
        {
            string? difference = DuckJson.RowDifference(expected[i], typed[i]!, out compared);
            Assert.True(difference is null, $"row {i}: {difference}\nDuckDB: {expected[i]}");
        }

        output.WriteLine($"{typed.Count} rows, {compared} members a row compared");
    }

    /// <summary>
    /// Damaged copies of every corpus file, read typed through its scaffolded row type: each streams to its end or fails
    /// with an <see cref="AlimentarException"/> naming the file, within seconds and without allocating beyond bounds.
    /// The random shapes damage DuckDB's, Arrow C++'s and (opt-in) arrow-rs's and Polars's files; these are the other
    /// writers' (Java, Impala, Rust, JavaScript, Hive's legacy layouts, the encodings only they write).
    /// <c>ALIMENTAR_CORPUS_MUTANTS</c> sets the copies a file (eight unless set), <c>ALIMENTAR_CORPUS_MUTANTS_SEED</c>
    /// another set of them (for longer searches than CI's).
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_scaffolded_row_type_reads_damaged_pages_to_the_end_or_fails_with_an_alimentar_exception(string relativePath)
    {
        int mutants = int.TryParse(Environment.GetEnvironmentVariable("ALIMENTAR_CORPUS_MUTANTS"), out int set) ? set : 8;
        Func<string, int, IList> read = ProbeOf(relativePath);
        byte[] original = await File.ReadAllBytesAsync(Path.Combine(TestCorpus.DataDirectory, relativePath));
        string directory = Directory.CreateTempSubdirectory("alimentar-corpus-mutant-").FullName;
        string path = Path.Combine(directory, "mutant.parquet");
        int from = int.TryParse(Environment.GetEnvironmentVariable("ALIMENTAR_CORPUS_MUTANTS_SEED"), out int seed) ? seed : 0;
        var random = new Random(relativePath.Aggregate(from, (hash, c) => unchecked((hash * 31) + c)));
        var outcomes = new Dictionary<string, int>();
        try
        {
            for (int round = 0; round < mutants; round++)
            {
                await File.WriteAllBytesAsync(path, PageMutants.Mutate(original, random));
                string outcome = await MutantReads.CheckAsync(() => read(path, int.MaxValue), "mutant.parquet", original.Length, $"mutant {round} of {relativePath}");
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
    }

    /// <summary>The compiled scaffold's reader of <paramref name="relativePath"/>: a path and a row count to its first rows.</summary>
    private static Func<string, int, IList> ProbeOf(string relativePath)
    {
        (Assembly assembly, Dictionary<string, string> namespaces) = Compiled.Value;
        return (Func<string, int, IList>)assembly.GetType($"{namespaces[relativePath]}.Probe")!.GetMethod("Read")!.CreateDelegate(typeof(Func<string, int, IList>));
    }

    /// <summary>
    /// DuckDB takes no unit from the footer's stored Arrow schema, so it shows an Arrow duration as the integer stored,
    /// where the scaffold's <see cref="TimeSpan"/> reads the span: the rows with each top-level duration shown as that span.
    /// </summary>
    private static async Task<List<JsonElement>> WithDurationSpansAsync(string path, List<JsonElement> rows)
    {
        await using ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None);
        var durations = parquet.Schema.Leaves
            .Where(leaf => leaf.Path.Parts.Count == 1 && leaf.Element.LogicalType is { Kind: LogicalTypeKind.Duration })
            .ToDictionary(leaf => leaf.Name, leaf => leaf.Element.LogicalType!.Unit);
        Assert.DoesNotContain(parquet.Schema.Leaves, leaf => leaf.Path.Parts.Count > 1 && leaf.Element.LogicalType is { Kind: LogicalTypeKind.Duration });
        if (durations.Count == 0)
        {
            return rows;
        }

        return rows.Select(row =>
        {
            JsonObject shown = JsonNode.Parse(row.GetRawText())!.AsObject();
            foreach ((string name, Alimentar.Parquet.Values.TimeUnit unit) in durations)
            {
                if (shown[name] is JsonValue value && value.TryGetValue(out long count))
                {
                    long ticks = unit switch
                    {
                        Alimentar.Parquet.Values.TimeUnit.Millis => count * TimeSpan.TicksPerMillisecond,
                        Alimentar.Parquet.Values.TimeUnit.Micros => count * 10,
                        _ => (count / 100) - (count % 100 < 0 ? 1 : 0),
                    };
                    shown[name] = TimeSpan.FromTicks(ticks).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return JsonSerializer.SerializeToElement(shown);
        }).ToList();
    }

    /// <summary>Each corpus file's scaffolded row type, by path under data/; files that cannot be opened or bind no column are left out.</summary>
    private static Dictionary<string, string> Scaffolds()
    {
        var scaffolds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(TestCorpus.DataDirectory, "*.parquet", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(TestCorpus.OtherWritersDirectory, "*.parquet", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(TestCorpus.DataDirectory, path);
            ParquetFile parquet;
            try
            {
                parquet = ParquetFile.OpenAsync(path, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (AlimentarException)
            {
                // A file whose footer is refused has nothing to scaffold.
                continue;
            }

            string source = RowTypeScaffolder.Scaffold(parquet.Schema, "Row", "Scaffold", relative);
            parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (!source.Contains("record Row(\n);", StringComparison.Ordinal))
            {
                scaffolds[relative] = source;
            }
        }

        return scaffolds;
    }

    private static (Assembly, Dictionary<string, string>) Compile()
    {
        Dictionary<string, string> scaffolds = Scaffolds();
        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach ((string file, string source) in scaffolds)
        {
            string ns = $"Corpus{namespaces.Count}";
            namespaces[file] = ns;
            sources.Add(source.Replace("namespace Scaffold;", $"namespace {ns};", StringComparison.Ordinal));
            sources.Add($$"""
                namespace {{ns}};

                public static class Probe
                {
                    public static System.Collections.IList Read(string path, int take)
                    {
                        using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(512), bufferSize: 2);
                        return System.Linq.Enumerable.ToList(System.Linq.Enumerable.Take(streaming.Rows(), take));
                    }
                }
                """);
        }

        return (GeneratedAssembly.Compile([.. sources]), namespaces);
    }
}
