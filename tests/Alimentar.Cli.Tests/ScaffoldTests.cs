using System.Reflection;

namespace Alimentar.Cli.Tests;

/// <summary>Scaffolded records compile with the generator and stream the very files they were scaffolded from.</summary>
public sealed class ScaffoldTests
{
    [Theory]
    [InlineData("alltypes_plain.parquet")] // Impala: every column OPTIONAL, INT96 timestamps, unannotated strings
    [InlineData("alltypes_tiny_pages.parquet")] // parquet-mr: INT(8) and INT(16) annotations, tiny pages
    [InlineData("delta_encoding_optional_column.parquet")] // parquet-mr: delta encodings, snake_case names
    [InlineData("list_columns.parquet")] // parquet-cpp: lists with null elements
    [InlineData("nulls.snappy.parquet")] // a leaf inside a struct, bound by its path
    [InlineData("data_index_bloom_encoding_with_length.parquet")] // parquet-rs: a column named "String"
    [InlineData("binary_truncated_min_max.parquet")] // parquet-rs: REQUIRED strings and binary
    [InlineData("sort_columns.parquet")] // Arrow C++ 16: two row groups
    [InlineData("byte_array_decimal.parquet")] // HVR: decimals stored as byte arrays
    [InlineData("concatenated_gzip_members.parquet")] // unsigned 64-bit integers
    [InlineData("nested_lists.snappy.parquet")] // parquet-mr: strings three lists deep
    [InlineData("old_list_structure.parquet")] // legacy two-level lists of lists
    [InlineData("nullable.impala.parquet")] // Impala: a struct, maps, lists of structs, nulls at every level
    [InlineData("nonnullable.impala.parquet")] // Impala: the same shapes, REQUIRED
    [InlineData("nested_maps.snappy.parquet")] // parquet-mr: a map of maps beside plain columns
    public async Task A_scaffolded_record_streams_its_file(string file)
    {
        string path = Corpus.File(file);
        long expectedRows;
        string source;
        await using (ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None))
        {
            expectedRows = parquet.Metadata.RowCount;
            source = RowTypeScaffolder.Scaffold(parquet.Schema, "Row", "Scaffolded", file);
        }

        Assembly assembly = GeneratedAssembly.Compile(source, Probe);
        var count = (Func<string, long>)assembly.GetType("Scaffolded.Probe")!.GetMethod("Count")!.CreateDelegate(typeof(Func<string, long>));

        Assert.Equal(expectedRows, count(path));
    }

    [Fact]
    public async Task Maps_lists_of_maps_and_structs_of_nested_lists_and_maps_scaffold_as_types_at_every_depth()
    {
        string source = await ScaffoldAsync("nullable.impala.parquet", "Impala");

        Assert.Contains("System.Collections.Generic.Dictionary<string, int?>? IntMap", source, StringComparison.Ordinal);
        Assert.Contains("int?[]?[]? IntArrayArray", source, StringComparison.Ordinal);
        Assert.Contains("System.Collections.Generic.Dictionary<string, int?>?[]? IntMapArray", source, StringComparison.Ordinal);
        Assert.Contains("NestedStructRecord? NestedStruct", source, StringComparison.Ordinal);
        Assert.Contains("DItemItem?[]?[]? D", source, StringComparison.Ordinal);
        Assert.Contains("System.Collections.Generic.Dictionary<string, GValue?>? G", source, StringComparison.Ordinal);
        Assert.DoesNotContain("is left out", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task REQUIRED_lists_at_every_depth_scaffold_as_arrays_that_cannot_be_null()
    {
        string source = await ScaffoldAsync("nonnullable.impala.parquet", "Impala");

        Assert.Contains("    int[] IntArray,", source, StringComparison.Ordinal);
        Assert.Contains("    int[][] IntArrayArray,", source, StringComparison.Ordinal);
        Assert.Contains("    System.Collections.Generic.Dictionary<string, int>[] IntMapArray,", source, StringComparison.Ordinal);
        Assert.Contains("    DItemItem[][] D);", source, StringComparison.Ordinal);
        Assert.Contains("    double[] I);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("?", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_map_of_maps_is_scaffolded_as_a_dictionary_of_dictionaries()
    {
        string source = await ScaffoldAsync("nested_maps.snappy.parquet", "Maps");

        Assert.Contains("System.Collections.Generic.Dictionary<string, System.Collections.Generic.Dictionary<int, bool>?>? A", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_of_lists_is_scaffolded_as_nested_arrays_bound_by_the_outer_list_s_name()
    {
        string source = await ScaffoldAsync("nested_lists.snappy.parquet", "Lists");

        Assert.Contains("string?[]?[]?[]? A", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_struct_is_scaffolded_as_a_record_whose_fields_bind_by_their_names()
    {
        string source = await ScaffoldAsync("nulls.snappy.parquet", "Nulls");

        Assert.Contains("BStructRecord? BStruct", source, StringComparison.Ordinal);
        Assert.Contains("public sealed record BStructRecord(\n    int? BCInt);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("namespace", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_in_partition_directories_is_scaffolded_with_their_keys_and_streams()
    {
        string root = Directory.CreateTempSubdirectory("alimentar-scaffold-").FullName;
        try
        {
            string path = Path.Combine(root, "event_date=2024-03-01", "region=eu%20west", "id=7", "part-0.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(Corpus.File("alltypes_plain.parquet"), path);
            string source;
            await using (ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None))
            {
                source = RowTypeScaffolder.Scaffold(parquet.Schema, "Row", "Scaffolded", path);
            }

            Assert.Contains("    DateOnly EventDate", source, StringComparison.Ordinal);
            Assert.Contains("    string Region", source, StringComparison.Ordinal);
            Assert.DoesNotContain("int Id,\n    // From", source, StringComparison.Ordinal); // the file's own id column wins
            Assembly assembly = GeneratedAssembly.Compile(source, Probe);
            var count = (Func<string, long>)assembly.GetType("Scaffolded.Probe")!.GetMethod("Count")!.CreateDelegate(typeof(Func<string, long>));
            Assert.Equal(8, count(path));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The record scaffolded for a corpus file, in no namespace.</summary>
    private static async Task<string> ScaffoldAsync(string file, string typeName)
    {
        await using ParquetFile parquet = await ParquetFile.OpenAsync(Corpus.File(file), CancellationToken.None);
        return RowTypeScaffolder.Scaffold(parquet.Schema, typeName, null, file);
    }

    [Fact]
    public async Task Variants_at_every_depth_scaffold_as_ParquetVariant_and_stream_their_values()
    {
        // Spark's table of variants alone, in lists, structs and maps (tests/data/delta, from delta-rs's test data).
        string table = Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "delta", "spark-shredded-variant-preview-delta");
        string path = Directory.GetFiles(table, "*.parquet").Order(StringComparer.Ordinal).First();
        string source;
        await using (ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None))
        {
            source = RowTypeScaffolder.Scaffold(parquet.Schema, "Row", "Scaffolded", Path.GetFileName(path));
        }

        Assert.Contains("ParquetVariant? V,", source, StringComparison.Ordinal);
        Assert.Contains("ParquetVariant?[]? ArrayOfVariants", source, StringComparison.Ordinal);
        Assert.Contains("System.Collections.Generic.Dictionary<string, ParquetVariant?>? MapOfVariants", source, StringComparison.Ordinal);
        Assert.Contains("public sealed record StructOfArrayOfVariantsRecord(\n    ParquetVariant?[]? V);", source, StringComparison.Ordinal);
        Assembly assembly = GeneratedAssembly.Compile(source, VariantProbe);
        var describe = (Func<string, string[]>)assembly.GetType("Scaffolded.Probe")!.GetMethod("Describe")!.CreateDelegate(typeof(Func<string, string[]>));

        string[] rows = describe(path);

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Matches("""^(\d+)\|\{"key":\1\}\|\[\{"key":\1\},null,\{"key":\1\},null,\{"key":\1\}\]\|\{"key":\1\}$""", row));
    }

    private const string VariantProbe = """
        namespace Scaffolded;

        public static class Probe
        {
            public static string[] Describe(string path)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path), bufferSize: 4);
                return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), r =>
                    r.Id + "|" + r.V?.ToJson() + "|[" + string.Join(",", System.Linq.Enumerable.Select(r.ArrayOfVariants!, v => v?.ToJson() ?? "null")) + "]|" + r.StructOfVariants!.V?.ToJson()));
            }
        }
        """;

    private const string Probe = """
        namespace Scaffolded;

        public static class Probe
        {
            public static long Count(string path)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path), bufferSize: 4);
                return System.Linq.Enumerable.LongCount(streaming.Rows());
            }
        }
        """;
}
