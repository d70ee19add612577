namespace Alimentar.IntegrationTests;

public sealed class BadInputTests
{
    [Fact]
    public void A_missing_file_is_refused_at_construction_naming_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "alimentar-no-such-file.parquet");

        SourceUnavailableException error = Assert.Throws<SourceUnavailableException>(() => new ParquetSource<Measurement>(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void A_directory_is_refused_at_construction_naming_the_path()
    {
        string path = Path.GetTempPath();

        SourceUnavailableException error = Assert.Throws<SourceUnavailableException>(() => new ParquetSource<Measurement>(path));

        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_a_corrupt_file_error_at_first_read()
    {
        using var file = new TempFile();
        File.WriteAllBytes(file.Path, []);

        CorruptParquetFileException error = Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<Measurement>(file.Path)));

        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_parquet_is_a_corrupt_file_error_at_first_read()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "id,sensor\n1,north\n2,south\n");

        CorruptParquetFileException error = Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<Measurement>(file.Path)));

        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
    }
}
