using System.Data.Common;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record VariantRow(long Id, ParquetVariant? Payload);

[StreamingDataset]
public partial record RequiredVariantRow(long Id, ParquetVariant Payload);

public sealed record VariantHolder(ParquetVariant? Payload);

[StreamingDataset]
public partial record NestedVariantRow(long Id, VariantHolder Holder);

[StreamingDataset]
public partial record VariantListRow(long Id, ParquetVariant?[]? Items);

[StreamingDataset]
public partial record VariantGridRow(long Id, ParquetVariant[][]? Items);

[StreamingDataset]
public partial record NullableVariantGridRow(long Id, ParquetVariant?[]?[]? Items);

[StreamingDataset]
public partial record WrittenVariantRow(long Id, ParquetVariant? Payload, ParquetVariant Required, ParquetVariant?[]? Items, VariantHolder? Holder, Dictionary<string, ParquetVariant>? Named)
{
    /// <summary>Row <paramref name="i"/>: variants of every JSON kind at every depth, nulls now and then at each.</summary>
    public static WrittenVariantRow Make(int i) => new(
        i,
        i % 7 == 0 ? null : ParquetVariant.FromJson($$$"""{"id": {{{i}}}, "name": "n{{{i}}}", "tags": ["a", {{{i % 5}}}], "score": {{{i}}}.5, "deep": {"ok": {{{(i % 2 == 0 ? "true" : "false")}}}}}"""),
        ParquetVariant.FromJson(i % 3 == 0 ? "null" : $"[{i}, \"é{i}\"]"),
        i % 11 == 0 ? null : [ParquetVariant.FromJson($"{i}"), null, ParquetVariant.FromJson("\"x\"")],
        i % 13 == 0 ? null : new VariantHolder(i % 2 == 0 ? null : ParquetVariant.FromJson($$"""{"h": {{i}}}""")),
        i % 17 == 0 ? null : new Dictionary<string, ParquetVariant> { ["k"] = ParquetVariant.FromJson((i * 1.25m).ToString(System.Globalization.CultureInfo.InvariantCulture)) });

    /// <summary>Every member of every row equal, the dictionaries entry by entry.</summary>
    public static void AssertSame(IReadOnlyList<WrittenVariantRow> expected, IReadOnlyList<WrittenVariantRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Payload, actual[i].Payload);
            Assert.Equal(expected[i].Required, actual[i].Required);
            Assert.Equal(expected[i].Items, actual[i].Items);
            Assert.Equal(expected[i].Holder, actual[i].Holder);
            Assert.Equal(expected[i].Named?.ToArray(), actual[i].Named?.ToArray());
        }
    }
}

/// <summary>
/// VARIANT columns read into <see cref="ParquetVariant"/> members: DuckDB shreds what it writes (an object's steady keys
/// into typed columns, the rest left in the value), so every row is put back together and compared with DuckDB's own
/// reading of the file as JSON.
/// </summary>
public sealed class VariantTests
{
    // JSON of many shapes: steady objects (shredded), arrays, scalars of each JSON type, objects whose keys vary, nesting, nulls.
    internal const string Documents = """
        SELECT i::BIGINT AS id,
               CASE WHEN i % 13 = 0 THEN NULL
                    WHEN i % 13 = 1 THEN 'null'
                    WHEN i % 13 = 2 THEN '[1, "two", 3.5, null, [true, false], {"k": ' || i || '}]'
                    WHEN i % 13 = 3 THEN '"text ' || repeat('é', (i % 70)::INT) || '"'
                    WHEN i % 13 = 4 THEN (i * 1000003)::VARCHAR
                    WHEN i % 13 = 5 THEN '{"only": ' || i || ', "extra": {"deep": [' || i || ', ' || (i + 1) || ']}}'
                    WHEN i % 13 = 6 THEN (i / 8.0)::VARCHAR
                    ELSE '{"id": ' || i || ', "name": "n' || i || '", "score": ' || (i % 100) / 4.0 || ', "tags": ["a", "b' || i || '"], "meta": {"ok": ' || (i % 2 = 0) || '}}'
               END::JSON::VARIANT AS payload
        FROM range(4000) t(i)
        """;

    public static TheoryData<string> Settings() => new() { "PARQUET_VERSION V1", "PARQUET_VERSION V2", "ROW_GROUP_SIZE 700, COMPRESSION zstd" };

    [Theory]
    [MemberData(nameof(Settings))]
    public void DuckDB_variants_shredded_or_not_read_as_the_values_DuckDB_reads(string options)
    {
        using var file = new TempFile();
        DuckDbDifferentialTests.Write(file, Documents, options);

        List<VariantRow> rows = ParquetFiles.ReadAll(new ParquetSource<VariantRow>(file.Path).BatchSize(333));
        Dictionary<long, string?> expected = DuckJsonOf(file.Path);

        Assert.Equal(4000, rows.Count);
        Assert.All(rows, row =>
        {
            string? json = expected[row.Id];
            if (json is null)
            {
                // DuckDB reads a variant null at the top as SQL NULL.
                Assert.True(row.Payload is null or { Kind: VariantKind.Null }, $"row {row.Id}");
            }
            else if (row.Payload is { } payload)
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(payload.ToJson())), $"row {row.Id}: DuckDB reads {json}, Alimentar {payload.ToJson()}");
            }
            else
            {
                Assert.Fail($"row {row.Id}: DuckDB reads {json}, Alimentar null");
            }
        });
        Assert.Contains(rows, row => row.Payload is { Kind: VariantKind.Object } payload && payload.TryGetProperty("tags", out ParquetVariant tags) && tags.GetArrayLength() == 2);

        // Rows a filter picks (some pages skipped, some rows of a page) hold the same variants.
        List<VariantRow> picked = ParquetFiles.ReadAll(new ParquetSource<VariantRow>(file.Path).BatchSize(200).Where(r => r.Id < 40 || (r.Id >= 1_000 && r.Id < 1_100) || r.Id == 3_333));
        Assert.Equal(rows.Where(r => r.Id < 40 || (r.Id >= 1_000 && r.Id < 1_100) || r.Id == 3_333).Select(r => (r.Id, r.Payload)), picked.Select(r => (r.Id, r.Payload)));
    }

    [Fact]
    public void Typed_values_keep_their_types_when_shredded()
    {
        using var file = new TempFile();
        DuckDbDifferentialTests.Write(file, """
            SELECT i::BIGINT AS id,
                   {'day': DATE '2024-01-01' + i::INT, 'at': TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(i * 1500),
                    'price': (i / 100)::DECIMAL(12, 2), 'ratio': (i / 3)::DOUBLE, 'small': (i % 100)::TINYINT, 'blob': ('\xAB' || i::VARCHAR)::BLOB,
                    'key': uuid_extract_version('6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID)}::VARIANT AS payload
            FROM range(300) t(i)
            """, "PARQUET_VERSION V2");

        List<RequiredVariantRow> rows = ParquetFiles.ReadAll(new ParquetSource<RequiredVariantRow>(file.Path));

        ParquetVariant row = rows[2].Payload;
        Assert.True(row.TryGetProperty("day", out ParquetVariant day));
        Assert.Equal((VariantKind.Date, "\"2024-01-03\""), (day.Kind, day.ToJson()));
        Assert.True(row.TryGetProperty("at", out ParquetVariant at));
        Assert.Equal((VariantKind.Timestamp, "\"2024-01-01T00:00:00.003Z\""), (at.Kind, at.ToJson()));
        Assert.True(row.TryGetProperty("price", out ParquetVariant price));
        Assert.Equal((VariantKind.Decimal, "0.02"), (price.Kind, price.ToJson()));
        Assert.True(row.TryGetProperty("small", out ParquetVariant small));
        Assert.Equal((VariantKind.Integer, 2L), (small.Kind, small.GetInt64()));
        Assert.True(row.TryGetProperty("blob", out ParquetVariant blob));
        Assert.Equal(VariantKind.Binary, blob.Kind);
        Assert.Equal((byte[])[0xAB, (byte)'2'], blob.GetBytes());
    }

    [Fact]
    public void A_shredded_object_is_merged_with_its_residual_fields_and_keys_its_metadata_lacks_are_added()
    {
        // Built by hand as the shredding spec lays it out: a residual object {"y": 7} beside shredded fields 'x' and 'z';
        // rows 0-2 have metadata naming 'y' and 'x' (unsorted), row 10 metadata naming 'y' alone.
        using var file = new TempFile();
        DuckDbDifferentialTests.Write(file, """
            SELECT i::BIGINT AS id,
                   {'metadata': '\x01\x02\x00\x01\x02yx'::BLOB,
                    'value': '\x02\x01\x00\x00\x02\x0C\x07'::BLOB,
                    'typed_value': {'x': {'typed_value': i * 10}, 'z': {'value': NULL::BLOB, 'typed_value': NULL::VARCHAR}}} AS payload
            FROM range(3) t(i)
            UNION ALL
            SELECT 10, {'metadata': '\x01\x01\x00\x01y'::BLOB, 'value': '\x02\x01\x00\x00\x02\x0C\x07'::BLOB, 'typed_value': {'x': {'typed_value': 100}, 'z': {'value': NULL::BLOB, 'typed_value': 'zed'}}}
            """, "PARQUET_VERSION V2");

        List<RequiredVariantRow> rows = ParquetFiles.ReadAll(new ParquetSource<RequiredVariantRow>(file.Path));

        // Keys in byte order; 'z' missing where both its halves are null; 'x' and 'z' added to row 10's metadata, which lacked them.
        Assert.Equal(["""{"x":0,"y":7}""", """{"x":10,"y":7}""", """{"x":20,"y":7}""", """{"x":100,"y":7,"z":"zed"}"""], rows.Select(r => r.Payload.ToJson()));
        Assert.True(rows[3].Payload.TryGetProperty("z", out ParquetVariant z));
        Assert.Equal("zed", z.GetString());

        // The residual also holding a shredded key ('x', key 1) is a damaged file, not a choice between the two.
        using var clash = new TempFile();
        DuckDbDifferentialTests.Write(clash, """
            SELECT 3::BIGINT AS id, {'metadata': '\x01\x02\x00\x01\x02yx'::BLOB, 'value': '\x02\x01\x01\x00\x02\x0C\x07'::BLOB, 'typed_value': {'x': {'typed_value': 30}}} AS payload
            """, "PARQUET_VERSION V2");
        CorruptParquetFileException error = Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<RequiredVariantRow>(clash.Path)));
        Assert.Contains("holds the key 'x' both shredded and in its value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_variant_group_in_a_member_that_cannot_hold_one_names_its_row_and_a_variant_null_is_a_value()
    {
        // A group of the two binaries, as Spark 4.0 writes a VARIANT (with no annotation), null in row 3.
        using var file = new TempFile();
        DuckDbDifferentialTests.Write(file, """
            SELECT i::BIGINT AS id, CASE WHEN i = 3 THEN NULL ELSE {'metadata': '\x01\x00\x00'::BLOB, 'value': ('\x0C' || chr(i::INT + 48))::BLOB} END AS payload
            FROM range(10) t(i)
            """, "PARQUET_VERSION V2");

        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ParquetSource<RequiredVariantRow>(file.Path)));
        Assert.Equal(3, error.Row);
        Assert.Contains("payload", error.Message, StringComparison.Ordinal);
        List<VariantRow> read = ParquetFiles.ReadAll(new ParquetSource<VariantRow>(file.Path));
        Assert.Null(read[3].Payload);

        // Variants are not pushed down: a filter over one is refused when it is set, saying so.
        Assert.Contains("ParquetVariant", Assert.Throws<UnsupportedFilterException>(() => new ParquetSource<VariantRow>(file.Path).Where(r => r.Payload == null)).Message, StringComparison.Ordinal);
        Assert.All(read.Where(r => r.Id != 3), r => Assert.Equal(r.Id + 48, r.Payload!.Value.GetInt64()));

        // DuckDB writes a SQL NULL of a shredded column as a present group holding the variant null (and reads that back
        // as NULL): the file says "null", so the member holds ParquetVariant.Null, not a missing value.
        using var shredded = new TempFile();
        DuckDbDifferentialTests.Write(shredded, "SELECT i::BIGINT AS id, CASE WHEN i = 7 THEN NULL ELSE i::VARIANT END AS payload FROM range(10) t(i)", "PARQUET_VERSION V2");
        List<RequiredVariantRow> rows = ParquetFiles.ReadAll(new ParquetSource<RequiredVariantRow>(shredded.Path));
        Assert.Equal(VariantKind.Null, rows[7].Payload.Kind);
        Assert.All(rows.Where(r => r.Id != 7), r => Assert.Equal(r.Id, r.Payload.GetInt64()));
    }

    [Fact]
    public void Bytes_that_are_not_a_variant_fail_naming_file_column_row_group_and_row()
    {
        using var file = new TempFile();
        DuckDbDifferentialTests.Write(file, """
            SELECT i::BIGINT AS id, {'metadata': '\x01\x00\x00'::BLOB, 'value': (CASE WHEN i = 6 THEN '\x03\x05\x00' ELSE '\x0C\x01' END)::BLOB} AS payload
            FROM range(10) t(i)
            """, "PARQUET_VERSION V2");

        CorruptParquetFileException error = Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<VariantRow>(file.Path)));

        Assert.Equal(file.Path, error.FilePath);
        Assert.Equal("payload", error.ColumnName);
        Assert.Equal(0, error.RowGroup);
        Assert.Contains("row 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variant_the_file_lacks_reads_as_null_when_missing_columns_are_and_one_in_a_record_reads_as_a_field()
    {
        using var file = new TempFile();
        DuckDbDifferentialTests.Write(file, """
            SELECT i::BIGINT AS id, {'payload': {'metadata': '\x01\x00\x00'::BLOB, 'value': ('\x0C' || chr(i::INT + 48))::BLOB}} AS holder FROM range(5) t(i)
            """, "PARQUET_VERSION V2");

        SchemaMismatchException missing = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<VariantRow>(file.Path)));
        Assert.Contains("a VARIANT group named 'Payload'", missing.Message, StringComparison.Ordinal);
        Assert.All(ParquetFiles.ReadAll(new ParquetSource<VariantRow>(file.Path).MissingColumnsAsNull()), row => Assert.Null(row.Payload));

        List<NestedVariantRow> nested = ParquetFiles.ReadAll(new ParquetSource<NestedVariantRow>(file.Path));
        Assert.All(nested, row => Assert.Equal(row.Id + 48, row.Holder.Payload!.Value.GetInt64()));
    }

    /// <summary>Lists of lists of variants, with null and empty lists at both depths and null variants, read from another writer's file and written and read back by ours.</summary>
    [Fact]
    public async Task Lists_of_lists_of_variants_read_and_write_back()
    {
        using var file = new TempFile();
        // Row i: i % 5 inner lists; inner list j holds j variants (the int8 i + j + k), every seventh a SQL NULL; row 3 is null.
        DuckDbDifferentialTests.Write(file, """
            SELECT i::BIGINT AS id,
                   CASE WHEN i = 3 THEN NULL ELSE list_transform(range(i % 5), lambda j:
                       CASE WHEN j = 2 THEN NULL ELSE list_transform(range(j), lambda k:
                           CASE WHEN (i + j + k) % 7 = 0 THEN NULL ELSE {'metadata': '\x01\x00\x00'::BLOB, 'value': ('\x0C' || chr((i + j + k)::INT))::BLOB} END) END) END AS items
            FROM range(40) t(i)
            """, "ROW_GROUP_SIZE 15, PARQUET_VERSION V2");

        List<NullableVariantGridRow> rows = ParquetFiles.ReadAll(new ParquetSource<NullableVariantGridRow>(file.Path).BatchSize(16));

        Assert.Equal(40, rows.Count);
        foreach (NullableVariantGridRow row in rows)
        {
            int i = (int)row.Id;
            if (i == 3)
            {
                Assert.Null(row.Items);
                continue;
            }

            Assert.Equal(i % 5, row.Items!.Length);
            for (int j = 0; j < row.Items.Length; j++)
            {
                if (j == 2)
                {
                    Assert.Null(row.Items[j]);
                    continue;
                }

                Assert.Equal(
                    Enumerable.Range(0, j).Select(k => (i + j + k) % 7 == 0 ? (long?)null : i + j + k),
                    row.Items[j]!.Select(v => v is { } variant ? variant.GetInt64() : (long?)null));
            }
        }

        // A member whose variants cannot be null fails at the first null, naming its row.
        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ParquetSource<VariantGridRow>(file.Path)));
        Assert.StartsWith("items", error.ColumnName, StringComparison.Ordinal);

        using var written = new TempFile();
        await ParquetDatasetWriter<NullableVariantGridRow>.WriteFileAsync(written.Path, rows);
        List<NullableVariantGridRow> back = ParquetFiles.ReadAll(new ParquetSource<NullableVariantGridRow>(written.Path).BatchSize(7));
        Assert.Equal(rows.Select(r => r.Items?.Select(inner => inner?.Select(v => v?.ToJson()))), back.Select(r => r.Items?.Select(inner => inner?.Select(v => v?.ToJson()))));
    }

    [Fact]
    public async Task Variants_are_written_as_VARIANT_groups_that_read_back_and_that_DuckDB_reads_as_the_same_JSON()
    {
        using var file = new TempFile();
        WrittenVariantRow[] written = [.. Enumerable.Range(0, 1_500).Select(WrittenVariantRow.Make)];
        await ParquetDatasetWriter<WrittenVariantRow>.WriteFileAsync(file.Path, written);

        List<WrittenVariantRow> read = ParquetFiles.ReadAll(new ParquetSource<WrittenVariantRow>(file.Path).BatchSize(256));
        WrittenVariantRow.AssertSame(written, read);

        // DuckDB reads the VARIANT annotation: the same JSON for the top-level members.
        Dictionary<long, string?> duck = DuckJsonOf(file.Path);
        Assert.All(written, row =>
        {
            if (row.Payload is { } payload)
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(duck[row.Id]!), JsonNode.Parse(payload.ToJson())), $"row {row.Id}: DuckDB reads {duck[row.Id]}");
            }
            else
            {
                // DuckDB reads a null VARIANT group as the JSON null, as it writes a NULL as the variant null.
                Assert.True(duck[row.Id] is null or "null", $"row {row.Id}: DuckDB reads {duck[row.Id]}");
            }
        });
    }

    /// <summary>DuckDB's reading of each row's <c>payload</c> as JSON text, by <c>id</c>; null where it reads SQL NULL.</summary>
    internal static Dictionary<long, string?> DuckJsonOf(string path)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DbCommand read = connection.CreateCommand();
        read.CommandText = $"SELECT id, payload::JSON::VARCHAR FROM read_parquet('{path}')";
        using DbDataReader reader = read.ExecuteReader();
        var json = new Dictionary<long, string?>();
        while (reader.Read())
        {
            json[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return json;
    }
}
