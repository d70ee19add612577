namespace Alimentar;

/// <summary>
/// A Delta Lake table at one version: the version and the data files its log names for it, read from one listing of
/// the log. Where <see cref="DeltaTable.LatestVersion(string)"/> and then <see cref="DeltaTable.Files(string, long?)"/>
/// list the log twice, and a commit landing between the two is read but not the version reported, a snapshot's files
/// are always its version's: what a tool shows, or a run records, is what it read.
/// </summary>
/// <example>
/// <code>
/// DeltaTableSnapshot snapshot = DeltaTable.Snapshot("lake/trips");
/// Console.WriteLine($"version {snapshot.Version}: {snapshot.Files.Count} files");
/// </code>
/// </example>
public sealed class DeltaTableSnapshot
{
    internal DeltaTableSnapshot(long version, IReadOnlyList<DeltaTableFile> files)
    {
        Version = version;
        Files = files;
    }

    /// <summary>The version, as the table's commits number them: the one asked for, or the latest when none was.</summary>
    public long Version { get; }

    /// <summary>The version's data files below the folder or prefix read, in the order typed sources read them; none for a table with no rows.</summary>
    public IReadOnlyList<DeltaTableFile> Files { get; }
}
