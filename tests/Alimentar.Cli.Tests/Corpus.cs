namespace Alimentar.Cli.Tests;

internal static class Corpus
{
    public static string File(string name)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "parquet-testing", "data", name);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"parquet-testing file '{name}' not found above {AppContext.BaseDirectory}");
    }
}
