using System.Linq.Expressions;
using DuckDB.NET.Data;
using ParquetSharp;

namespace Alimentar.IntegrationTests;

/// <summary>The column named "String" of parquet-rs's Bloom filter file in the corpus.</summary>
[StreamingDataset]
public partial record BloomRow([property: ParquetColumn("String")] string? Text);

/// <summary>A timestamp with sub-millisecond ticks, as Parquet.Net writes it.</summary>
[StreamingDataset]
public partial record StampRow(long Id, DateTime At);

/// <summary>A row with every shape C# gives a filter: enums, nullables, bools, dates and strings.</summary>
[StreamingDataset]
public partial record FilterRow(long Id, Weekday Day, [property: ParquetEnumAsString] Weekday? NamedDay, int? Count, bool Active, double Score, string Name, string? Note, DateTime At, decimal Price);

/// <summary>Where filters prune row groups and pages, refuse what they cannot push down, and compose with training-loop plans.</summary>
public sealed class FilterTests
{
    private static FilterRow Row(int i) => new(
        i, (Weekday)(i % 7), i % 5 == 0 ? null : (Weekday)(i % 3), i % 4 == 0 ? null : i % 100, i % 3 == 0, i % 11 == 0 ? double.NaN : i * 0.5,
        $"name-{i % 40:D2}", i % 6 == 0 ? null : $"note {i % 9}", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i), i * 0.25m);

    private static async Task<string> WriteRowsAsync(TempFile file, int rows = 20_000, int rowGroupSize = 1_000)
    {
        await ParquetDatasetWriter<FilterRow>.WriteFileAsync(file.Path, Enumerable.Range(0, rows).Select(Row), rowGroupSize);
        return file.Path;
    }

    public static TheoryData<Expression<Func<FilterRow, bool>>> CompilerShapes()
    {
        var from = new DateTime(2024, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        long[] ids = [3, 999, 12_345, 19_999, 40_000];
        var names = new List<string> { "name-07", "name-31" };
        Weekday day = Weekday.Wednesday;
        int? missing = null;
        return new TheoryData<Expression<Func<FilterRow, bool>>>
        {
            t => t.Id >= 1_000 && t.Id < 1_500,
            t => t.At >= from && t.Count == 42,
            t => ids.Contains(t.Id),
            t => names.Contains(t.Name) || t.Note == null,
            t => t.Day == day,
            t => t.Day != Weekday.Monday && t.Day <= Weekday.Wednesday,
            t => t.NamedDay == Weekday.Tuesday,
            t => t.NamedDay != null && t.NamedDay != Weekday.Monday,
            t => t.Count.HasValue && t.Count.Value > 90,
            t => !t.Count.HasValue,
            t => t.Count == missing,
            t => t.Count > 50 || t.Count < 3,
            t => !(t.Count > 50),
            t => t.Active,
            t => !t.Active && t.Score > 100,
            t => t.Score >= 0.0 && t.Score < 10.5,
            t => t.Score > 9_000.0f,
            t => t.Name.StartsWith("name-1", StringComparison.Ordinal),
            t => t.Note != null && t.Note.StartsWith("note 3"),
            t => string.IsNullOrEmpty(t.Note),
            t => string.CompareOrdinal(t.Name, "name-17") > 0 && string.Compare(t.Name, "name-23", StringComparison.Ordinal) <= 0,
            t => string.CompareOrdinal(t.Note, "note 4") < 0,
            t => 0 <= string.CompareOrdinal("note 2", t.Note),
            t => string.CompareOrdinal(t.Note, null) > 0,
            t => t.Price >= 1_000.25m && t.Price <= 1_001m,
            t => t.Id > 5 + 10 * 2 && t.Id <= 30,
            t => 100 > t.Id,
            t => false || t.Id == 7,
            t => t.Id == ids[2] || t.Id >= ids[ids.Length - 2] - 5,
            t => t.Name == names[1],
        };
    }

    [Theory]
    [MemberData(nameof(CompilerShapes))]
    public async Task Predicates_as_the_compiler_writes_them_keep_exactly_the_rows_LINQ_keeps(Expression<Func<FilterRow, bool>> predicate)
    {
        using var file = new TempFile();
        string path = await WriteRowsAsync(file);
        FilterRow[] expected = Enumerable.Range(0, 20_000).Select(Row).Where(predicate.Compile()).ToArray();
        List<FilterRow> actual = ParquetFiles.ReadAll(new ParquetSource<FilterRow>(path).BatchSize(700).Where(predicate));
        Assert.Equal(expected.Select(r => r.Id), actual.Select(r => r.Id));
        Assert.All(actual, row => Assert.True(row.Score.Equals(Row((int)row.Id).Score) && row == Row((int)row.Id) || double.IsNaN(row.Score)));
    }

    [Fact]
    public async Task A_range_on_a_sorted_column_reads_only_the_row_groups_it_can_match()
    {
        using var file = new TempFile();
        string path = await WriteRowsAsync(file);
        ParquetSource<FilterRow> source = new ParquetSource<FilterRow>(path).Where(t => t.Id >= 4_200 && t.Id < 4_400);

        FilterExplanation explanation = source.Explain();

        Assert.Equal([4], explanation.RowGroups.Where(g => g.Kept).Select(g => g.Index));
        Assert.Equal(1_000, explanation.RowsToRead);
        Assert.Contains("statistics rule out every row (Id: 0 to 999", explanation.RowGroups[0].Reason, StringComparison.Ordinal);
        Assert.Contains("reads 1000 of 20000 rows, in 1 of 20 row groups", explanation.ToString(), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(4_200, 200).Select(i => (long)i), ParquetFiles.ReadAll(source).Select(r => r.Id));
    }

    [Fact]
    public async Task An_explanation_shows_booleans_and_timestamps_as_a_filter_is_written_not_in_the_invariant_culture_s_forms()
    {
        using var file = new TempFile();
        string path = await WriteRowsAsync(file);
        var from = new DateTime(2024, 1, 5, 6, 30, 0, DateTimeKind.Utc);

        string explanation = new ParquetSource<FilterRow>(path).Where(t => t.Active == false && t.At >= from).Explain().ToString();

        Assert.True(explanation.Contains("Active == false", StringComparison.Ordinal), explanation);
        Assert.True(explanation.Contains("At >= 2024-01-05 06:30:00Z", StringComparison.Ordinal), explanation);
        Assert.True(explanation.Contains("Active: false to true", StringComparison.Ordinal), explanation);
        Assert.DoesNotContain("False", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("01/05/2024", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_index_narrows_a_row_group_to_the_pages_that_can_match_and_the_reader_seeks_over_the_rest()
    {
        using var file = new TempFile();
        ParquetSharpDifferentialTests.Write(file.Path, ParquetDataPageVersion.V1, "plain", Compression.Snappy, rows: 10_000, pageIndex: true);
        List<SharpRow> all = ParquetFiles.ReadAll(new ParquetSource<SharpRow>(file.Path));
        // Rows 1700 to 1780 of the second row group: its second page, so the reader seeks over the first.
        long low = all[4_200].Id, high = all[4_280].Id;
        ParquetSource<SharpRow> source = new ParquetSource<SharpRow>(file.Path).Where(t => t.Id >= low && t.Id <= high);

        FilterExplanation explanation = source.Explain();
        RowGroupExplanation kept = Assert.Single(explanation.RowGroups, g => g.Kept);

        Assert.InRange(kept.PagesKept, 1, kept.PagesTotal - 2);
        Assert.InRange(kept.RowsToRead, 81, kept.Rows / 2);
        Assert.Contains("page index keeps", kept.Reason, StringComparison.Ordinal);
        Assert.Equal(all.Skip(4_200).Take(81).Select(r => r.Id), ParquetFiles.ReadAll(source).Select(r => r.Id));

        long Fetched(Func<ParquetSource<SharpRow>, ParquetSource<SharpRow>> configure)
        {
            using var stream = new CountingStream(File.OpenRead(file.Path));
            _ = ParquetFiles.ReadAll(configure(new ParquetSource<SharpRow>(stream, "counted")));
            return stream.BytesRead;
        }

        long full = Fetched(s => s), filtered = Fetched(s => s.Where(t => t.Id >= low && t.Id <= high));
        Assert.True(filtered < full / 3, $"the filtered pass read {filtered} bytes, the full pass {full}");
    }

    [Fact]
    public async Task Timestamps_from_Parquet_Net_prune_by_its_millisecond_bounds_without_losing_a_row()
    {
        // Parquet.Net 6.1 writes TIMESTAMP(MICROS) bounds as whole milliseconds, rounded down; rows sit between them.
        var origin = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        using var file = new TempFile();
        await WriteWithParquetNetAsync(file.Path, Enumerable.Range(0, 10_000).Select(i => new StampRow(i, origin.AddTicks(i * 7_013L - 35_000_000))).ToArray(), rowGroupSize: 1_000);
        List<StampRow> rows = ParquetFiles.ReadAll(new ParquetSource<StampRow>(file.Path)); // as stored: whole microseconds

        foreach (int at in new[] { 0, 999, 1_000, 4_567, 9_999 })
        {
            DateTime edge = rows[at].At;
            foreach (Expression<Func<StampRow, bool>> predicate in new Expression<Func<StampRow, bool>>[]
            {
                r => r.At > edge, r => r.At >= edge, r => r.At < edge, r => r.At <= edge, r => r.At == edge,
            })
            {
                Assert.Equal(rows.Where(predicate.Compile()), ParquetFiles.ReadAll(new ParquetSource<StampRow>(file.Path).Where(predicate)));
            }
        }

        DateTime from = rows[4_200].At, to = rows[4_300].At;
        FilterExplanation explanation = new ParquetSource<StampRow>(file.Path).Where(r => r.At >= from && r.At < to).Explain();
        Assert.Equal([4], explanation.RowGroups.Where(g => g.Kept).Select(g => g.Index));
    }


    /// <summary>Writes stamps with Parquet.Net, whose TIMESTAMP(MICROS) bounds are whole milliseconds.</summary>
    private static async Task WriteWithParquetNetAsync(string path, StampRow[] rows, int rowGroupSize)
    {
        var id = new global::Parquet.Schema.DataField<long>("Id");
        var at = new global::Parquet.Schema.DateTimeDataField("At", global::Parquet.Schema.DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: global::Parquet.Schema.DateTimeTimeUnit.Micros, isNullable: false);
        await using FileStream stream = File.Create(path);
        await using global::Parquet.ParquetWriter writer = await global::Parquet.ParquetWriter.CreateAsync(new global::Parquet.Schema.ParquetSchema(id, at), stream);
        foreach (StampRow[] chunk in rows.Chunk(rowGroupSize))
        {
            using global::Parquet.ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<long>(id, chunk.Select(r => r.Id).ToArray());
            await rowGroup.WriteAsync<DateTime>(at, chunk.Select(r => r.At).ToArray());
        }
    }

    [Fact]
    public void A_Bloom_filter_rules_out_a_value_inside_the_statistics_bounds()
    {
        string path = ParquetFiles.Corpus("data_index_bloom_encoding_with_length.parquet");
        List<string?> values = ParquetFiles.ReadAll(new ParquetSource<BloomRow>(path)).Select(r => r.Text).ToList();
        string present = values.First(v => v is not null)!;
        string absent = present + "\u0001";
        Assert.DoesNotContain(absent, values);

        ParquetSource<BloomRow> source = new ParquetSource<BloomRow>(path).Where(r => r.Text == absent);
        FilterExplanation explanation = source.Explain();

        Assert.All(explanation.RowGroups, g => Assert.Contains("Bloom filter", g.Reason, StringComparison.Ordinal));
        Assert.Empty(ParquetFiles.ReadAll(source));
        Assert.Equal(values.Count(v => v == present), ParquetFiles.ReadAll(new ParquetSource<BloomRow>(path).Where(r => r.Text == present)).Count);
    }

    [Theory]
    [InlineData("length")]
    [InlineData("two members")]
    [InlineData("narrowing")]
    [InlineData("substring")]
    [InlineData("method")]
    public void What_cannot_be_pushed_down_is_refused_at_Where_naming_the_part(string shape)
    {
        var source = new ParquetSource<FilterRow>(ParquetFiles.Corpus("alltypes_plain.parquet"));
        (Expression<Func<FilterRow, bool>> predicate, string part) = shape switch
        {
            "length" => ((Expression<Func<FilterRow, bool>>)(t => t.Name.Length > 3), "t.Name.Length"),
            "two members" => (t => t.Id > t.Count, "Convert(t.Count"),
            "narrowing" => (t => (int)t.Score > 3, "Convert(t.Score, Int32)"),
            "substring" => (t => t.Name.Contains("x"), "t.Name.Contains(\"x\")"),
            _ => (t => t.Name.ToUpperInvariant() == "X", "ToUpperInvariant"),
        };

        UnsupportedFilterException error = Assert.Throws<UnsupportedFilterException>(() => source.Where(predicate));
        Assert.Contains("cannot be pushed down", error.Message, StringComparison.Ordinal);
        Assert.Null(source.Filter);
        Assert.Contains(part, error.Part, StringComparison.Ordinal);
        Assert.Contains(error.Part, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filtered_source_shards_shuffles_and_resumes_over_the_matching_rows_only()
    {
        using var file = new TempFile();
        string path = await WriteRowsAsync(file, rows: 12_000, rowGroupSize: 700);
        Func<FilterRow, bool> matches = t => t.Count > 20 || t.Active;
        long[] matching = Enumerable.Range(0, 12_000).Select(Row).Where(matches).Select(r => r.Id).ToArray();

        StreamingDataset<FilterRow> Configure(int rank) =>
            new StreamingDataset<FilterRow>(new ParquetSource<FilterRow>(path).BatchSize(256).Where(t => t.Count > 20 || t.Active), 4)
                .WithShard(rank, 3).WithShuffle(5, windowRows: 2_000).WithEpoch(1);

        var seen = new HashSet<long>();
        for (int rank = 0; rank < 3; rank++)
        {
            using StreamingDataset<FilterRow> streaming = Configure(rank);
            long[] ids = streaming.Rows().Select(r => r.Id).ToArray();
            Assert.Equal(matching.Length / 3, ids.Length);
            Assert.Equal(ids.Length, streaming.TotalRows);
            Assert.All(ids, id => Assert.True(seen.Add(id) && matches(Row((int)id)), $"row {id} is repeated or does not match"));

            // Resume mid-pass gives exactly the rest.
            Assert.Equal(ids, Resumption.ReadInterruptedAndResumed(() => Configure(rank), 1_234, r => r.Id));
        }

        Assert.InRange(matching.Length - seen.Count, 0, 2);
    }

    [Fact]
    public async Task A_DuckDB_file_filtered_on_its_sorted_key_prunes_row_groups_and_pages()
    {
        using var file = new TempFile();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        DuckDbDifferentialTests.Write(connection, DuckDbDifferentialTests.QueryOf(50_000), file.Path, "COMPRESSION snappy, ROW_GROUP_SIZE 10000");
        ParquetSource<DuckRow> source = new ParquetSource<DuckRow>(file.Path).Where(t => t.Id >= 31_000 && t.Id < 31_050);

        FilterExplanation explanation = source.Explain();

        Assert.Single(explanation.RowGroups, g => g.Kept);
        Assert.Equal(Enumerable.Range(31_000, 50).Select(i => (long)i), ParquetFiles.ReadAll(source).Select(r => r.Id));
    }
}

/// <summary>A read-only stream that counts the bytes read through it: what a filter saves, in bytes.</summary>
internal sealed class CountingStream(Stream inner) : ReadOnlyStreamWrapper(inner)
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = Inner.Read(buffer, offset, count);
        BytesRead += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await Inner.ReadAsync(buffer, cancellationToken);
        BytesRead += read;
        return read;
    }
}
