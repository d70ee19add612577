using System.Text.Json.Nodes;

namespace Alimentar.IntegrationTests;

/// <summary>
/// A shallow clone: a Delta table whose log names its source table's files, and their deletion vectors (<c>p</c>), by
/// absolute URI. Followed where the clone's own storage reaches them (<c>file:</c> URIs from a folder or a local store),
/// refused by name elsewhere. The clone here is made from Databricks's <c>table-with-dv-small</c>, whose delete left a
/// vector over its one file.
/// </summary>
public sealed class DeltaShallowCloneTests : IDisposable
{
    private readonly TempDirectory _scratch = new();

    public DeltaShallowCloneTests()
    {
        // A source folder whose name must be escaped in a URI.
        string source = Path.Combine(_scratch.Path, "source table");
        Directory.CreateDirectory(source);
        Source = DeltaTables.CopyOf("table-with-dv-small", source);
        Clone = Path.Combine(_scratch.Path, "clone");
    }

    private string Source { get; }

    private string Clone { get; }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void A_clone_reads_its_source_s_files_and_vectors_by_file_URI_from_a_folder_and_a_local_store()
    {
        WriteClone(path => new Uri(path).AbsoluteUri);
        List<DeltaValue> expected = ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromDirectory(Source));
        Assert.Equal(8, expected.Count);

        Assert.Equal(expected, ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromDirectory(Clone)));
        Assert.Equal(expected, ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromStore(new LocalObjectStore(_scratch.Path), "clone/")));
        Assert.Equal(expected, ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromDeltaTable(Clone, 0)));
    }

    [Fact]
    public void A_clone_whose_files_its_storage_cannot_reach_is_refused_naming_the_file()
    {
        WriteClone(path => "s3a://elsewhere/source/" + Path.GetFileName(path));

        string fromFolder = Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromDirectory(Clone))).Message;
        Assert.Contains("s3a://elsewhere/source/", fromFolder, StringComparison.Ordinal);
        Assert.Contains("cannot reach", fromFolder, StringComparison.Ordinal);

        // A local store holds only what lies under its root.
        string fromStore = Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromStore(new LocalObjectStore(Clone), ""))).Message;
        Assert.Contains("does not hold", fromStore, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_path_that_climbs_out_of_the_table_is_still_refused()
    {
        WriteClone(path => "../source%20table/table-with-dv-small/" + Path.GetFileName(path));

        Assert.Contains("neither below the table's root nor a URI", Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromDirectory(Clone))).Message, StringComparison.Ordinal);
    }

    /// <summary>The clone's log: the source's protocol and metadata, and its current file with its vector, both named by <paramref name="uriOf"/>.</summary>
    private void WriteClone(Func<string, string> uriOf)
    {
        string log = Path.Combine(Source, "_delta_log");
        JsonNode[] created = [.. File.ReadAllLines(Path.Combine(log, $"{0:D20}.json")).Select(line => JsonNode.Parse(line)!).Where(a => a["protocol"] is not null || a["metaData"] is not null)];
        JsonNode add = File.ReadAllLines(Path.Combine(log, $"{1:D20}.json")).Select(line => JsonNode.Parse(line)!).Single(a => a["add"] is not null);
        add["add"]!["path"] = uriOf(Directory.GetFiles(Source, "*.parquet").Single());
        JsonNode vector = add["add"]!["deletionVector"]!;
        vector["storageType"] = "p";
        vector["pathOrInlineDv"] = uriOf(Directory.GetFiles(Source, "deletion_vector_*.bin").Single());

        Directory.CreateDirectory(Path.Combine(Clone, "_delta_log"));
        File.WriteAllLines(Path.Combine(Clone, "_delta_log", $"{0:D20}.json"), [.. created.Select(a => a.ToJsonString()), add.ToJsonString()]);
    }
}
