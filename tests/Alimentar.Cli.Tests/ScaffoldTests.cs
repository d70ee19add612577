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
    public async Task A_list_of_lists_is_scaffolded_as_nested_arrays_bound_by_the_outer_list_s_name()
    {
        string path = Corpus.File("nested_lists.snappy.parquet");
        await using ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None);

        string source = RowTypeScaffolder.Scaffold(parquet.Schema, "Lists", null, "nested_lists.snappy.parquet");

        Assert.Contains("string?[]?[]?[]? A", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_get_a_column_attribute_only_where_the_default_binding_would_miss()
    {
        string path = Corpus.File("nulls.snappy.parquet");
        await using ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None);

        string source = RowTypeScaffolder.Scaffold(parquet.Schema, "Nulls", null, "nulls.snappy.parquet");

        Assert.Contains("[property: ParquetColumn(\"b_struct.b_c_int\")] int? BStructBCInt", source, StringComparison.Ordinal);
        Assert.DoesNotContain("namespace", source, StringComparison.Ordinal);
    }

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
