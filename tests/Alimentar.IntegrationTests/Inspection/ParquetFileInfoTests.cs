namespace Alimentar.IntegrationTests;

public sealed class ParquetFileInfoTests
{
    [Fact]
    public async Task The_footer_gives_columns_row_groups_and_statistics_in_their_logical_types()
    {
        using var file = new TempFile();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await ParquetDatasetWriter<Stamped>.WriteFileAsync(file.Path, Enumerable.Range(0, 100).Select(i => new Stamped(i, start.AddHours(i), i % 4 == 0 ? null : $"n{i}")), rowGroupSize: 60);

        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file.Path);

        Assert.Equal(100, info.RowCount);
        Assert.Equal(["Id", "At", "Note"], info.Columns.Select(c => c.Path));
        Assert.Equal("INT64 (TIMESTAMP(MICROS, UTC))", info.Columns[1].Type);
        Assert.Equal("DateTime", info.Columns[1].MemberType);
        Assert.Equal("string?", info.Columns[2].MemberType);
        Assert.Equal([60L, 40L], info.RowGroups.Select(g => g.RowCount));
        Assert.Equal(0L, info.RowGroups[0].Statistics[0].Min);
        Assert.Equal(99L, info.RowGroups[1].Statistics[0].Max);

        // Our writer's TIMESTAMP(MICROS) bounds are exact (Parquet.Net's whole milliseconds are widened; see FilterTests).
        Assert.Equal(start, (DateTime)info.RowGroups[0].Statistics[1].Min!);
        Assert.Equal(start.AddHours(59), (DateTime)info.RowGroups[0].Statistics[1].Max!);
        Assert.Equal(start.AddHours(60), (DateTime)info.RowGroups[1].Statistics[1].Min!);
        Assert.Equal(15L, info.RowGroups[0].Statistics[2].NullCount);
        Assert.Contains("SNAPPY", info.RowGroups[0].Codecs);
    }

    [Fact]
    public async Task A_dataset_s_files_are_those_FromDirectory_and_FromStore_read_in_their_order_and_a_Delta_table_is_refused()
    {
        using var directory = new TempDirectory();
        string[] written = ["year=2024/b.parquet", "year=2023/z.parquet", "year=2023/a.parquet", "_temporary/0/part.parquet", ".ipynb_checkpoints/c.parquet", "year=2024/notes.txt"];
        foreach (string relative in written)
        {
            string path = Path.Combine(directory.Path, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await ParquetDatasetWriter<Stamped>.WriteFileAsync(path, [new Stamped(relative.Length, DateTime.UnixEpoch, relative)]);
        }

        IReadOnlyList<string> files = ParquetFileInfo.DatasetFiles(directory.Path);

        Assert.Equal(["year=2023/a.parquet", "year=2023/z.parquet", "year=2024/b.parquet"], files.Select(f => Path.GetRelativePath(directory.Path, f).Replace('\\', '/')));
        List<Stamped> read = ParquetFiles.ReadAll(ParquetSource<Stamped>.FromDirectory(directory.Path));
        Assert.Equal(files.Select(f => Path.GetRelativePath(directory.Path, f).Replace('\\', '/')), read.Select(r => r.Note));

        // A store's prefix is listed alike.
        var store = new LocalObjectStore(directory.Path);
        Assert.Equal(["year=2023/a.parquet", "year=2023/z.parquet", "year=2024/b.parquet"], ParquetFileInfo.DatasetObjects(store, string.Empty).Select(o => o.Key));
        Assert.Equal(["year=2024/b.parquet"], ParquetFileInfo.DatasetObjects(store, "year=2024/").Select(o => o.Key));
        Assert.Contains("Delta Lake table", Assert.Throws<SourceUnavailableException>(() => ParquetFileInfo.DatasetObjects(new LocalObjectStore(DeltaTables.Root), "table-with-dv-small/")).Message, StringComparison.Ordinal);

        SourceUnavailableException delta = Assert.Throws<SourceUnavailableException>(() => ParquetFileInfo.DatasetFiles(Path.Combine(DeltaTables.Root, "table-with-dv-small")));
        Assert.Contains("Delta Lake table", delta.Message, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(directory.Path, "empty"));
        Assert.Contains("holds no file matching", Assert.Throws<SourceUnavailableException>(() => ParquetFileInfo.DatasetFiles(Path.Combine(directory.Path, "empty"))).Message, StringComparison.Ordinal);
        Assert.Throws<SourceUnavailableException>(() => ParquetFileInfo.DatasetFiles(Path.Combine(directory.Path, "missing")));
    }

    [Fact]
    public async Task Each_column_lists_the_encodings_its_chunks_declare_as_the_format_spells_them()
    {
        ParquetFileInfo parquetMr = await ParquetFileInfo.ReadAsync(TestCorpus.File("delta_encoding_optional_column.parquet"));
        ParquetFileInfo dictionaries = await ParquetFileInfo.ReadAsync(TestCorpus.File("alltypes_dictionary.parquet"));

        Assert.Equal(["DELTA_BINARY_PACKED"], parquetMr.Columns.Single(c => c.Path == "c_customer_sk").Encodings);
        Assert.Equal(["DELTA_BYTE_ARRAY"], parquetMr.Columns.Single(c => c.Path == "c_customer_id").Encodings);
        Assert.All(dictionaries.Columns, column => Assert.Contains("PLAIN_DICTIONARY", column.Encodings));
        Assert.All(dictionaries.Columns, column => Assert.Equal(column.Encodings.Distinct(), column.Encodings));
        ParquetColumnInfo again = (await ParquetFileInfo.ReadAsync(TestCorpus.File("alltypes_dictionary.parquet"))).Columns[0];
        Assert.Equal(dictionaries.Columns[0], again); // records stay equal by value with a list among their members
        Assert.NotEqual(dictionaries.Columns[0], again with { Encodings = ["PLAIN"] });
    }

    [Fact]
    public async Task A_filter_written_as_text_is_explained_from_a_file_or_a_store_and_a_bad_one_says_where()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Stamped>.WriteFileAsync(file.Path, Enumerable.Range(0, 100).Select(i => new Stamped(i, DateTime.UnixEpoch, null)), rowGroupSize: 50);

        FilterExplanation fromFile = await ParquetFileInfo.ExplainAsync(file.Path, "Id >= 60 && Note == null");
        FilterExplanation fromStore = await ParquetFileInfo.ExplainAsync(new LocalObjectStore(Path.GetDirectoryName(file.Path)!), Path.GetFileName(file.Path), "Id >= 60");

        Assert.Equal([false, true], fromFile.RowGroups.Select(g => g.Kept));
        Assert.Equal([false, true], fromStore.RowGroups.Select(g => g.Kept));
        FormatException error = await Assert.ThrowsAsync<FormatException>(() => ParquetFileInfo.ExplainAsync(file.Path, "Id >= "));
        Assert.StartsWith("The filter 'Id >= ' cannot be read at position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scaffolded_row_type_names_every_column()
    {
        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(ParquetFiles.Corpus("alltypes_plain.parquet"));

        string source = info.ScaffoldRowType("Row", "Scaffolded");

        Assert.Contains("public partial record Row(", source, StringComparison.Ordinal);
        Assert.Contains("int? Id", source, StringComparison.Ordinal);
        Assert.Contains("namespace Scaffolded;", source, StringComparison.Ordinal);
    }

    /// <summary>
    /// A leaf and a group of one name at the same level (a damaged footer; found by coverage-guided fuzzing) once threw
    /// <see cref="ArgumentOutOfRangeException"/> from the scaffold, which looked for the group's children among every
    /// column of its name, the leaf too. The scaffold now says what it can: the group as a record, the leaf left out.
    /// </summary>
    [Fact]
    public async Task A_scaffold_takes_a_leaf_and_a_group_of_one_name()
    {
        using var file = new TempFile();
        await using (ParquetDatasetWriter<NameTwins> writer = await ParquetDatasetWriter<NameTwins>.CreateAsync(file.Path))
        {
            await writer.WriteAsync([new NameTwins(1, new NameTwinsInner(2))]);
        }

        FooterPatch.ReplaceAll(file.Path, [3, .. "Abc"u8], [3, .. "Xyz"u8]);
        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file.Path);

        Assert.Equal(["Xyz", "Xyz/P"], info.Columns.Select(c => c.Path));
        string source = info.ScaffoldRowType("Row");
        Assert.Contains("public sealed record XyzRecord(", source, StringComparison.Ordinal);
        Assert.Contains("long P", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scan_decodes_every_row_and_keeps_the_head()
    {
        ParquetScan scan = await ParquetFileInfo.ScanAsync(ParquetFiles.Corpus("alltypes_plain.parquet"), headRows: 2);

        Assert.Equal(8, scan.Rows);
        Assert.Equal(2, scan.Head.Count);
        Assert.Equal(scan.Columns.Count, scan.Head[0].Length);
    }

    [Fact]
    public async Task A_scan_shows_a_timestamp_past_year_9999_as_DuckDB_does_and_the_others_as_DateTime()
    {
        string path = ParquetFiles.Corpus("nested_structs.rust.parquet");

        ParquetScan scan = await ParquetFileInfo.ScanAsync(path, headRows: 1);

        Assert.Equal(await DuckDbTextAsync(path, "ul_observation_date.min::VARCHAR"), scan.Head[0][scan.Columns.ToList().IndexOf("ul_observation_date/min")]);
        Assert.Equal("52951-07-27 10:00:00", scan.Head[0][scan.Columns.ToList().IndexOf("ul_observation_date/max")]);
        Assert.Contains(scan.Head[0], value => value is DateTime);
    }

    private static async Task<string> DuckDbTextAsync(string path, string expression)
    {
        await using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {expression} FROM read_parquet('{path}') LIMIT 1";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_missing_file_is_unavailable_naming_it()
    {
        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => ParquetFileInfo.ReadAsync("/no/such/file.parquet"));

        Assert.Contains("/no/such/file.parquet", error.Message, StringComparison.Ordinal);
    }
}

[StreamingDataset]
public partial record Stamped(long Id, DateTime At, string? Note);

/// <summary>A row whose leaf <c>Abc</c> is renamed in the footer to share its group's name.</summary>
[StreamingDataset]
public partial record NameTwins(long Abc, NameTwinsInner? Xyz);

/// <summary>The group of <see cref="NameTwins"/>.</summary>
public sealed record NameTwinsInner(long P);
