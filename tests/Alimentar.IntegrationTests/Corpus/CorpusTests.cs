using Xunit.Abstractions;

namespace Alimentar.IntegrationTests;

/// <summary>Every file of Apache's parquet-testing corpus either decodes or fails with a clear, typed error.</summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> CorpusFiles()
    {
        string data = Path.GetDirectoryName(ParquetFiles.Corpus("alltypes_plain.parquet"))!;
        string badData = Path.Combine(Path.GetDirectoryName(data)!, "bad_data");
        var files = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(badData, "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(TestCorpus.OtherWritersDirectory, "*", SearchOption.AllDirectories))
            .Where(f => f.Contains(".parquet", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(Path.GetDirectoryName(data)!, file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Every_corpus_file_decodes_or_fails_with_an_alimentar_exception_naming_it(string relativePath)
    {
        string data = Path.GetDirectoryName(ParquetFiles.Corpus("alltypes_plain.parquet"))!;
        string path = Path.Combine(Path.GetDirectoryName(data)!, relativePath);

        try
        {
            ParquetScan result = await ParquetFileInfo.ScanAsync(path, headRows: 3).WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"read {result.Rows} rows of {result.Columns.Count} columns");
        }
        catch (AlimentarException error)
        {
            output.WriteLine($"{error.GetType().Name}: {error.Message}");
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_list_whose_first_slot_continues_a_list_none_started_is_refused_naming_the_column()
    {
        string data = Path.GetDirectoryName(ParquetFiles.Corpus("alltypes_plain.parquet"))!;
        string path = Path.Combine(Path.GetDirectoryName(data)!, "bad_data", "ARROW-GH-45185.parquet");

        AlimentarException error = await Assert.ThrowsAnyAsync<AlimentarException>(() => ParquetFileInfo.ScanAsync(path, headRows: 3));

        Assert.Contains("column 'x/list/element'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a list that continues before any list started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dictionary_encoded_file_decodes_to_the_values_it_holds()
    {
        ParquetScan result = await ParquetFileInfo.ScanAsync(ParquetFiles.Corpus("alltypes_dictionary.parquet"), headRows: 2);

        Assert.Equal(2, result.Rows);
        Assert.Equal("id", result.Columns[0]);
        Assert.Equal([0, 1], result.Head.Select(r => r[0]));
    }
}
