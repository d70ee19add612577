namespace Alimentar.IntegrationTests;

/// <summary>The Delta tables other writers made (<c>tests/data/delta</c>, see its README), and copies of them to damage.</summary>
internal static class DeltaTables
{
    public static string Root { get; } = Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "delta");

    /// <summary>The table <paramref name="name"/>, copied whole into <paramref name="folder"/>; returns the copy's root.</summary>
    public static string CopyOf(string name, string folder)
    {
        string source = Path.Combine(Root, name);
        string target = Path.Combine(folder, name);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }
}
