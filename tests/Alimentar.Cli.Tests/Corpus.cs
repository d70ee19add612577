namespace Alimentar.Cli.Tests;

internal static class Corpus
{
    public static string File(string name) => TestCorpus.File(name);
}
