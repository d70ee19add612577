namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record ShreddedVariantRow(long? Id, VariantGroup? V);

/// <summary>A VARIANT column as its files store it: the metadata and value binaries (a shredded one's typed_value beside them is not read).</summary>
public sealed record VariantGroup(byte[] Metadata, byte[]? Value);

[StreamingDataset]
public partial record SparkVariantRow(long? Id, ParquetVariant V);

/// <summary>A record holding a variant, as the table's structs do.</summary>
public sealed record SparkVariantHolder(ParquetVariant? V);

/// <summary>A record holding a list of variants.</summary>
public sealed record SparkVariantList(ParquetVariant?[]? V);

[StreamingDataset]
public partial record SparkNestedVariantRow(
    long? Id,
    ParquetVariant?[]? ArrayOfVariants,
    SparkVariantHolder? StructOfVariants,
    Dictionary<string, ParquetVariant?>? MapOfVariants,
    SparkVariantHolder?[]? ArrayOfStructOfVariants,
    SparkVariantList? StructOfArrayOfVariants);

/// <summary>
/// Tables Spark wrote with what a reader must know of (<c>tests/data/delta</c>, see its README): shredded VARIANT columns
/// behind the <c>variantShredding-preview</c> reader feature, files whose names hold <c>%</c>, and a log cleaned up to a
/// lone checkpoint.
/// </summary>
public sealed class SparkDeltaFeatureTests
{
    [Fact]
    public void A_table_with_shredded_variants_reads_its_other_columns_and_the_variants_stored_groups()
    {
        string table = Path.Combine(DeltaTables.Root, "spark-shredded-variant-preview-delta");

        // Appends only: every file is current; DuckDB reads each (their names hold '%', escaped as %25 in the log).
        long[] expected = [.. Directory.GetFiles(table, "*.parquet").SelectMany(file => DuckJson.Column(file, "id")).Select(id => id.GetInt64()).Order()];
        List<ShreddedVariantRow> rows = ParquetFiles.ReadAll(ParquetSource<ShreddedVariantRow>.FromDirectory(table));

        Assert.Equal(102, expected.Length);
        Assert.Equal(expected, rows.Select(r => r.Id!.Value).Order());
        Assert.All(rows.Where(r => r.V is not null), r => Assert.NotEmpty(r.V!.Metadata));
        Assert.Contains(rows, r => r.V is not null);
    }

    [Fact]
    public void The_tables_variants_read_as_the_objects_Spark_wrote()
    {
        string table = Path.Combine(DeltaTables.Root, "spark-shredded-variant-preview-delta");

        List<SparkVariantRow> rows = ParquetFiles.ReadAll(ParquetSource<SparkVariantRow>.FromDirectory(table));

        // Spark wrote parse_json('{"key": id}'): its value before its metadata, which binds by name.
        Assert.Equal(102, rows.Count);
        Assert.All(rows, r => Assert.Equal($$"""{"key":{{r.Id}}}""", r.V.ToJson()));
        Assert.All(rows, r => Assert.Equal(VariantKind.Integer, r.V.TryGetProperty("key", out ParquetVariant key) ? key.Kind : VariantKind.Null));
    }

    [Fact]
    public void Variants_in_lists_records_and_maps_read_as_their_values()
    {
        string table = Path.Combine(DeltaTables.Root, "spark-shredded-variant-preview-delta");

        List<SparkNestedVariantRow> rows = ParquetFiles.ReadAll(ParquetSource<SparkNestedVariantRow>.FromDirectory(table));

        // Every row holds {"key": id} in each place, with SQL nulls where DuckDB's reading of the files has them.
        Assert.Equal(102, rows.Count);
        Assert.All(rows, row =>
        {
            string key = $$"""{"key":{{row.Id}}}""";
            Assert.Equal(new[] { key, null, key, null, key }, Json(row.ArrayOfVariants!));
            Assert.Equal(key, row.StructOfVariants!.V!.Value.ToJson());
            Assert.Equal(new Dictionary<string, string?> { [$"{row.Id}"] = key, ["nullKey"] = null }, row.MapOfVariants!.ToDictionary(p => p.Key, p => p.Value?.ToJson()));
            Assert.Equal(new[] { key, null, "(null record)", key, "(null record)", key }, row.ArrayOfStructOfVariants!.Select(h => h is null ? "(null record)" : h.V?.ToJson()));
            Assert.Equal(new[] { null, key }, Json(row.StructOfArrayOfVariants!.V!));
        });

        static string?[] Json(ParquetVariant?[] list) => [.. list.Select(v => v?.ToJson())];
    }

    [Fact]
    public void A_log_cleaned_up_to_a_lone_checkpoint_is_read_from_it()
    {
        // Only 00000000000000000108.checkpoint.parquet: no commit, and (in this copy) none of its 109 data files.
        string table = Path.Combine(DeltaTables.Root, "table-with-domain-metadata");

        Assert.Equal(108, DeltaTable.LatestVersion(table));
        Assert.Equal(108, DeltaTable.LatestVersion(new LocalObjectStore(DeltaTables.Root), "table-with-domain-metadata/"));
        string missing = Assert.Throws<SourceUnavailableException>(() => ParquetSource<DeltaAnything>.FromDirectory(table)).Message;
        Assert.Contains("its Delta log names 'part-00000-", missing, StringComparison.Ordinal);
        Assert.Contains("no version 109: its Delta log's latest is 108", Assert.Throws<SourceUnavailableException>(() => ParquetSource<DeltaAnything>.FromDeltaTable(table, 109)).Message, StringComparison.Ordinal);
    }
}
