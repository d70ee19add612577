using System.Reflection;
using DuckDB.NET.Data;

namespace Alimentar.Cli.Tests;

/// <summary>A file DuckDB writes, scaffolded, compiled with the generator and streamed, values checked.</summary>
public sealed class DuckDbFileTests
{
    [Fact]
    public async Task A_file_written_by_duckdb_scaffolds_compiles_and_streams_its_values()
    {
        (_, string[] rows) = await ScaffoldAndStreamAsync(
            """
            SELECT i::INTEGER AS id, i * 1000000000::BIGINT AS big, i / 4.0 AS ratio, 'name-' || (i % 3) AS name,
                   DATE '2024-01-01' + i::INTEGER AS day, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE AS at,
                   (i * 1.25)::DECIMAL(10, 2) AS price, i % 2 = 0 AS even,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1] END AS pair,
                   CASE WHEN i % 4 = 0 THEN NULL ELSE i END AS maybe
            FROM range(1000) t(i)
            """,
            rowGroupSize: 300,
            Probe);

        Assert.Equal(1000, rows.Length);
        Assert.Equal("7|7000000000|1.75|name-1|2024-01-08|2024-01-01T00:07:00|8.75|False|7,8|7", rows[7]);
        Assert.Equal("0|0|0|name-0|2024-01-01|2024-01-01T00:00:00|0.00|True|null|null", rows[0]);
    }

    [Fact]
    public async Task Nested_data_written_by_duckdb_scaffolds_as_records_lists_and_maps_and_streams_its_values()
    {
        (string source, string[] rows) = await ScaffoldAndStreamAsync(
            """
            SELECT i::BIGINT AS id,
                   [{'role': 'user', 'content': 'q' || i}, {'role': 'assistant', 'content': 'a' || i}] AS messages,
                   CASE WHEN i % 2 = 0 THEN NULL ELSE {'bytes': encode('b'), 'path': 'p' || i} END AS image,
                   MAP(['x'], [i::DOUBLE]) AS scores,
                   [[i], [i, i]] AS spans
            FROM range(300) t(i)
            """,
            rowGroupSize: 100,
            NestedProbe);

        Assert.Contains("MessagesItem?[]? Messages", source, StringComparison.Ordinal);
        Assert.Equal(300, rows.Length);
        Assert.Equal("3|user:q3,assistant:a3|p3|3|3;3,3", rows[3]);
        Assert.Equal("4|user:q4,assistant:a4|null|4|4;4,4", rows[4]);
    }

    /// <summary>
    /// Types DuckDB writes that other writers rarely do: a union (a group whose tag field has an empty name, which no
    /// member can bind, so the scaffold leaves it out), a UUID, nanosecond times, unsigned integers, an interval
    /// (a <c>ParquetInterval</c>) and a map of records holding lists.
    /// </summary>
    [Fact]
    public async Task Duckdb_s_unusual_types_scaffold_compile_and_stream_their_values()
    {
        (string source, string[] rows) = await ScaffoldAndStreamAsync(
            """
            SELECT i::BIGINT AS id,
                   CASE WHEN i % 2 = 0 THEN union_value(num := i)::UNION(num BIGINT, str VARCHAR)
                        ELSE union_value(str := 's' || i)::UNION(num BIGINT, str VARCHAR) END AS choice,
                   ('00000000-0000-0000-0000-00000000000' || (i % 10))::UUID AS uid,
                   '12:34:56'::TIME_NS AS t,
                   (i % 200)::UTINYINT AS small,
                   INTERVAL (i) DAY AS span,
                   MAP {'k': {'x': i, 'y': [i, i + 1]}} AS m
            FROM range(100) t(i)
            """,
            rowGroupSize: 40,
            UnusualProbe);

        Assert.Contains("empty name", source, StringComparison.Ordinal);
        Assert.Equal(100, rows.Length);
        Assert.Equal("3|null|s3|00000000-0000-0000-0000-000000000003|12:34:56|3|P3D|3|3,4", rows[3]);
        Assert.Equal("44|44|null|00000000-0000-0000-0000-000000000004|12:34:56|44|P44D|44|44,45", rows[44]);
    }

    /// <summary>
    /// Lists never null, as Arrow writes a field declared non-nullable (REQUIRED), scaffold as arrays that cannot be
    /// null at those levels; a list of bytes never null as a <c>List&lt;byte&gt;</c>, since a <c>byte[]</c> member
    /// reads a binary value. Both stream their values.
    /// </summary>
    [Fact]
    public async Task Lists_never_null_scaffold_as_non_nullable_arrays_and_bytes_as_a_list_of_byte()
    {
        (string source, string[] rows) = await ScaffoldAndStreamAsync(
            """
            SELECT i::BIGINT AS id, [(i % 256)::UTINYINT, 7::UTINYINT] AS small, [[i::INTEGER], [], [i::INTEGER, NULL]] AS spans,
                   [{'tags': [(i % 3)::UTINYINT]}] AS items
            FROM range(60) t(i)
            """,
            rowGroupSize: 25,
            RequiredListProbe,
            rewrittenByArrow: true);

        Assert.Contains("    System.Collections.Generic.List<byte> Small,", source, StringComparison.Ordinal);
        Assert.Contains("    int?[][] Spans,", source, StringComparison.Ordinal);
        Assert.Contains("    System.Collections.Generic.List<byte> Tags);", source, StringComparison.Ordinal);
        Assert.Equal(60, rows.Length);
        Assert.Equal("41|41,7|41;;41,null|2", rows[41]);
    }

    /// <summary>
    /// A list of one-field structs that hold lists scaffolds as a list of records, not as a list of lists (which the
    /// reader also binds, through the struct): only the record tells a null struct from a struct holding a null list.
    /// </summary>
    [Fact]
    public async Task A_list_of_one_field_structs_holding_lists_scaffolds_as_a_list_of_records()
    {
        (string source, string[] rows) = await ScaffoldAndStreamAsync(
            """
            SELECT i::BIGINT AS id,
                   [{'f': [i * 1.5, NULL]}, {'f': NULL}, NULL, {'f': []}]::STRUCT(f DOUBLE[])[] AS items
            FROM range(30) t(i)
            """,
            rowGroupSize: 10,
            WrappedListProbe);

        Assert.Contains("ItemsItem?[]? Items", source, StringComparison.Ordinal);
        Assert.Contains("public sealed record ItemsItem(\n    double?[]? F);", source, StringComparison.Ordinal);
        Assert.Equal(30, rows.Length);
        Assert.Equal("3|[4.5,null];[null];null;[]", rows[3]);
    }

    private const string WrappedListProbe = """
        namespace FromDuckDb;

        public static class Probe
        {
            public static string[] Describe(string path)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(8), bufferSize: 2);
                var culture = System.Globalization.CultureInfo.InvariantCulture;
                return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), r => r.Id + "|" + string.Join(";",
                    System.Linq.Enumerable.Select(r.Items!, item => item is null ? "null"
                        : item.F is null ? "[null]"
                        : "[" + string.Join(",", System.Linq.Enumerable.Select(item.F, v => v?.ToString(culture) ?? "null")) + "]"))));
            }
        }
        """;

    private const string RequiredListProbe = """
        namespace FromDuckDb;

        public static class Probe
        {
            public static string[] Describe(string path)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(16), bufferSize: 2);
                return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), r => string.Join("|",
                    r.Id,
                    string.Join(",", r.Small),
                    string.Join(";", System.Linq.Enumerable.Select(r.Spans, s => string.Join(",", System.Linq.Enumerable.Select(s, v => v?.ToString() ?? "null")))),
                    string.Join(",", System.Linq.Enumerable.Select(r.Items, item => string.Join(",", item.Tags))))));
            }
        }
        """;

    /// <summary>A VARIANT column (DuckDB shreds what it writes) scaffolds as a <c>ParquetVariant</c> member and streams its values.</summary>
    [Fact]
    public async Task A_variant_column_scaffolds_as_ParquetVariant_and_streams_its_JSON()
    {
        (string source, string[] rows) = await ScaffoldAndStreamAsync(
            """
            SELECT i::BIGINT AS id, ('{"n": ' || i || ', "tags": ["t' || i || '"]}')::JSON::VARIANT AS payload
            FROM range(50) t(i)
            """,
            rowGroupSize: 20,
            VariantProbe);

        Assert.Contains("ParquetVariant? Payload", source, StringComparison.Ordinal);
        Assert.Equal(50, rows.Length);
        Assert.Equal("7|{\"n\":7,\"tags\":[\"t7\"]}", rows[7]);
    }

    [Fact]
    public async Task Head_shows_a_variant_column_as_its_JSON_and_inspect_names_its_member_type()
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-duckdb-{Guid.NewGuid():N}.parquet");
        try
        {
            WriteWithDuckDb("SELECT i AS id, CASE WHEN i % 2 = 0 THEN {'a': i, 'b': 'x' || i}::VARIANT ELSE [i, i + 1]::VARIANT END AS v FROM range(4) t(i)", path, rowGroupSize: 10);

            (int exit, string head) = await CommandTests.RunAsync("head", path, "-n", "2");
            Assert.Equal(0, exit);
            Assert.Contains("{\"a\":0,\"b\":\"x0\"}", head, StringComparison.Ordinal);
            Assert.Contains("[1,2]", head, StringComparison.Ordinal);
            Assert.DoesNotContain("v/metadata", head, StringComparison.Ordinal);

            (exit, string inspect) = await CommandTests.RunAsync("inspect", path);
            Assert.Equal(0, exit);
            Assert.Contains("GROUP (VARIANT) OPTIONAL → ParquetVariant", inspect, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Spark writes variants unshredded and unannotated at every depth; the scan shows each nested one as a column of
    /// variants at its group's path (lists of them under lists), not as its two binaries, and inspect's tree marks it.
    /// </summary>
    [Fact]
    public async Task Head_shows_variants_in_lists_records_and_maps_as_their_JSON_and_inspect_marks_their_groups()
    {
        string table = Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "delta", "spark-shredded-variant-preview-delta");
        string file = Directory.GetFiles(table, "*24104cdb*.parquet").Single();

        ParquetScan scan = await ParquetFileInfo.ScanAsync(file, headRows: 1, headOnly: true);

        Assert.Equal(
            ["id", "v", "array_of_variants/list/element", "struct_of_variants/v", "map_of_variants/key_value/key", "map_of_variants/key_value/value",
                "array_of_struct_of_variants/list/element/v", "struct_of_array_of_variants/v/list/element"],
            scan.Columns);
        object?[] row = scan.Head[0];
        string Json(object? value) => value switch
        {
            null => "null",
            ParquetVariant variant => variant.ToJson(),
            object?[] list => "[" + string.Join(",", list.Select(Json)) + "]",
            _ => throw new Xunit.Sdk.XunitException($"not a variant or a list of them: {value}"),
        };
        Assert.Equal("[{\"key\":0},null,{\"key\":0},null,{\"key\":0}]", Json(row[2]));
        Assert.Equal("{\"key\":0}", Json(row[3]));
        Assert.Equal("[{\"key\":0},null]", Json(row[5]));
        Assert.Equal("[{\"key\":0},null,null,{\"key\":0},null,{\"key\":0}]", Json(row[6]));
        Assert.Equal("[null,{\"key\":0}]", Json(row[7]));

        (int exit, string head) = await CommandTests.RunAsync("head", file, "-n", "2", "--vertical");
        Assert.True(exit == 0, head);
        Assert.Contains("{\"key\":1}", head, StringComparison.Ordinal);
        Assert.DoesNotContain("/metadata", head, StringComparison.Ordinal);

        // inspect's tree marks each variant group, at any depth, with the member type it binds to.
        ParquetFileInfo info = await ParquetFileInfo.ReadAsync(file);
        ParquetSchemaNode structOfVariants = info.Schema.Single(n => n.Name == "struct_of_variants");
        Assert.Null(structOfVariants.MemberType);
        Assert.Equal("ParquetVariant", structOfVariants.Children.Single(n => n.Name == "v").MemberType);
        ParquetSchemaNode element = info.Schema.Single(n => n.Name == "array_of_variants").Children.Single().Children.Single();
        Assert.Equal(("element", "ParquetVariant"), (element.Name, element.MemberType));
    }

    /// <summary>A struct whose fields merely share a variant's names (DuckDB writes them OPTIONAL; a variant's metadata is REQUIRED) is shown and scaffolded as a struct.</summary>
    [Fact]
    public async Task A_struct_of_optional_metadata_and_value_binaries_is_not_taken_for_a_variant()
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-duckdb-{Guid.NewGuid():N}.parquet");
        try
        {
            WriteWithDuckDb("SELECT 1 AS id, {'metadata': 'abc'::BLOB, 'value': 'xyz'::BLOB} AS s, [{'metadata': 'abc'::BLOB, 'value': 'xyz'::BLOB}] AS l", path, rowGroupSize: 10);

            (int exit, string head) = await CommandTests.RunAsync("head", path, "--vertical");
            Assert.True(exit == 0, head);
            Assert.Contains("s/metadata", head, StringComparison.Ordinal);
            Assert.Contains("l/list/element/value", head, StringComparison.Ordinal);

            (exit, string scaffold) = await CommandTests.RunAsync("scaffold", path);
            Assert.True(exit == 0, scaffold);
            Assert.DoesNotContain("ParquetVariant", scaffold, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A nested variant whose bytes are damaged fails the scan naming the file, its group's path and the row group; the rows before it show.</summary>
    [Fact]
    public async Task A_damaged_variant_in_a_list_fails_head_naming_its_column()
    {
        string written = Path.Combine(Path.GetTempPath(), $"alimentar-duckdb-{Guid.NewGuid():N}.parquet");
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-arrow-{Guid.NewGuid():N}.parquet");
        try
        {
            // The metadata is an empty key dictionary; 0x0C 0x05 is the int8 5, and 0xFF an array header with nothing after it.
            WriteWithDuckDb(
                "SELECT i AS id, [{'metadata': '\\x01\\x00\\x00'::BLOB, 'value': CASE WHEN i = 0 THEN '\\x0C\\x05' ELSE '\\xFF' END::BLOB}] AS l FROM range(2) t(i)",
                written,
                rowGroupSize: 10);
            ArrowRewrite.Rewrite(written, path, rowGroupSize: 10, dataPageV2: false, dictionary: false);

            (int exit, string head) = await CommandTests.RunAsync("head", path, "-n", "1", "--vertical");
            Assert.True(exit == 0, head);
            Assert.Matches(@"l/list/element\s+\[5\]", head);

            (exit, head) = await CommandTests.RunAsync("head", path, "-n", "2");
            Assert.Equal(ExitCodes.BadFile, exit);
            // The console wraps the message; its words are compared without the spaces.
            string words = System.Text.RegularExpressions.Regex.Replace(head, @"\s", string.Empty);
            Assert.Contains("rowgroup0,column'l/list/element'", words, StringComparison.Ordinal);
            Assert.Contains("variantisnotvalid", words, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(written);
            File.Delete(path);
        }
    }

    private const string VariantProbe = """
        namespace FromDuckDb;

        public static class Probe
        {
            public static string[] Describe(string path)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(16), bufferSize: 2);
                return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), r => r.Id + "|" + r.Payload?.ToJson()));
            }
        }
        """;

    /// <summary>
    /// A scaffolded record writes back the types it read: a naive TIMESTAMP stays TIMESTAMP (not TIMESTAMPTZ) and a
    /// DECIMAL keeps its precision and scale, at the top of a row, in a list and in a struct, with the same values.
    /// </summary>
    [Fact]
    public async Task A_scaffolded_record_writes_back_local_timestamps_and_sized_decimals_as_DuckDB_wrote_them()
    {
        string original = Path.Combine(Path.GetTempPath(), $"alimentar-duckdb-{Guid.NewGuid():N}.parquet");
        string back = Path.ChangeExtension(original, ".back.parquet");
        try
        {
            WriteWithDuckDb(
                """
                SELECT i::BIGINT AS id,
                       TIMESTAMP '2024-07-01 12:00:00.123456' + INTERVAL (i) HOUR AS seen,
                       TIMESTAMPTZ '2024-07-01 12:00:00+00' + INTERVAL (i) HOUR AS logged,
                       (i * 1.25)::DECIMAL(9,2) AS price,
                       [(i * 0.5)::DECIMAL(5,1), NULL] AS steps,
                       [TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (i) DAY] AS times,
                       {'at': TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE, 'amount': i::DECIMAL(12,3)} AS shift
                FROM range(5) t(i)
                """,
                original,
                rowGroupSize: 3);
            string source;
            await using (ParquetFile parquet = await ParquetFile.OpenAsync(original, CancellationToken.None))
            {
                source = RowTypeScaffolder.Scaffold(parquet.Schema, "Row", "FromDuckDb", "duck.parquet");
            }

            Assert.Contains("[property: ParquetTimestamp(isAdjustedToUtc: false)] DateTime? Seen", source, StringComparison.Ordinal);
            Assert.Contains("    DateTime? Logged", source, StringComparison.Ordinal);
            Assert.Contains("[property: ParquetDecimal(9, 2)] decimal? Price", source, StringComparison.Ordinal);
            Assert.Contains("[property: ParquetDecimal(5, 1)] decimal?[]? Steps", source, StringComparison.Ordinal);
            Assert.Contains("[property: ParquetTimestamp(isAdjustedToUtc: false)] DateTime?[]? Times", source, StringComparison.Ordinal);
            Assert.Contains("[property: ParquetTimestamp(isAdjustedToUtc: false)] DateTime? At", source, StringComparison.Ordinal);
            Assert.Contains("[property: ParquetDecimal(12, 3)] decimal? Amount", source, StringComparison.Ordinal);

            Assembly assembly = GeneratedAssembly.Compile(source, WriteBackProbe);
            var writeBack = (Action<string, string>)assembly.GetType("FromDuckDb.Probe")!.GetMethod("WriteBack")!.CreateDelegate(typeof(Action<string, string>));
            writeBack(original, back);

            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            Assert.Equal(ColumnTypes(connection, original), ColumnTypes(connection, back));
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM ((FROM '{original}' EXCEPT FROM '{back}') UNION ALL (FROM '{back}' EXCEPT FROM '{original}'))";
            Assert.Equal(0L, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(original);
            File.Delete(back);
        }

        static string[] ColumnTypes(DuckDBConnection connection, string path)
        {
            using var command = connection.CreateCommand();
            // The names fold to the members' (seen and Seen, at in a struct and At): the types are what is compared.
            command.CommandText = $"SELECT lower(column_name || ' ' || column_type) FROM (DESCRIBE FROM '{path}')";
            using var reader = command.ExecuteReader();
            var types = new List<string>();
            while (reader.Read())
            {
                types.Add(reader.GetString(0));
            }

            return [.. types];
        }
    }

    private const string WriteBackProbe = """
        namespace FromDuckDb;

        public static class Probe
        {
            public static void WriteBack(string from, string to)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(from), bufferSize: 2);
                Alimentar.ParquetDatasetWriter<Row>.WriteFileAsync(to, System.Linq.Enumerable.ToArray(streaming.Rows())).GetAwaiter().GetResult();
            }
        }
        """;

    /// <summary>Writes what <paramref name="select"/> gives to <paramref name="path"/> with DuckDB.</summary>
    private static void WriteWithDuckDb(string select, string path, int rowGroupSize)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{path}' (FORMAT PARQUET, ROW_GROUP_SIZE {rowGroupSize})";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Writes what <paramref name="select"/> gives with DuckDB, scaffolds a record for the file, compiles it with the
    /// generator beside <paramref name="probe"/> (a <c>FromDuckDb.Probe.Describe(path)</c> that prints each row), and
    /// streams the file through it.
    /// </summary>
    private static async Task<(string Source, string[] Rows)> ScaffoldAndStreamAsync(string select, int rowGroupSize, string probe, bool rewrittenByArrow = false)
    {
        string duckDbPath = Path.Combine(Path.GetTempPath(), $"alimentar-duckdb-{Guid.NewGuid():N}.parquet");
        string path = rewrittenByArrow ? Path.ChangeExtension(duckDbPath, ".arrow.parquet") : duckDbPath;
        try
        {
            WriteWithDuckDb(select, duckDbPath, rowGroupSize);
            if (rewrittenByArrow)
            {
                ArrowRewrite.Rewrite(duckDbPath, path, rowGroupSize, dataPageV2: false, dictionary: true);
            }

            string source;
            await using (ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None))
            {
                source = RowTypeScaffolder.Scaffold(parquet.Schema, "Row", "FromDuckDb", "duck.parquet");
            }

            Assembly assembly = GeneratedAssembly.Compile(source, probe);
            var describe = (Func<string, string[]>)assembly.GetType("FromDuckDb.Probe")!.GetMethod("Describe")!.CreateDelegate(typeof(Func<string, string[]>));
            return (source, describe(path));
        }
        finally
        {
            File.Delete(duckDbPath);
            File.Delete(path);
        }
    }

    private const string UnusualProbe = """
        namespace FromDuckDb;

        public static class Probe
        {
            public static string[] Describe(string path)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(16), bufferSize: 2);
                var culture = System.Globalization.CultureInfo.InvariantCulture;
                return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), r => string.Join("|",
                    r.Id,
                    r.Choice?.Num?.ToString(culture) ?? "null",
                    r.Choice?.Str ?? "null",
                    r.Uid,
                    r.T?.ToString("HH:mm:ss", culture),
                    r.Small,
                    r.Span is { } span ? span.ToString() : "null",
                    r.M!["k"]!.X,
                    string.Join(",", r.M["k"]!.Y!))));
            }
        }
        """;

    private const string NestedProbe = """
        namespace FromDuckDb;

        public static class Probe
        {
            public static string[] Describe(string path)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(64), bufferSize: 4);
                var culture = System.Globalization.CultureInfo.InvariantCulture;
                return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), r => string.Join("|",
                    r.Id,
                    string.Join(",", System.Linq.Enumerable.Select(r.Messages!, m => m.Role + ":" + m.Content)),
                    r.Image?.Path ?? "null",
                    r.Scores!["x"]?.ToString(culture),
                    string.Join(";", System.Linq.Enumerable.Select(r.Spans!, s => string.Join(",", s!))))));
            }
        }
        """;

    private const string Probe = """
        namespace FromDuckDb;

        public static class Probe
        {
            public static string[] Describe(string path)
            {
                using var streaming = new Alimentar.StreamingDataset<Row>(new Alimentar.ParquetSource<Row>(path).BatchSize(128), bufferSize: 4);
                var culture = System.Globalization.CultureInfo.InvariantCulture;
                return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(streaming.Rows(), r => string.Join("|",
                    r.Id, r.Big, r.Ratio?.ToString(culture), r.Name, r.Day?.ToString("yyyy-MM-dd", culture), r.At?.ToString("yyyy-MM-ddTHH:mm:ss", culture),
                    r.Price?.ToString(culture), r.Even, r.Pair is null ? "null" : string.Join(",", r.Pair), r.Maybe?.ToString(culture) ?? "null")));
            }
        }
        """;
}
