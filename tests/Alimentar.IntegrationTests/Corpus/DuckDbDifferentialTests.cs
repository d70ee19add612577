using System.Data.Common;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>A row of every type DuckDB writes, bound by name to the columns of <see cref="DuckDbDifferentialTests.Query"/>.</summary>
[StreamingDataset]
public partial record DuckRow(
    long Id,
    int Small,
    short Tiny,
    ulong Huge,
    double? Value,
    float Score,
    bool Flag,
    string Label,
    string? Comment,
    DateTime Local,
    DateTimeOffset Instant,
    DateTime? Nanos,
    DateOnly Day,
    TimeOnly Clock,
    decimal Price,
    decimal Amount,
    decimal Wide,
    Guid Key,
    byte[] Blob,
    int[]? Pair,
    string?[]? Tags);

/// <summary>
/// Files written by DuckDB, read by Alimentar and by DuckDB itself, compared value by value: both data
/// page versions, every codec DuckDB writes, dictionaries on and off, small and large row groups.
/// </summary>
public sealed class DuckDbDifferentialTests
{
    internal static string QueryOf(int rows) => Query.Replace("range(5000)", $"range({rows})", StringComparison.Ordinal);

    internal const string Query = """
        SELECT i::BIGINT AS id,
               (i % 1000 - 500)::INTEGER AS small,
               (i % 200 - 100)::SMALLINT AS tiny,
               (18446744073709551615 - i)::UBIGINT AS huge,
               CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1.5 - 3000 END::DOUBLE AS value,
               (i % 97 * 0.25 - 10)::FLOAT AS score,
               i % 3 = 0 AS flag,
               'label-' || (i % 50) AS label,
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'comment number ' || i END AS comment,
               TIMESTAMP '1965-03-01 12:00:00' + INTERVAL (i * 7919) SECOND + INTERVAL (i % 1000) MICROSECOND AS local,
               TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) MINUTE AS instant,
               CASE WHEN i % 11 = 0 THEN NULL ELSE TIMESTAMP_NS '1969-12-31 23:59:59.999999' + INTERVAL (i) SECOND END AS nanos,
               DATE '1901-01-01' + (i % 60000)::INTEGER AS day,
               TIME '00:00:00' + INTERVAL (i % 86400) SECOND AS clock,
               (((i % 20000) - 10000) / 100)::DECIMAL(9, 2) AS price,
               (((i * 37) % 2000000 - 1000000) / 7)::DECIMAL(18, 3) AS amount,
               ((i - 2500) * 123456789.0123456789)::DECIMAL(38, 10) AS wide,
               ('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS key,
               ('blob' || (i % 13))::BLOB AS blob,
               CASE WHEN i % 9 = 0 THEN NULL ELSE [i::INTEGER, (i + 1)::INTEGER] END AS pair,
               CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN [] ELSE ['t' || (i % 3), NULL, 'u'] END AS tags
        FROM range(5000) t(i)
        """;

    public static TheoryData<string, string, string, int> Settings()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (string version in new[] { "V1", "V2" })
        {
            foreach (string codec in new[] { "uncompressed", "snappy", "gzip", "zstd", "lz4", "brotli" })
            {
                data.Add(version, codec, "dictionary", 1_000);
            }

            data.Add(version, "zstd", "plain", 1_000);
            data.Add(version, "snappy", "dictionary", 100);
            data.Add(version, "snappy", "plain", 1_000_000);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_value_equals_what_duckdb_reads_from_its_own_file(string version, string codec, string dictionary, int rowGroupSize)
    {
        using var file = new TempFile();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Write(connection, Query, file.Path, $"PARQUET_VERSION {version}, COMPRESSION {codec}, ROW_GROUP_SIZE {rowGroupSize}{(dictionary == "plain" ? ", DICTIONARY_SIZE_LIMIT 1" : string.Empty)}");

        List<DuckRow> expected = ReadWithDuckDb(connection, file.Path);
        List<DuckRow> actual = ParquetFiles.ReadAll(new ParquetSource<DuckRow>(file.Path).BatchSize(777));

        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AssertSameRow(expected[i], actual[i]);
        }

        // Spot checks that the reference itself says what the query means.
        Assert.Equal(18446744073709551615UL, actual[0].Huge);
        Assert.Equal(new DateTime(1965, 3, 1, 12, 0, 0), actual[0].Local);
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(9_999_990), actual[1].Nanos!.Value.AddSeconds(-1));
        Assert.Equal(-100m, actual[0].Price);
    }

    /// <summary>Writes a query's rows to <paramref name="file"/> with DuckDB's own writer, in a connection of its own; returns the path.</summary>
    internal static string Write(TempFile file, string query, string options)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Write(connection, query, file.Path, options);
        return file.Path;
    }

    /// <summary>Has DuckDB write <paramref name="query"/>'s rows to <paramref name="path"/> with the given COPY options.</summary>
    internal static void Write(DuckDBConnection connection, string query, string path, string options)
    {
        using DbCommand write = connection.CreateCommand();
        write.CommandText = $"COPY ({query}) TO '{path}' (FORMAT PARQUET, {options})";
        write.ExecuteNonQuery();
    }

    internal static void AssertSameRow(DuckRow expected, DuckRow actual)
    {
        Assert.Equal(expected with { Blob = [], Pair = null, Tags = null }, actual with { Blob = [], Pair = null, Tags = null });
        Assert.Equal(expected.Blob, actual.Blob);
        Assert.Equal(expected.Pair, actual.Pair);
        Assert.Equal(expected.Tags, actual.Tags);
    }

    private static List<DuckRow> ReadWithDuckDb(DuckDBConnection connection, string path)
    {
        using DbCommand read = connection.CreateCommand();
        read.CommandText = $"""
            SELECT id, small, tiny, huge, value, score, flag, label, comment, local, epoch_us(instant), nanos, day, clock, price, amount, wide::VARCHAR, key, blob, pair, tags
            FROM read_parquet('{path}')
            """;
        using DbDataReader reader = read.ExecuteReader();
        var rows = new List<DuckRow>();
        while (reader.Read())
        {
            rows.Add(new DuckRow(
                reader.GetInt64(0),
                reader.GetInt32(1),
                reader.GetInt16(2),
                reader.GetFieldValue<ulong>(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.GetFloat(5),
                reader.GetBoolean(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetDateTime(9),
                DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(10) * 10),
                reader.IsDBNull(11) ? null : reader.GetDateTime(11),
                reader.GetFieldValue<DateOnly>(12),
                reader.GetFieldValue<TimeOnly>(13),
                reader.GetDecimal(14),
                reader.GetDecimal(15),
                decimal.Parse(reader.GetString(16), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetGuid(17),
                ReadBlob(reader, 18),
                reader.IsDBNull(19) ? null : reader.GetFieldValue<List<int>>(19).ToArray(),
                reader.IsDBNull(20) ? null : reader.GetFieldValue<List<string?>>(20).ToArray()));
        }

        return rows;
    }

    private static byte[] ReadBlob(DbDataReader reader, int ordinal)
    {
        using Stream stream = reader.GetStream(ordinal);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
