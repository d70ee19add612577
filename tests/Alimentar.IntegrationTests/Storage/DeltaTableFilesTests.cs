namespace Alimentar.IntegrationTests;

/// <summary>
/// <see cref="DeltaTable.Files(string, long?)"/>, <see cref="DeltaTable.Snapshot(string, long?)"/> and the untyped reads of a <see cref="DeltaTableFile"/>
/// (<see cref="ParquetFileInfo"/>'s footer, scan and filter explanation): a table's rows as its log says, for tools that
/// have no row type, agreeing with what typed sources read.
/// </summary>
public sealed class DeltaTableFilesTests
{
    private static string Table(string name) => Path.Combine(DeltaTables.Root, name);

    [Fact]
    public void A_table_s_files_are_its_version_s_with_partition_values_and_deleted_row_counts_from_the_log()
    {
        IReadOnlyList<DeltaTableFile> mapped = DeltaTable.Files(Table("table_with_column_mapping"));
        Assert.Equal(["8v/", "BH/"], mapped.Select(f => f.Path[..3]).Order(StringComparer.Ordinal));
        Assert.All(mapped, f => Assert.Equal("Company Very Short", Assert.Single(f.PartitionValues).Key));
        Assert.Equal(["BME", "BMS"], mapped.Select(f => f.PartitionValues[0].Value).Order(StringComparer.Ordinal));
        Assert.All(mapped, f => Assert.True(File.Exists(f.Name), f.Name));

        // Version 0 is before the delete; version 1 has the vector.
        Assert.Equal(0, Assert.Single(DeltaTable.Files(Table("table-with-dv-small"), version: 0)).DeletedRowCount);
        DeltaTableFile latest = Assert.Single(DeltaTable.Files(Table("table-with-dv-small")));
        Assert.Equal(2, latest.DeletedRowCount);
        Assert.Equal(latest.Name, latest.ToString());
    }

    [Fact]
    public void A_partition_folder_lists_its_own_files_and_only_tables_are_tables()
    {
        string table = Table("table_with_partitioning_mapping");
        Assert.True(DeltaTable.IsTable(table));
        Assert.True(DeltaTable.IsTable(Path.Combine(table, "id=1")));
        Assert.False(DeltaTable.IsTable(Path.GetDirectoryName(TestCorpus.Root)!));
        Assert.False(DeltaTable.IsTable(Path.Combine(table, "no-such-folder")));

        DeltaTableFile below = Assert.Single(DeltaTable.Files(Path.Combine(table, "id=1")));
        Assert.StartsWith("id=1/", below.Path, StringComparison.Ordinal);
        Assert.Equal(2, DeltaTable.Files(table).Count);
        Assert.Throws<SourceUnavailableException>(() => DeltaTable.Files(Path.GetDirectoryName(TestCorpus.Root)!));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeltaTable.Files(table, version: -1));
    }

    [Fact]
    public async Task A_scan_leaves_out_deleted_rows_and_shows_the_table_s_names_as_typed_reading_does()
    {
        DeltaTableFile file = Assert.Single(DeltaTable.Files(Table("table-with-dv-small")));
        ParquetScan scan = await ParquetFileInfo.ScanAsync(file, headRows: 20);
        Assert.Equal(8, scan.Rows);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], scan.Head.Select(row => (int)row[0]!));

        // Two head rows from the middle of the file: the kept rows skip the deleted ones without counting them.
        ParquetScan head = await ParquetFileInfo.ScanAsync(file, headRows: 2, headOnly: true);
        Assert.Equal([1, 2], head.Head.Select(row => (int)row[0]!));

        var scanned = new List<string>();
        foreach (DeltaTableFile mapped in DeltaTable.Files(Table("table_with_column_mapping")))
        {
            ParquetFileInfo info = await ParquetFileInfo.ReadAsync(mapped);
            Assert.Equal("Super Name", Assert.Single(info.Columns).Path);
            Assert.Contains("[property: ParquetColumn(\"Company Very Short\")]", info.ScaffoldRowType("Row"), StringComparison.Ordinal);
            ParquetScan rows = await ParquetFileInfo.ScanAsync(mapped, headRows: 10);
            Assert.Equal(["Super Name"], rows.Columns);
            scanned.AddRange(rows.Head.Select(row => $"{row[0]}|{mapped.PartitionValues[0].Value}"));
        }

        using var typed = new StreamingDataset<MappedRow>(ParquetSource<MappedRow>.FromDirectory(Table("table_with_column_mapping")));
        Assert.Equal(typed.Rows().Select(r => $"{r.SuperName}|{r.CompanyVeryShort}").Order(StringComparer.Ordinal), scanned.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Columns_a_file_holds_beyond_the_table_s_schema_are_not_shown()
    {
        // Spark's change data feed writes _change_type into the data files of an update; it is not the table's column.
        var withChangeType = new List<DeltaTableFile>();
        foreach (DeltaTableFile file in DeltaTable.Files(Table("cdc_ict_table")))
        {
            if ((await ParquetFileInfo.ReadAsync(file.Name)).Columns.Any(c => c.Path == "_change_type"))
            {
                withChangeType.Add(file);
            }
        }

        Assert.NotEmpty(withChangeType);
        foreach (DeltaTableFile file in withChangeType)
        {
            ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file);
            Assert.Equal(["name", "age"], info.Columns.Select(c => c.Path));
            Assert.Equal(["name", "age"], info.Schema.Select(node => node.Name));
            Assert.All(info.RowGroups, group => Assert.Equal(2, group.Statistics.Count));
            Assert.DoesNotContain("ChangeType", info.ScaffoldRowType("Row"), StringComparison.Ordinal);
            Assert.Equal(["name", "age"], (await ParquetFileInfo.ScanAsync(file, headRows: 5)).Columns);
        }
    }

    [Fact]
    public async Task A_table_in_a_store_lists_and_scans_as_in_a_folder()
    {
        var store = new LocalObjectStore(DeltaTables.Root);
        Assert.True(DeltaTable.IsTable(store, "table-with-dv-small/"));
        Assert.False(DeltaTable.IsTable(store, "no-such-table/"));

        DeltaTableFile file = Assert.Single(DeltaTable.Files(store, "table-with-dv-small/"));
        Assert.Equal(2, file.DeletedRowCount);
        Assert.StartsWith(store.Name, file.Name, StringComparison.Ordinal);
        ParquetScan scan = await ParquetFileInfo.ScanAsync(file, headRows: 20);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], scan.Head.Select(row => (int)row[0]!));
    }

    [Fact]
    public void A_snapshot_is_a_version_with_that_version_s_files_the_latest_when_none_is_named()
    {
        string table = Table("table-with-dv-small");
        DeltaTableSnapshot latest = DeltaTable.Snapshot(table);
        Assert.Equal(DeltaTable.LatestVersion(table), latest.Version);
        Assert.Equal(2, Assert.Single(latest.Files).DeletedRowCount);

        DeltaTableSnapshot first = DeltaTable.Snapshot(table, version: 0);
        Assert.Equal(0, first.Version);
        Assert.Equal(0, Assert.Single(first.Files).DeletedRowCount);

        Assert.Throws<SourceUnavailableException>(() => DeltaTable.Snapshot(table, version: latest.Version + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeltaTable.Snapshot(table, version: -1));
        Assert.Throws<SourceUnavailableException>(() => DeltaTable.Snapshot(Path.GetDirectoryName(TestCorpus.Root)!));
    }

    [Fact]
    public void A_store_table_s_snapshot_takes_one_listing_where_its_latest_version_and_then_its_files_take_two()
    {
        var store = new CountingListings(new LocalObjectStore(DeltaTables.Root));
        DeltaTableSnapshot snapshot = DeltaTable.Snapshot(store, "table-with-dv-small/");
        Assert.Equal(1, store.Listings);

        store.Listings = 0;
        long version = DeltaTable.LatestVersion(store, "table-with-dv-small/");
        IReadOnlyList<DeltaTableFile> files = DeltaTable.Files(store, "table-with-dv-small/", version);
        Assert.Equal(2, store.Listings);

        Assert.Equal(version, snapshot.Version);
        Assert.Equal(files.Select(f => (f.Name, f.DeletedRowCount)), snapshot.Files.Select(f => (f.Name, f.DeletedRowCount)));
        Assert.Equal(0, DeltaTable.Snapshot(store, "table-with-dv-small/", version: 0).Version);
    }

    /// <summary>A store that counts its listings.</summary>
    private sealed class CountingListings(IObjectStore inner) : IObjectStore
    {
        public int Listings { get; set; }

        public string Name => inner.Name;

        public ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
            inner.ReadAsync(target, offset, destination, cancellationToken);

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken)
        {
            Listings++;
            return inner.ListAsync(prefix, cancellationToken);
        }
    }

    [Fact]
    public async Task A_store_table_s_files_are_read_with_the_options_the_listing_was_given()
    {
        // The data file's first read fails as a 503 would: retried with the default four attempts, fatal with one.
        var retried = new FailsFirstDataRead(new LocalObjectStore(DeltaTables.Root));
        DeltaTableFile patient = Assert.Single(DeltaTable.Files(retried, "table-with-dv-small/"));
        Assert.Equal(8, (await ParquetFileInfo.ScanAsync(patient, headRows: 20)).Rows);

        var once = new FailsFirstDataRead(new LocalObjectStore(DeltaTables.Root));
        DeltaTableFile impatient = Assert.Single(DeltaTable.Files(once, "table-with-dv-small/", options: new ObjectReadOptions { MaxAttempts = 1 }));
        await Assert.ThrowsAsync<SourceUnavailableException>(() => ParquetFileInfo.ScanAsync(impatient, headRows: 20));
    }

    /// <summary>A store whose first read of a Parquet data file fails as a 503 would; the log and vectors read as usual.</summary>
    private sealed class FailsFirstDataRead(IObjectStore inner) : IObjectStore
    {
        private int _dataReads;

        public string Name => inner.Name;

        public ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
            target.Key.EndsWith(".parquet", StringComparison.Ordinal) && !target.Key.Contains("_delta_log", StringComparison.Ordinal) && Interlocked.Increment(ref _dataReads) == 1
                ? throw new ObjectStoreException("injected", 503, isTransient: true)
                : inner.ReadAsync(target, offset, destination, cancellationToken);

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
    }

    [Fact]
    public async Task A_filter_is_explained_over_the_table_s_names()
    {
        foreach (DeltaTableFile file in DeltaTable.Files(Table("table_with_column_mapping")))
        {
            FilterExplanation explanation = await ParquetFileInfo.ExplainAsync(file, "`Super Name` == \"Timothy Lamb\"");
            Assert.Contains("Super Name", explanation.Filter!, StringComparison.Ordinal);
            Assert.Equal(file.Name, explanation.Source);
        }

        DeltaTableFile any = DeltaTable.Files(Table("table_with_column_mapping"))[0];
        await Assert.ThrowsAsync<FormatException>(() => ParquetFileInfo.ExplainAsync(any, "`col-1` == 1"));
    }

    [Fact]
    public async Task A_filter_on_a_partition_column_is_explained_and_the_log_rules_files_out_as_a_pass_does()
    {
        // newid is a partition column, in the log only; the file of newid=2 is ruled out unopened.
        var explained = new Dictionary<string, FilterExplanation>();
        foreach (DeltaTableFile file in DeltaTable.Files(Table("table_with_partitioning_mapping")))
        {
            explained[file.PartitionValues.Single().Value!] = await ParquetFileInfo.ExplainAsync(file, "newid == 1");
        }

        Assert.Equal(0, explained["2"].RowsToRead);
        Assert.Contains("the table's log rules out every row", explained["2"].ToString(), StringComparison.Ordinal);
        Assert.Equal(1, explained["1"].RowsToRead);
        Assert.Contains("the file's partition newid=1", explained["1"].ToString(), StringComparison.Ordinal);

        // A typed pass with the same filter reads what the explanation keeps.
        using var typed = new StreamingDataset<PartitionedRow>(ParquetSource<PartitionedRow>.FromDirectory(Table("table_with_partitioning_mapping"), configure: s => s.Where(r => r.Newid == 1)));
        Assert.Equal(explained.Values.Sum(e => e.RowsToRead), typed.Rows().Count());
    }

    [Fact]
    public async Task A_damaged_deletion_vector_fails_the_scan_naming_the_table()
    {
        string folder = Directory.CreateTempSubdirectory("alimentar-delta-files-").FullName;
        try
        {
            string table = DeltaTables.CopyOf("table-with-dv-small", folder);
            string vector = Directory.GetFiles(table, "deletion_vector_*.bin").Single();
            byte[] bytes = await File.ReadAllBytesAsync(vector);
            bytes[^5] ^= 0xFF;
            await File.WriteAllBytesAsync(vector, bytes);

            DeltaTableFile file = Assert.Single(DeltaTable.Files(table));
            CorruptParquetFileException error = await Assert.ThrowsAsync<CorruptParquetFileException>(() => ParquetFileInfo.ScanAsync(file, headRows: 5));
            Assert.Contains("deletion vector", error.Message, StringComparison.Ordinal);
            Assert.Contains(table, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

[StreamingDataset]
public partial record PartitionedRow(string? Description, int Newid);

[StreamingDataset]
public partial record MappedRow(
    [property: ParquetColumn("Super Name")] string? SuperName,
    [property: ParquetColumn("Company Very Short")] string CompanyVeryShort);
