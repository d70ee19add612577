namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record WideDecimalRow(long Id, decimal? Fraction);

[StreamingDataset]
public partial record WideDecimalText(long Id, string? Fraction, string Price);

public sealed record DecimalTexts(string? Fraction, string Price);

[StreamingDataset]
public partial record NestedDecimalText(long Id, DecimalTexts Amounts);

/// <summary>
/// DECIMAL beyond <see cref="decimal"/>'s 28 digits of scale: values whose trailing zeros make them fit read
/// into <see cref="decimal"/>, others fail naming the row, and a string member holds any of them exactly.
/// </summary>
public sealed class WideDecimalTests
{
    private const string Query = """
        SELECT i::BIGINT AS id,
               CASE i % 4 WHEN 0 THEN '0.5' WHEN 1 THEN '-0.25' WHEN 2 THEN NULL ELSE '0.0000000001' END::DECIMAL(38, 38) AS fraction,
               (i * 1.25)::DECIMAL(9, 2) AS price
        FROM range(1000) t(i)
        """;

    private static string Write(TempFile file, string query = Query) => DuckDbDifferentialTests.Write(file, query, "ROW_GROUP_SIZE 300");

    private static decimal? Expected(long i) => (i % 4) switch { 0 => 0.5m, 1 => -0.25m, 2 => null, _ => 0.0000000001m };

    [Fact]
    public void A_decimal_of_scale_38_whose_trailing_zeros_fit_reads_into_decimal()
    {
        using var file = new TempFile();
        List<WideDecimalRow> rows = ParquetFiles.ReadAll(new ParquetSource<WideDecimalRow>(Write(file)).BatchSize(128));

        Assert.Equal(1000, rows.Count);
        Assert.All(rows, row => Assert.Equal(Expected(row.Id), row.Fraction));
    }

    [Fact]
    public void A_decimal_with_more_significant_digits_than_decimal_holds_fails_naming_its_row_and_the_string_member_that_reads_it()
    {
        using var file = new TempFile();
        string path = Write(file, Query.Replace("'0.0000000001'", "'0.12345678901234567890123456789012345678'", StringComparison.Ordinal));

        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<WideDecimalRow>(path)));
        Assert.Equal("fraction", error.ColumnName);
        Assert.Equal(3, error.Row);
        Assert.Contains("declare the member string to read the value's exact digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_member_reads_any_decimal_exactly_with_every_digit_of_its_scale()
    {
        using var file = new TempFile();
        string path = Write(file, Query.Replace("'0.0000000001'", "'0.12345678901234567890123456789012345678'", StringComparison.Ordinal));

        List<WideDecimalText> rows = ParquetFiles.ReadAll(new ParquetSource<WideDecimalText>(path).BatchSize(100));

        string[] fractions = ["0.50000000000000000000000000000000000000", "-0.25000000000000000000000000000000000000", null!, "0.12345678901234567890123456789012345678"];
        Assert.All(rows, row => Assert.Equal(fractions[row.Id % 4], row.Fraction));
        Assert.All(rows, row => Assert.Equal((row.Id * 1.25m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), row.Price));
    }

    [Fact]
    public async Task The_untyped_scan_shows_decimals_wider_than_decimal_as_their_exact_text()
    {
        using var file = new TempFile();
        string path = Write(file, Query.Replace("'0.0000000001'", "'0.12345678901234567890123456789012345678'", StringComparison.Ordinal));

        ParquetScan scan = await ParquetFileInfo.ScanAsync(path, headRows: 4);

        Assert.Equal(1000, scan.Rows);
        Assert.Equal("0.12345678901234567890123456789012345678", scan.Head[3][1]);
        Assert.Equal(3.75m, scan.Head[3][2]);
    }

    [Fact]
    public void A_string_field_of_a_record_reads_any_decimal_exactly_as_a_string_member_does()
    {
        using var file = new TempFile();
        string path = Write(file, "SELECT id, {'fraction': fraction, 'price': price} AS amounts FROM (" + Query.Replace("'0.0000000001'", "'0.12345678901234567890123456789012345678'", StringComparison.Ordinal) + ")");

        List<NestedDecimalText> rows = ParquetFiles.ReadAll(new ParquetSource<NestedDecimalText>(path).BatchSize(100));

        string[] fractions = ["0.50000000000000000000000000000000000000", "-0.25000000000000000000000000000000000000", null!, "0.12345678901234567890123456789012345678"];
        Assert.Equal(1000, rows.Count);
        Assert.All(rows, row => Assert.Equal(fractions[row.Id % 4], row.Amounts.Fraction));
        Assert.All(rows, row => Assert.Equal((row.Id * 1.25m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), row.Amounts.Price));
    }
}
