using System.Reflection;

namespace Alimentar.Generators.Tests;

/// <summary>
/// Compares generated text with a committed <c>{Class}.{Method}#{HintName}.verified.cs</c> file, named as
/// Verify.SourceGenerators names it. A mismatch writes <c>.received.cs</c> beside it and fails with a diff;
/// set <c>ALIMENTAR_ACCEPT_SNAPSHOTS=1</c> to accept the received text as the new snapshot.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "ALIMENTAR_ACCEPT_SNAPSHOTS";

    private static readonly string SnapshotDirectory = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SnapshotDirectory").Value!;

    /// <summary>Where the snapshots of a test class and method live.</summary>
    public static string PathOf(string testClass, string testMethod, string hintName, string kind) =>
        Path.Combine(SnapshotDirectory, $"{testClass}.{testMethod}#{Path.GetFileNameWithoutExtension(hintName)}.{kind}.cs");

    public static void Match(string testClass, string testMethod, string hintName, string actual)
    {
        string directory = SnapshotDirectory;
        string stem = $"{testClass}.{testMethod}#{Path.GetFileNameWithoutExtension(hintName)}";
        string verified = Path.Combine(directory, stem + ".verified.cs");
        string received = Path.Combine(directory, stem + ".received.cs");
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }

        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == normalized)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, normalized);
        string reason = expected is null
            ? $"No snapshot {Path.GetFileName(verified)} exists yet."
            : $"Generated text differs from {Path.GetFileName(verified)}:\n{LineDiff.Describe(expected, normalized)}";
        Assert.Fail($"{reason}\nWrote {received}. Review it, then rename it to .verified.cs or run with {AcceptVariable}=1.");
    }
}
