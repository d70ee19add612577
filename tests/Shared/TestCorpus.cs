using System.Reflection;

namespace Alimentar.Testing;

/// <summary>
/// Apache's parquet-testing corpus as copied into this repository (<c>tests/data/parquet-testing</c>).
/// The folder is baked into each test assembly at build time, so no test looks outside the repository.
/// </summary>
internal static class TestCorpus
{
    /// <summary>The corpus root: it holds <c>data/</c> and <c>bad_data/</c>.</summary>
    public static string Root { get; } = typeof(TestCorpus).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ParquetTestingDirectory").Value!;

    /// <summary>
    /// Files from writers Alimentar shares no code with (arrow-rs, hyparquet-writer, parquetjs), each family beside the
    /// rows its generator wrote as JSON lines (<c>tests/data/other-writers</c>, see its README).
    /// </summary>
    public static string OtherWritersDirectory => Path.Combine(Path.GetDirectoryName(Root)!, "other-writers");

    /// <summary>The <c>data/</c> folder of valid files.</summary>
    public static string DataDirectory => Path.Combine(Root, "data");

    /// <summary>A file of <c>data/</c> by name (or a path below it).</summary>
    public static string File(string name)
    {
        string path = Path.Combine(DataDirectory, name);
        return System.IO.File.Exists(path)
            ? path
            : throw new FileNotFoundException($"parquet-testing file '{name}' is not in {DataDirectory}.", path);
    }
}
