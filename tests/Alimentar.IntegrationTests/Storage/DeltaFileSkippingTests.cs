namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record DeltaAged(long? Id, double? Age, string? Name, string? Address);

/// <summary>
/// A filter over a Delta table leaves unopened the files its log's statistics rule out (each <c>add</c>'s minimum,
/// maximum and null count per column), from commits, classic checkpoints and V2 checkpoints' sidecars, under physical
/// names with column mapping. A file left unopened is shown by making it unreadable in a copy; that no row is lost, by
/// comparing each filter's rows with the table read whole and filtered in memory.
/// </summary>
public sealed class DeltaFileSkippingTests : IDisposable
{
    private readonly TempDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Files_whose_logged_ids_and_times_lie_outside_the_filter_are_not_opened()
    {
        // Eight appends (ids 1-10, 11, 12-21, 22, 23-32, 33, 34-43, 44), their stats in V2 checkpoint 8's sidecar and in commit 9.
        string table = DeltaTables.CopyOf("checkpoint-v2-table", _scratch.Path);
        List<DeltaNamed> all = ParquetFiles.ReadAll(ParquetSource<DeltaNamed>.FromDirectory(table));
        DateTime lastButOne = all.Where(r => r.Id == 34).Select(r => r.CreatedAt!.Value).Single();

        // The log keeps it as 14:52:11.513, below the microseconds the file holds.
        Assert.Equal((513, 434), (lastButOne.Millisecond, lastButOne.Microsecond));

        MakeUnreadableUnless(table, all.Where(r => r.Id >= 34).Select(r => r.Id!.Value), "id");

        Assert.Equal(all.Where(r => r.Id > 40).Select(r => r.Id), Read<DeltaNamed>(table, s => s.Where(r => r.Id > 40)).Select(r => r.Id));
        // The log's maximum for that file, cut to the millisecond, lies below the constant: widened, it keeps the file.
        Assert.Equal(all.Where(r => r.CreatedAt >= lastButOne).Select(r => r.Id), Read<DeltaNamed>(table, s => s.Where(r => r.CreatedAt >= lastButOne)).Select(r => r.Id));
        Assert.ThrowsAny<AlimentarException>(() => Read<DeltaNamed>(table, s => s.Where(r => r.Id > 30)));
    }

    [Fact]
    public void Explaining_a_file_the_log_rules_out_says_so()
    {
        var sources = new List<ParquetSource<DeltaNamed>>();
        ParquetSource<DeltaNamed>.FromDirectory(Path.Combine(DeltaTables.Root, "checkpoint-v2-table"), configure: s =>
        {
            sources.Add(s.Where(r => r.Id > 40));
            return s;
        });

        List<FilterExplanation> explained = [.. sources.Select(s => s.Explain())];

        Assert.Equal(8, explained.Count);
        Assert.Equal(6, explained.Count(e => e.RowGroups.All(g => !g.Kept && g.Reason.Contains("table's log rules the whole file out", StringComparison.Ordinal))));
    }

    [Fact]
    public void Statistics_kept_under_physical_names_rule_files_out_by_the_table_s_names()
    {
        string table = DeltaTables.CopyOf("table_with_column_mapping", _scratch.Path);
        List<MappedEmployee> all = ParquetFiles.ReadAll(ParquetSource<MappedEmployee>.FromDirectory(table));
        Assert.Contains(all, r => r.Name == "Timothy Lamb");

        // The other file's names run from "Anthony Johnson" to "Stephanie Mcgrath".
        File.WriteAllBytes(Directory.GetFiles(Path.Combine(table, "BH"), "*.parquet").Single(), new byte[64]);

        Assert.Equal(["Timothy Lamb"], Read<MappedEmployee>(table, s => s.Where(r => r.Name == "Timothy Lamb")).Select(r => r.Name));
    }

    [Fact]
    public void Filters_read_every_row_the_table_read_whole_and_filtered_keeps()
    {
        string table = Path.Combine(DeltaTables.Root, "table_with_deletion_logs");
        List<DeltaAged> all = ParquetFiles.ReadAll(ParquetSource<DeltaAged>.FromDirectory(table));
        double maxAge = all.Max(r => r.Age!.Value);
        string maxAddress = all.Select(r => r.Address!).Order(StringComparer.Ordinal).Last();

        void Same(Func<DeltaAged, bool> expected, System.Linq.Expressions.Expression<Func<DeltaAged, bool>> filter) =>
            Assert.Equal(all.Where(expected).Select(r => r.Id), Read<DeltaAged>(table, s => s.Where(filter)).Select(r => r.Id));

        Same(r => r.Age >= maxAge, r => r.Age >= maxAge);                  // the logged maximum, parsed from its text
        Same(r => r.Age > 512.42, r => r.Age > 512.42);
        Same(r => r.Id < 11, r => r.Id < 11);                              // the logged minimum is 10
        Same(r => r.Id == 9, r => r.Id == 9);                              // below it: no row, no file
        Same(r => r.Address == maxAddress, r => r.Address == maxAddress);
        Same(r => r.Name == "Aaron Daniels", r => r.Name == "Aaron Daniels");
        Same(r => r.Address == null, r => r.Address == null);
    }

    [Fact]
    public void A_file_whose_logged_ids_rule_it_out_is_not_opened_even_with_a_deletion_vector()
    {
        string table = DeltaTables.CopyOf("table_with_deletion_logs", _scratch.Path);
        MakeUnreadableUnless(table, [], "id");

        Assert.Empty(Read<DeltaAged>(table, s => s.Where(r => r.Id == 9 || r.Id > 109)));
        using var streaming = new StreamingDataset<DeltaAged>(ParquetSource<DeltaAged>.FromDirectory(table, configure: s => s.Where(r => r.Id < 10)));
        Assert.Equal(0, streaming.TotalRows);
    }

    private static List<T> Read<T>(string table, Func<ParquetSource<T>, ParquetSource<T>> configure)
        where T : IStreamingRow<T> => ParquetFiles.ReadAll(ParquetSource<T>.FromDirectory(table, configure: configure));

    /// <summary>Overwrites every data file of the table holding none of <paramref name="kept"/> (by DuckDB's reading of it), so that opening it fails.</summary>
    private static void MakeUnreadableUnless(string table, IEnumerable<long> kept, string idColumn)
    {
        var keep = kept.ToHashSet();
        foreach (string file in Directory.GetFiles(table, "*.parquet", SearchOption.TopDirectoryOnly))
        {
            if (!DuckJson.Column(file, idColumn).Any(id => keep.Contains(id.GetInt64())))
            {
                File.WriteAllBytes(file, new byte[64]);
            }
        }
    }
}
