using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>Records inside rows (Parquet groups) and lists of records, from files other writers made.</summary>
public sealed class RecordTests
{
    private const string Conversations = """
        SELECT i AS id,
               CASE WHEN i % 5 = 0 THEN []
                    ELSE [{'role': 'user', 'content': 'q' || i, 'tokens': i},
                          {'role': 'assistant', 'content': 'a' || i, 'tokens': CASE WHEN i % 2 = 0 THEN NULL ELSE i * 2 END}] END AS messages,
               CASE WHEN i % 3 = 0 THEN NULL ELSE {'bytes': encode('img' || i), 'path': 'p/' || i || '.png'} END AS picture,
               {'year': 2000 + i % 25, 'cover': {'bytes': NULL::BLOB, 'path': 'c' || i}} AS meta,
               CASE WHEN i % 4 = 0 THEN NULL ELSE [NULL, {'bytes': NULL::BLOB, 'path': 'g' || i}] END AS gallery
        FROM range(2200) t(i)
        """;

    [Fact]
    public void Records_and_lists_of_records_written_by_DuckDB_read_as_the_member_types()
    {
        using var file = new TempFile();
        Write(Conversations, file.Path, "ROW_GROUP_SIZE 1000");

        List<Conversation> rows = ParquetFiles.ReadAll(new ParquetSource<Conversation>(file.Path).BatchSize(300));

        Assert.Equal(2200, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            AssertRow(i, rows[i]);
        }
    }

    [Fact]
    public void The_batch_accessor_of_a_list_of_records_is_flat_over_the_rows()
    {
        using var file = new TempFile();
        Write(Conversations, file.Path, "ROW_GROUP_SIZE 1000");

        using var streaming = new StreamingDataset<Conversation>(new ParquetSource<Conversation>(file.Path).BatchSize(10), 2);
        Batch<Conversation> batch = streaming.First();
        ListColumn<Message> messages = batch.Messages;
        ReadOnlySpan<Image?> pictures = batch.Picture;

        Assert.Equal(0, messages.LengthOf(0));
        Assert.Equal(new Message("user", "q1", 1), messages[1][0]);
        Assert.Equal(2 * 8, messages.Values.Length);
        Assert.Null(pictures[0]);
        Assert.Equal("p/1.png", pictures[1]!.Value.Path);
        batch.Dispose();
    }

    [Fact]
    public void Filters_and_resumes_keep_records_with_their_rows()
    {
        using var file = new TempFile();
        Write(Conversations, file.Path, "ROW_GROUP_SIZE 1000");

        List<Conversation> filtered = ParquetFiles.ReadAll(new ParquetSource<Conversation>(file.Path).Where(c => c.Id >= 1500 && c.Id < 1510));
        Assert.Equal(Enumerable.Range(1500, 10).Select(i => (long)i), filtered.Select(c => c.Id));
        Assert.All(filtered, c => AssertRow((int)c.Id, c));

        var source = new ParquetSource<Conversation>(file.Path).BatchSize(100);
        using var first = new StreamingDataset<Conversation>(source, 2);
        foreach (Batch<Conversation> batch in first.Take(13))
        {
            batch.Dispose();
        }

        using var resumed = new StreamingDataset<Conversation>(source, 2).ResumeFrom(first.GetState());
        List<Conversation> rest = resumed.Rows().ToList();
        Assert.Equal(2200 - 1300, rest.Count);
        AssertRow(1300, rest[0]);
    }

    [Fact]
    public void A_null_record_in_a_member_that_cannot_hold_one_names_the_member_and_row()
    {
        using var file = new TempFile();
        Write("SELECT i::BIGINT AS id, CASE WHEN i = 6 THEN NULL ELSE {'year': 1, 'cover': {'bytes': NULL::BLOB, 'path': 'x'}} END AS meta FROM range(10) t(i)", file.Path, "COMPRESSION 'snappy'");

        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ParquetSource<StrictMeta>(file.Path)));

        Assert.Equal(6, error.Row);
        Assert.Contains("Meta", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_field_value_its_member_cannot_hold_names_the_field_s_member_and_the_row_that_holds_it()
    {
        ValueOutOfRangeException error = ReadMisfit<NarrowInfoRow>(
            "SELECT i::BIGINT AS id, {'year': CASE WHEN i = 6 THEN 5000000000 ELSE 2000 + i END, 'keywords': NULL::VARCHAR[]} AS info FROM range(10) t(i)");

        Assert.Contains("member NarrowInfoRow.Info.Year (Int32)", error.Message, StringComparison.Ordinal);
        Assert.Equal("info/year", error.ColumnName);
        Assert.Equal(6, error.Row);
    }

    [Fact]
    public void A_list_element_its_member_cannot_hold_names_the_row_that_holds_it()
    {
        ValueOutOfRangeException error = ReadMisfit<NarrowCountsRow>(
            "SELECT i::BIGINT AS id, [1, 2, CASE WHEN i = 3 THEN 5000000000 ELSE 3 END]::BIGINT[] AS counts FROM range(10) t(i)");

        Assert.Contains("member NarrowCountsRow.Counts (Int32)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Row);
    }

    [Fact]
    public void A_record_field_missing_from_the_file_is_a_mismatch_naming_the_group_s_fields()
    {
        using var file = new TempFile();
        Write("SELECT 1::BIGINT AS id, {'year': 1, 'kover': {'bytes': NULL::BLOB, 'path': 'x'}} AS meta", file.Path, "COMPRESSION 'snappy'");

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<StrictMeta>(file.Path)));

        Assert.Contains("'kover'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cover", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_of_key_value_records_and_parquet_mr_s_lists_of_structs_read()
    {
        List<ParquetMrStructs> rows = ParquetFiles.ReadAll(new ParquetSource<ParquetMrStructs>(ParquetFiles.Corpus("nullable.impala.parquet")));

        Assert.Equal(7, rows.Count);
        Assert.Equal(1, rows[0].Id);
        Assert.NotNull(rows[0].IntMap);
        Assert.Equal([new KeyValue("k1", 1), new KeyValue("k2", 100)], rows[0].IntMap!);
    }

    [Fact]
    public async Task Records_written_by_our_own_writer_read_back_unchanged_nulls_and_empties_included()
    {
        using var file = new TempFile();
        Conversation[] rows = Enumerable.Range(0, 300).Select(i => new Conversation(
            i,
            Enumerable.Range(0, i % 4).Select(m => new Message(m % 2 == 0 ? "user" : "assistant", $"text {i}/{m}", m == 1 ? null : m * i)).ToList(),
            i % 3 == 0 ? null : new Image(i % 2 == 0 ? [(byte)i, 1, 2] : null, $"p{i}"),
            new Meta { Year = 2000 + i },
            i % 5 == 0 ? null : Enumerable.Range(0, i % 3).Select(g => g == 1 ? (Image?)null : new Image(null, $"g{i}.{g}")).ToList())).ToArray();

        await ParquetDatasetWriter<Conversation>.WriteFileAsync(file.Path, rows, rowGroupSize: 128);
        List<Conversation> read = ParquetFiles.ReadAll(new ParquetSource<Conversation>(file.Path).BatchSize(50));

        Assert.Equal(rows.Length, read.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i].Id, read[i].Id);
            Assert.Equal(rows[i].Messages, read[i].Messages);
            Assert.Equal(rows[i].Picture?.Path, read[i].Picture?.Path);
            Assert.Equal(rows[i].Picture?.Bytes, read[i].Picture?.Bytes);
            Assert.Equal(rows[i].Meta.Year, read[i].Meta.Year);
            Assert.Equal(rows[i].Gallery?.Select(g => g?.Path), read[i].Gallery?.Select(g => g?.Path));
        }
    }

    [Fact]
    public void Record_rows_move_through_memory_sources_and_shuffles_unchanged()
    {
        Conversation[] rows = Enumerable.Range(0, 50).Select(i => new Conversation(
            i, [new Message("user", $"q{i}", i)], i % 2 == 0 ? null : new Image(null, $"p{i}"), new Meta { Year = i }, null)).ToArray();

        using var streaming = new StreamingDataset<Conversation>(new MemorySource<Conversation>(rows, batchSize: 8), 2).WithShuffle(seed: 1, windowRows: 20, lanes: 2);
        List<Conversation> read = streaming.Rows().OrderBy(c => c.Id).ToList();

        Assert.Equal(rows.Select(r => r.Id), read.Select(r => r.Id));
        Assert.All(read, r => Assert.Equal(new Message("user", $"q{r.Id}", (int)r.Id), Assert.Single(r.Messages)));
        Assert.All(read, r => Assert.Equal(r.Id, r.Meta.Year));
    }

    [Fact]
    public void Maps_written_by_DuckDB_read_into_dictionaries_and_their_entries_flat()
    {
        using var file = new TempFile();
        Write("""
            SELECT i::BIGINT AS id,
                   CASE WHEN i % 3 = 0 THEN NULL ELSE MAP(['a' || i, 'b'], [(i * 0.5)::DOUBLE, NULL]) END AS scores,
                   MAP([i, i + 1], [{'bytes': NULL::BLOB, 'path': 'x' || i}, {'bytes': encode('y'), 'path': NULL}]) AS thumbnails
            FROM range(1500) t(i)
            """, file.Path, "ROW_GROUP_SIZE 1000");

        List<Scored> rows = ParquetFiles.ReadAll(new ParquetSource<Scored>(file.Path).BatchSize(256));

        Assert.Equal(1500, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i % 3 == 0 ? null : new Dictionary<string, double?> { [$"a{i}"] = i * 0.5, ["b"] = null }, rows[i].Scores);
            Assert.Equal([i, i + 1], rows[i].Thumbnails.Keys.Order());
            Assert.Equal($"x{i}", rows[i].Thumbnails[i].Path);
            Assert.Equal("y"u8.ToArray(), rows[i].Thumbnails[i + 1].Bytes);
        }

        using var streaming = new StreamingDataset<Scored>(new ParquetSource<Scored>(file.Path).BatchSize(4), 2);
        Batch<Scored> batch = streaming.First();
        ListColumn<KeyValuePair<string, double?>> scores = batch.Scores;
        Assert.True(scores.IsNull(0));
        Assert.Equal(new KeyValuePair<string, double?>("a1", 0.5), scores[1][0]);
        Assert.Equal(0.5, MapEntries.ToDictionary(scores, 1)!["a1"]);
        batch.Dispose();
    }

    [Fact]
    public void A_key_met_twice_in_a_row_is_a_typed_error_naming_the_row()
    {
        using var file = new TempFile();
        Write("""
            SELECT i::BIGINT AS id,
                   CASE WHEN i = 4 THEN [{'key': 'k', 'value': 1.0::DOUBLE}, {'key': 'k', 'value': 2.0::DOUBLE}] ELSE [{'key': 'k', 'value': 1.0::DOUBLE}] END AS scores,
                   MAP([1], [{'bytes': NULL::BLOB, 'path': 'x'}]) AS thumbnails
            FROM range(8) t(i)
            """, file.Path, "COMPRESSION 'snappy'");

        DuplicateKeyException error = Assert.Throws<DuplicateKeyException>(() => ParquetFiles.ReadAll(new ParquetSource<Scored>(file.Path)));

        Assert.Equal(4, error.Row);
        Assert.Equal("k", error.Key);
        Assert.Contains("scores", error.ColumnName, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_of_values_inside_records_and_inside_lists_of_records_read_per_entry()
    {
        using var file = new TempFile();
        Write("""
            SELECT i::BIGINT AS id,
                   CASE WHEN i % 4 = 0 THEN [] ELSE [{'label': 'a' || i, 'box': [i, i + 1.5, NULL]::FLOAT[], 'tags': NULL::VARCHAR[]},
                                                    {'label': 'b', 'box': []::FLOAT[], 'tags': ['t', NULL]}] END AS detections,
                   {'year': i, 'keywords': CASE WHEN i % 3 = 0 THEN NULL ELSE ['k' || i] END} AS info
            FROM range(1200) t(i)
            """, file.Path, "ROW_GROUP_SIZE 500");

        List<Frame> rows = ParquetFiles.ReadAll(new ParquetSource<Frame>(file.Path).BatchSize(128).Where(f => f.Id >= 0));

        Assert.Equal(1200, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Frame row = rows[i];
            if (i % 4 == 0)
            {
                Assert.Empty(row.Detections);
            }
            else
            {
                Assert.Equal(2, row.Detections.Count);
                Assert.Equal($"a{i}", row.Detections[0].Label);
                Assert.Equal([i, i + 1.5f, null], row.Detections[0].Box);
                Assert.Null(row.Detections[0].Tags);
                Assert.Empty(row.Detections[1].Box);
                Assert.Equal(["t", null], row.Detections[1].Tags);
            }

            Assert.Equal(i, row.Info.Year);
            Assert.Equal(i % 3 == 0 ? null : [$"k{i}"], row.Info.Keywords);
        }

        List<Frame> some = ParquetFiles.ReadAll(new ParquetSource<Frame>(file.Path).Where(f => f.Id == 7 || f.Id == 1101));
        Assert.Equal([7L, 1101L], some.Select(f => f.Id));
        Assert.Equal([1101f, 1102.5f, null], some[1].Detections[0].Box);
    }

    [Fact]
    public void A_null_list_inside_a_record_where_the_field_cannot_hold_one_names_the_field_and_row()
    {
        using var file = new TempFile();
        Write("""
            SELECT i::BIGINT AS id,
                   [{'label': 'a', 'box': CASE WHEN i = 5 THEN NULL ELSE [1.0]::FLOAT[] END, 'tags': NULL::VARCHAR[]}] AS detections,
                   {'year': i, 'keywords': NULL::VARCHAR[]} AS info
            FROM range(8) t(i)
            """, file.Path, "COMPRESSION 'snappy'");

        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ParquetSource<Frame>(file.Path)));

        Assert.Equal(5, error.Row);
        Assert.Contains("Detections.Box", error.Message, StringComparison.Ordinal);
        Assert.Contains("null list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_issue_s_conversation_row_reads_from_DuckDB_with_its_flat_token_column()
    {
        using var file = new TempFile();
        Write("""
            SELECT 'c' || i AS id,
                   [{'role': 'user', 'content': 'hi ' || i}] AS messages,
                   CASE WHEN i % 2 = 0 THEN NULL ELSE MAP(['bleu'], [i / 10.0::DOUBLE]) END AS scores,
                   [[i, i + 1], [i + 2]] AS spans,
                   {'bytes': NULL::BLOB, 'path': 'img/' || i || '.jpg'} AS picture,
                   CASE WHEN i % 3 = 0 THEN NULL ELSE ['a', NULL] END AS tags,
                   list_transform(range(i % 5), j -> (i * 10 + j)::INTEGER) AS tokens
            FROM range(500) t(i)
            """, file.Path, "ROW_GROUP_SIZE 200");

        List<IssueConversation> rows = ParquetFiles.ReadAll(new ParquetSource<IssueConversation>(file.Path).BatchSize(64));
        Assert.Equal(500, rows.Count);
        IssueConversation seven = rows[7];
        Assert.Equal("c7", seven.Id);
        Assert.Equal(new IssueMessage("user", "hi 7"), Assert.Single(seven.Messages));
        Assert.Equal(0.7, seven.Scores!["bleu"], 10);
        Assert.Equal([[7, 8], [9]], seven.Spans);
        Assert.Equal("img/7.jpg", seven.Picture!.Value.Path);
        Assert.Equal(["a", null], seven.Tags);
        Assert.Equal([70, 71], seven.Tokens);

        using var streaming = new StreamingDataset<IssueConversation>(new ParquetSource<IssueConversation>(file.Path).BatchSize(64), 2);
        long tokens = 0;
        foreach (Batch<IssueConversation> batch in streaming)
        {
            using (batch)
            {
                ListColumn<int> column = batch.Tokens;
                Assert.Equal(column.Offsets[column.Count], column.Values.Length);
                tokens += column.Values.Length;
            }
        }

        Assert.Equal(Enumerable.Range(0, 500).Sum(i => i % 5), tokens);
    }

    [Fact]
    public void Filters_on_fields_of_records_keep_the_rows_LINQ_keeps_and_a_null_record_s_fields_read_as_null()
    {
        using var file = new TempFile();
        Write(Conversations, file.Path, "ROW_GROUP_SIZE 1000");
        List<Conversation> all = ParquetFiles.ReadAll(new ParquetSource<Conversation>(file.Path));

        List<Conversation> year = ParquetFiles.ReadAll(new ParquetSource<Conversation>(file.Path).BatchSize(128).Where(c => c.Meta.Year == 2007 && c.Id > 100));
        Assert.Equal(all.Where(c => c.Meta.Year == 2007 && c.Id > 100).Select(c => c.Id), year.Select(c => c.Id));
        Assert.All(year, c => AssertRow((int)c.Id, c));

        List<Conversation> path = ParquetFiles.ReadAll(new ParquetSource<Conversation>(file.Path).Where(c => c.Picture!.Value.Path == "p/1300.png" || c.Meta.Cover.Path!.StartsWith("c219", StringComparison.Ordinal)));
        Assert.Equal(all.Where(c => c.Picture?.Path == "p/1300.png" || c.Meta.Cover.Path!.StartsWith("c219", StringComparison.Ordinal)).Select(c => c.Id), path.Select(c => c.Id));

        // A comparison on a field of a null record sees null, as SQL does; C# would throw instead.
        List<Conversation> noPicture = ParquetFiles.ReadAll(new ParquetSource<Conversation>(file.Path).Where(c => c.Picture!.Value.Path == null));
        Assert.Equal(all.Where(c => c.Picture is null).Select(c => c.Id), noPicture.Select(c => c.Id));
    }

    [Fact]
    public void A_filter_on_a_record_field_prunes_row_groups_and_pages_by_that_leaf_s_statistics()
    {
        using var file = new TempFile();
        Write("SELECT i::BIGINT AS id, {'year': i::INTEGER, 'cover': {'bytes': NULL::BLOB, 'path': 'c' || i}} AS meta FROM range(5000) t(i)", file.Path, "ROW_GROUP_SIZE 1000");
        ParquetSource<StrictMeta> source = new ParquetSource<StrictMeta>(file.Path).Where(r => r.Meta.Year >= 4500);

        FilterExplanation explanation = source.Explain();
        List<StrictMeta> rows = ParquetFiles.ReadAll(source);

        Assert.True(explanation.RowGroups.Count > 1);
        Assert.False(explanation.RowGroups[0].Kept);
        Assert.True(explanation.RowGroups[^1].Kept);
        Assert.True(explanation.RowsToRead < 5000);
        Assert.Equal(Enumerable.Range(4500, 500).Select(i => (long)i), rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal($"c{r.Id}", r.Meta.Cover.Path));
        using var streaming = new StreamingDataset<StrictMeta>(source, 2);
        Assert.Equal(500, streaming.TotalRows);
    }

    [Fact]
    public void A_filter_on_the_contents_of_a_list_of_records_is_refused_at_the_call_naming_it()
    {
        using var file = new TempFile();
        Write(Conversations, file.Path, "COMPRESSION 'snappy'");
        var source = new ParquetSource<Conversation>(file.Path);

        UnsupportedFilterException error = Assert.Throws<UnsupportedFilterException>(() => source.Where(c => c.Messages[0].Role == "user"));

        Assert.Contains("Messages", error.Message, StringComparison.Ordinal);
    }

    private static void AssertRow(int i, Conversation row)
    {
        Assert.Equal(i, row.Id);
        Message[] messages = i % 5 == 0 ? [] : [new("user", $"q{i}", i), new("assistant", $"a{i}", i % 2 == 0 ? null : i * 2)];
        Assert.Equal(messages, row.Messages);
        Assert.Equal(i % 3 == 0 ? null : new Image(System.Text.Encoding.UTF8.GetBytes($"img{i}"), $"p/{i}.png"), row.Picture, ImageComparer.Instance);
        Assert.Equal(2000 + (i % 25), row.Meta.Year);
        Assert.Equal($"c{i}", row.Meta.Cover.Path);
        Assert.Null(row.Meta.Cover.Bytes);
        if (i % 4 == 0)
        {
            Assert.Null(row.Gallery);
        }
        else
        {
            Assert.Equal(2, row.Gallery!.Count);
            Assert.Null(row.Gallery[0]);
            Assert.Equal($"g{i}", row.Gallery[1]!.Value.Path);
        }
    }

    /// <summary>Writes the query's rows and reads them as <typeparamref name="TRow"/>, whose members are narrower than a value.</summary>
    private static ValueOutOfRangeException ReadMisfit<TRow>(string query)
        where TRow : IStreamingRow<TRow>
    {
        using var file = new TempFile();
        Write(query, file.Path, "COMPRESSION 'snappy'");
        return Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<TRow>(file.Path)));
    }

    private static void Write(string query, string path, string options)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        DuckDbDifferentialTests.Write(connection, query, path, options);
    }

    private sealed class ImageComparer : IEqualityComparer<Image?>
    {
        public static readonly ImageComparer Instance = new();

        public bool Equals(Image? x, Image? y) => x is null ? y is null : y is { } other && x.Value.Path == other.Path && (x.Value.Bytes ?? []).SequenceEqual(other.Bytes ?? []);

        public int GetHashCode(Image? obj) => obj?.Path?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}

public sealed record Message(string Role, string Content, int? Tokens);

public record struct Image(byte[]? Bytes, string? Path);

public sealed class Meta
{
    public int Year { get; init; }

    public Image Cover { get; init; }
}

public sealed record KeyValue(string Key, int? Value);

[StreamingDataset]
public partial record Conversation(long Id, List<Message> Messages, Image? Picture, Meta Meta, IReadOnlyList<Image?>? Gallery);

[StreamingDataset]
public partial record StrictMeta(long Id, Meta Meta);

public sealed record Detection(string Label, float?[] Box, List<string?>? Tags);

public sealed record Info(long Year, string[]? Keywords);

[StreamingDataset]
public partial record Frame(long Id, List<Detection> Detections, Info Info);

public sealed record NarrowInfo(int Year, string[]? Keywords);

[StreamingDataset]
public partial record NarrowInfoRow(long Id, NarrowInfo Info);

[StreamingDataset]
public partial record NarrowCountsRow(long Id, int[] Counts);

public sealed record IssueMessage(string Role, string Content);

public record struct IssueImage(byte[]? Bytes, string? Path);

/// <summary>The nested-data issue's own example row.</summary>
[StreamingDataset]
public partial record IssueConversation(
    string Id,
    List<IssueMessage> Messages,
    Dictionary<string, double>? Scores,
    int[][] Spans,
    IssueImage? Picture,
    IReadOnlyList<string?>? Tags,
    int[] Tokens);

[StreamingDataset]
public partial record Scored(long Id, Dictionary<string, double?>? Scores, IReadOnlyDictionary<int, Image> Thumbnails);

[StreamingDataset]
public partial record ParquetMrStructs([property: ParquetColumn("id")] long Id, [property: ParquetColumn("int_map")] KeyValue[]? IntMap);
