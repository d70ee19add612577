namespace Alimentar.IntegrationTests;

internal static class ParquetFiles
{
    /// <summary>Apache's parquet-testing corpus, shipped beside the repository.</summary>
    public static string Corpus(string name)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "parquet-testing", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            candidate = Path.Combine(dir.FullName, "..", "shared", "parquet-testing", "data", name);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new FileNotFoundException($"parquet-testing file '{name}' not found above {AppContext.BaseDirectory}");
    }

    public static List<T> ReadAll<T>(IBatchSource<T> source)
        where T : IStreamingRow<T>
    {
        using var streaming = new StreamingDataset<T>(source, bufferSize: 4);
        return streaming.Rows().ToList();
    }
}

/// <summary>A temporary file deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension = ".parquet") =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"alimentar-{Guid.NewGuid():N}{extension}");

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
