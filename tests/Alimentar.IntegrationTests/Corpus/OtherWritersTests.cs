using System.Text.Json;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Files from writers Alimentar shares no code with, read into typed rows and compared field by field with the rows
/// their generator wrote (<c>tests/data/other-writers</c>): arrow-rs in both page versions and every encoding and codec
/// it offers, Polars's own writer, hyparquet-writer's own encoders, and parquetjs's legacy nesting. The expected rows
/// come from the generators' values, not from any reader.
/// </summary>
public sealed class OtherWritersTests
{
    public static TheoryData<string> ArrowRsFiles(string family) => Files("arrow-rs", $"{family}-");

    public static TheoryData<string> HyparquetFiles() => new("default-snappy.parquet", "encodings-uncompressed-small-pages.parquet");

    public static TheoryData<string> ParquetJsFiles() => new("v1-small-pages.parquet", "v2-small-pages.parquet");

    public static TheoryData<string> PolarsFiles() => Files("polars", string.Empty);

    [Theory]
    [MemberData(nameof(ArrowRsFiles), "nested")]
    public void Arrow_rs_lists_structs_and_maps_read_as_written(string file) =>
        AssertReadAsWritten<ArrowRsNestedRow>("arrow-rs", file, "nested.expected.jsonl", ArrowRsNestedRow.Project);

    [Theory]
    [MemberData(nameof(ArrowRsFiles), "flat")]
    public void Arrow_rs_scalars_of_every_width_encoding_and_codec_read_as_written(string file) =>
        AssertReadAsWritten<ArrowRsFlatRow>("arrow-rs", file, "flat.expected.jsonl", ArrowRsFlatRow.Project);

    [Theory]
    [MemberData(nameof(ArrowRsFiles), "deep")]
    public void Arrow_rs_deeper_nesting_float16_and_38_digit_decimals_read_as_written(string file) =>
        AssertReadAsWritten<ArrowRsDeepRow>("arrow-rs", file, "deep.expected.jsonl", ArrowRsDeepRow.Project);

    [Theory]
    [MemberData(nameof(ArrowRsFiles), "misc")]
    public void Arrow_rs_dictionary_fallback_null_columns_and_durations_read_as_written(string file) =>
        AssertReadAsWritten<ArrowRsMiscRow>("arrow-rs", file, "misc.expected.jsonl", ArrowRsMiscRow.Project);

    [Fact]
    public void A_required_column_annotated_unknown_is_null_by_its_annotation_so_a_member_that_cannot_hold_null_is_refused()
    {
        string path = Path("arrow-rs", "misc-dictionary-fallback.parquet");

        using var dataset = new StreamingDataset<ArrowRsNotNullRow>(new ParquetSource<ArrowRsNotNullRow>(path));

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => dataset.Rows().First());

        Assert.Contains("every value is null by its annotation; declare the member nullable", error.Message, StringComparison.Ordinal);
        Assert.Contains("INT32 (UNKNOWN) REQUIRED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_untyped_scan_and_the_scaffold_take_a_required_column_annotated_unknown_as_null()
    {
        string path = Path("arrow-rs", "misc-dictionary-fallback.parquet");

        ParquetScan scan = await ParquetFileInfo.ScanAsync(path, headRows: 5);
        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(path);

        int column = scan.Columns.ToList().IndexOf("required_nothing");
        Assert.All(scan.Head, row => Assert.Null(row[column]));
        Assert.Contains("int? RequiredNothing", info.ScaffoldRowType("Row"), StringComparison.Ordinal);
    }

    /// <summary>A column null by its annotation once bound for the scan under a row type named after it, which an empty name (legal in Parquet) refused with an <see cref="ArgumentException"/> (found by coverage-guided fuzzing).</summary>
    [Fact]
    public async Task The_untyped_scan_takes_a_column_of_no_name_annotated_unknown_as_null()
    {
        using var file = new TempFile();
        File.Copy(Path("arrow-rs", "misc-dictionary-fallback.parquet"), file.Path, overwrite: true);
        FooterPatch.ReplaceAll(file.Path, [16, .. "required_nothing"u8], [0]);

        ParquetScan scan = await ParquetFileInfo.ScanAsync(file.Path, headRows: 5);

        int column = scan.Columns.ToList().IndexOf(string.Empty);
        Assert.True(column >= 0, $"no column of no name among {string.Join(", ", scan.Columns)}");
        Assert.All(scan.Head, row => Assert.Null(row[column]));
    }

    [Fact]
    public void An_arrow_rs_file_of_no_rows_reads_as_no_rows()
    {
        using var dataset = new StreamingDataset<ArrowRsEmptyRow>(new ParquetSource<ArrowRsEmptyRow>(Path("arrow-rs", "empty.parquet")));

        Assert.Empty(dataset.Rows());
    }

    [Theory]
    [MemberData(nameof(HyparquetFiles))]
    public void Hyparquet_scalars_in_its_encodings_read_as_written(string file) =>
        AssertReadAsWritten<HyparquetRow>("hyparquet", file, "hyparquet.expected.jsonl", HyparquetRow.Project);

    [Fact]
    public void Hyparquet_delta_length_and_byte_stream_split_columns_read_as_written() =>
        AssertReadAsWritten<HyparquetDeltaLengthRow>("hyparquet", "delta-length-snappy.parquet", "hyparquet.expected.jsonl", HyparquetDeltaLengthRow.Project);

    [Fact]
    public void Hyparquet_lists_read_as_written() =>
        AssertReadAsWritten<HyparquetListsRow>("hyparquet", "lists-snappy.parquet", "hyparquet.expected.jsonl", HyparquetListsRow.Project);

    [Fact]
    public void Columns_beside_variant_and_geometry_columns_read_as_written() =>
        AssertReadAsWritten<HyparquetBesideVariantRow>("hyparquet", "variant-geometry-snappy.parquet", "hyparquet.expected.jsonl", HyparquetBesideVariantRow.Project);

    [Theory]
    [MemberData(nameof(ParquetJsFiles))]
    public void Parquetjs_bare_repeated_fields_and_repeated_groups_read_as_written(string file) =>
        AssertReadAsWritten<ParquetJsRow>("parquetjs", file, "parquetjs.expected.jsonl", ParquetJsRow.Project);

    [Theory]
    [MemberData(nameof(PolarsFiles))]
    public void Polars_categoricals_lists_and_lists_of_structs_read_as_written(string file) =>
        AssertReadAsWritten<PolarsRow>("polars", file, "polars.expected.jsonl", PolarsRow.Project);

    [Fact]
    public void Parquetjs_rle_encoded_integers_are_refused_naming_the_file_column_row_group_and_the_format_rule()
    {
        string path = Path("parquetjs", "v1-rle-integers.parquet");
        using var dataset = new StreamingDataset<ParquetJsRow>(new ParquetSource<ParquetJsRow>(path));

        UnsupportedParquetFeatureException error = Assert.Throws<UnsupportedParquetFeatureException>(() => dataset.Rows().Count());

        Assert.Equal(path, error.FilePath);
        Assert.Equal("coded", error.ColumnName);
        Assert.Equal(0, error.RowGroup);
        Assert.Contains("the RLE encoding is not supported for INT32 values (the format defines RLE for BOOLEAN values and for levels only)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyparquets_shredded_variant_reads_as_the_objects_it_was_given()
    {
        List<JsonElement> expected = ExpectedJsonRows.Read(Path("hyparquet", "hyparquet.expected.jsonl"));
        using var dataset = new StreamingDataset<HyparquetVariantRow>(new ParquetSource<HyparquetVariantRow>(Path("hyparquet", "variant-geometry-snappy.parquet")).BatchSize(97));

        List<HyparquetVariantRow> rows = [.. dataset.Rows()];

        // hyparquet shreds {kind: s, n: id, list: nums} into a string, a double and a list of doubles (a null s stays a null kind).
        Assert.Equal(expected.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            JsonElement row = expected[i];
            var shouldBe = new System.Text.Json.Nodes.JsonObject { ["kind"] = row.GetProperty("s").GetString() };
            shouldBe["n"] = row.GetProperty("id").GetInt32();
            shouldBe["list"] = new System.Text.Json.Nodes.JsonArray([.. row.GetProperty("nums").EnumerateArray().Select(n => (System.Text.Json.Nodes.JsonNode?)n.GetInt32())]);
            string json = rows[i].Event!.Value.ToJson();
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(shouldBe, System.Text.Json.Nodes.JsonNode.Parse(json)), $"row {i}: expected {shouldBe.ToJsonString()}, read {json}");
        }
    }

    private static void AssertReadAsWritten<T>(string writer, string file, string expectedRows, Func<T, IReadOnlyDictionary<string, object?>> project)
        where T : IStreamingRow<T>
    {
        List<JsonElement> expected = ExpectedJsonRows.Read(Path(writer, expectedRows));
        using var dataset = new StreamingDataset<T>(new ParquetSource<T>(Path(writer, file)).BatchSize(97));

        List<IReadOnlyDictionary<string, object?>> actual = [.. dataset.Rows().Select(project)];

        Assert.True(expected.Count > 0);
        Assert.Empty(ExpectedJsonRows.Differences(expected, actual));
    }

    private static string Path(string writer, string file) => System.IO.Path.Combine(TestCorpus.OtherWritersDirectory, writer, file);

    private static TheoryData<string> Files(string writer, string prefix) =>
        new(Directory.EnumerateFiles(System.IO.Path.Combine(TestCorpus.OtherWritersDirectory, writer), $"{prefix}*.parquet")
            .Select(System.IO.Path.GetFileName)
            .Order(StringComparer.Ordinal)!);
}
