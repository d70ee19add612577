using Alimentar.Storage;

namespace Alimentar.IntegrationTests;

/// <summary>
/// A dataset's files as Spark, Hive and Arrow find them: a directory or prefix holds its rows in every file but those
/// in paths with a part starting with '_' or '.' (a failed job's _temporary attempts, notebook checkpoints, hidden files).
/// </summary>
public sealed class DatasetDiscoveryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public DatasetDiscoveryTests()
    {
        Write("part-00000.parquet", 0);
        Write("year=2024/part-00001.parquet", 10);
        Write("_temporary/0/_temporary/attempt_0/part-00002.parquet", 100);
        Write(".ipynb_checkpoints/part-00000-checkpoint.parquet", 200);
        Write(".part-00003.parquet", 300);
        Write("_metadata.parquet", 400);
        File.WriteAllBytes(Path.Combine(_directory.Path, "_SUCCESS"), []);
    }

    public void Dispose() => _directory.Dispose();

    private void Write(string relativePath, int firstId)
    {
        string path = Path.Combine(_directory.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ParquetDatasetWriter<Measurement>.WriteFileAsync(path, Enumerable.Range(firstId, 10).Select(i => new Measurement(i, "s", i))).GetAwaiter().GetResult();
    }

    [Fact]
    public void A_directory_reads_every_file_but_those_under_underscore_and_dot_paths()
    {
        List<Measurement> rows = ParquetFiles.ReadAll(ParquetSource<Measurement>.FromDirectory(_directory.Path));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), rows.Select(r => r.Id));
    }

    [Fact]
    public void A_prefix_of_an_object_store_leaves_out_the_same_keys()
    {
        var store = new LocalObjectStore(Path.GetDirectoryName(_directory.Path)!);
        string prefix = Path.GetFileName(_directory.Path) + "/";

        List<Measurement> rows = ParquetFiles.ReadAll(ParquetSource<Measurement>.FromStore(store, prefix));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), rows.Select(r => r.Id));
    }

    [Fact]
    public void A_directory_whose_files_are_all_hidden_says_so()
    {
        SourceUnavailableException error = Assert.Throws<SourceUnavailableException>(
            () => ParquetSource<Measurement>.FromDirectory(Path.Combine(_directory.Path, "_temporary")));

        Assert.Contains("all lie in paths starting with '_' or '.'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("part-0.parquet", false)]
    [InlineData("year=2024/month=__HIVE_DEFAULT_PARTITION__/part-0.parquet", false)]
    [InlineData("_temporary/0/part-0.parquet", true)]
    [InlineData("sub/.hidden.parquet", true)]
    [InlineData(@"sub\_staging\part-0.parquet", true)]
    public void A_path_is_hidden_when_a_part_below_the_root_starts_with_underscore_or_dot(string relativePath, bool hidden)
    {
        Assert.Equal(hidden, DatasetPaths.IsHidden(relativePath));
    }

    [Theory]
    [InlineData("data/trips/_tmp/a.parquet", "data/trips/", "_tmp/a.parquet")]
    [InlineData("data/trips_old/a.parquet", "data/trips", "trips_old/a.parquet")]
    [InlineData("a.parquet", "", "a.parquet")]
    public void A_key_is_judged_below_the_folder_its_prefix_names(string key, string prefix, string below)
    {
        Assert.Equal(below, DatasetPaths.BelowPrefix(key, prefix));
    }
}
