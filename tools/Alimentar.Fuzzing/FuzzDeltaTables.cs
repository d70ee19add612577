using System.Reflection;

namespace Alimentar.Fuzzing;

/// <summary>
/// The Delta tables of <c>tests/data/delta</c> the Delta target starts from. Each seed is one table's commits joined
/// into a single commit, or a table's checkpoint; the table an input is read as holds every data file and deletion
/// vector of them all, so that a mutated log still finds files to read.
/// </summary>
internal static class FuzzDeltaTables
{
    /// <summary>Tables whose commits alone describe them (no checkpoint needed), with deletion vectors, column mapping and partitions between them.</summary>
    private static readonly string[] Names = ["table-with-dv-small", "table_with_deletion_logs", "table_with_column_mapping", "table_with_partitioning_mapping"];

    /// <summary>A table with a classic checkpoint (Spark's, of a variant column), whose data files are copied too; its checkpoint is a seed.</summary>
    private const string CheckpointTable = "spark-shredded-variant-preview-delta";

    private const string Checkpoint = "00000000000000000002.checkpoint.parquet";

    /// <summary>The repository's <c>tests/data/delta</c>, baked in at build time.</summary>
    private static string Root { get; } = typeof(FuzzDeltaTables).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "DeltaTablesDirectory").Value!;

    /// <summary>Writes one seed per table: its commits in version order, as one commit.</summary>
    public static void WriteSeeds(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (string name in Names)
        {
            string path = Path.Combine(directory, name + ".json");
            File.WriteAllLines(path, Directory.GetFiles(Path.Combine(Root, name, "_delta_log"), "*.json").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines));
            Console.WriteLine($"{path}: {new FileInfo(path).Length:N0} bytes");
        }

        string checkpoint = Path.Combine(directory, CheckpointTable + ".checkpoint.parquet");
        File.Copy(Path.Combine(Root, CheckpointTable, "_delta_log", Checkpoint), checkpoint, overwrite: true);
        Console.WriteLine($"{checkpoint}: {new FileInfo(checkpoint).Length:N0} bytes");
    }

    /// <summary>Makes the table folder <paramref name="table"/>: every table's files but none of their logs.</summary>
    public static void CopyFiles(string table)
    {
        foreach (string name in Names.Append(CheckpointTable))
        {
            string source = Path.Combine(Root, name);
            foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(source, file);
                if (!relative.StartsWith("_delta_log", StringComparison.Ordinal))
                {
                    string to = Path.Combine(table, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(file, to, overwrite: true);
                }
            }
        }

        Directory.CreateDirectory(Path.Combine(table, "_delta_log"));
    }
}
