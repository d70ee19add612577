using System.Data.Common;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record PriceFeatures(long Id, double Price, double? Discount, double? Exact, double Huge, double[]? Costs, PriceDetail? Detail);

public sealed record PriceDetail(double Tax);

[StreamingDataset]
public partial record PriceAsDate(long Id, DateTime Price);

/// <summary>
/// A DECIMAL column into a <see cref="double"/> member, as a feature pipeline wants it: every physical form (INT32,
/// INT64, FIXED_LEN_BYTE_ARRAY), nullable, in lists and records, and wider than <see cref="decimal"/>, each value what
/// DuckDB's own cast to DOUBLE gives.
/// </summary>
public sealed class DecimalAsDoubleTests
{
    private const int Rows = 5000;

    private const string Query = """
        SELECT i::BIGINT AS id,
               ((i * 7919) % 100000 * 0.01 - 300)::DECIMAL(9, 2) AS price,
               CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 1000 * 0.000137)::DECIMAL(18, 6) END AS discount,
               CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 104729) % 1000000007 * 0.0000001)::DECIMAL(38, 10) END AS exact,
               ('1' || repeat('0', 36 - (i % 3)))::DECIMAL(38, 0) * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) AS huge,
               CASE WHEN i % 11 = 0 THEN NULL ELSE [(i % 50 * 1.5)::DECIMAL(12, 3), (-(i % 13) * 0.125)::DECIMAL(12, 3)] END AS costs,
               CASE WHEN i % 9 = 0 THEN NULL ELSE {'tax': (i % 300 * 0.07)::DECIMAL(10, 4)} END AS detail
        FROM range(5000) t(i)
        """;

    private static string Write(TempFile file) => DuckDbDifferentialTests.Write(file, Query, "ROW_GROUP_SIZE 2048");

    /// <summary>DuckDB's reading of the same file, each DECIMAL cast to DOUBLE by DuckDB.</summary>
    private static List<PriceFeatures> DuckDbCasts(string path)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DbCommand query = connection.CreateCommand();
        query.CommandText = $"""
            SELECT id, price::DOUBLE, discount::DOUBLE, exact::DOUBLE, huge::DOUBLE, costs::DOUBLE[], detail.tax::DOUBLE, detail IS NULL
            FROM read_parquet('{path}') ORDER BY id
            """;
        using DbDataReader reader = query.ExecuteReader();
        var rows = new List<PriceFeatures>();
        while (reader.Read())
        {
            rows.Add(new PriceFeatures(
                reader.GetInt64(0),
                reader.GetDouble(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<List<double>>(5).ToArray(),
                reader.GetBoolean(7) ? null : new PriceDetail(reader.GetDouble(6))));
        }

        return rows;
    }

    [Fact]
    public void Every_decimal_form_reads_into_double_members_as_DuckDB_casts_it()
    {
        using var file = new TempFile();
        string path = Write(file);

        List<PriceFeatures> rows = ParquetFiles.ReadAll(new ParquetSource<PriceFeatures>(path).BatchSize(1000));
        List<PriceFeatures> expected = DuckDbCasts(path);

        Assert.Equal(Rows, rows.Count);
        for (int i = 0; i < Rows; i++)
        {
            PriceFeatures ours = rows[i];
            PriceFeatures duck = expected[i];
            Assert.Equal(duck.Id, ours.Id);
            Assert.Equal(duck.Price, ours.Price);
            Assert.Equal(duck.Discount, ours.Discount);
            Assert.Equal(duck.Exact, ours.Exact);
            Assert.Equal(duck.Huge, ours.Huge, 1e21);
            Assert.Equal(duck.Costs, ours.Costs);
            Assert.Equal(duck.Detail, ours.Detail);
        }
    }

    [Fact]
    public void The_double_of_a_decimal_is_the_nearest_to_its_exact_value()
    {
        using var file = new TempFile();
        List<PriceFeatures> rows = ParquetFiles.ReadAll(new ParquetSource<PriceFeatures>(Write(file)));

        // Prices have at most 9 digits: dividing their exact integer by 100 rounds once, to the nearest double.
        Assert.All(rows, row => Assert.Equal((double)((row.Id * 7919 % 100000 * 0.01m) - 300), row.Price));
        Assert.Equal(1e36, rows[0].Huge);
        Assert.Equal(-1e35, rows[1].Huge);
    }

    [Fact]
    public void A_filter_on_a_double_member_over_a_decimal_column_keeps_exactly_the_rows_LINQ_keeps()
    {
        using var file = new TempFile();
        string path = Write(file);
        List<PriceFeatures> all = ParquetFiles.ReadAll(new ParquetSource<PriceFeatures>(path));

        List<PriceFeatures> filtered = ParquetFiles.ReadAll(new ParquetSource<PriceFeatures>(path).Where(r => r.Price >= 250.5 && r.Discount < 0.05));

        Assert.NotEmpty(filtered);
        Assert.Equal(all.Where(r => r.Price >= 250.5 && r.Discount < 0.05).Select(r => r.Id), filtered.Select(r => r.Id));
    }

    [Fact]
    public void A_member_that_cannot_hold_a_decimal_is_refused_naming_the_member_types_that_read_it()
    {
        using var file = new TempFile();
        string path = Write(file);

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<PriceAsDate>(path)));

        Assert.Equal("Price", error.ColumnName);
        Assert.Contains("DECIMAL(9,2)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; its values read into decimal, double or float, and exactly into string.", error.Message, StringComparison.Ordinal);
    }
}
