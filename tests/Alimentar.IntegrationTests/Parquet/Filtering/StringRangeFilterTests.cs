using System.Linq.Expressions;

namespace Alimentar.IntegrationTests;

/// <summary>A row with a string key that is sorted across row groups and null in some rows.</summary>
[StreamingDataset]
public partial record KeyedRow(long Id, string? Key);

/// <summary>
/// Ranges of strings, written as C# allows (<c>string.CompareOrdinal(member, value) op 0</c>): exactly the rows LINQ
/// keeps, nulls sorting first as in C#, pruned by statistics where UTF-8's byte order and UTF-16's ordinal order agree.
/// </summary>
public sealed class StringRangeFilterTests
{
    private const int Rows = 10_000;

    // Sorted keys in row groups of 1,000; every 97th row of the first row group null; the last row group's keys hold
    // characters past U+FFFF and from U+E000, which UTF-16 and UTF-8 order differently.
    private static KeyedRow Row(int i) => new(i, i % 97 == 0 && i < 1_000 ? null : i < 9_000 ? $"key-{i:D5}" : i % 2 == 0 ? $"\uE000{i}" : $"\U0001F600{i}");

    private static async Task<string> WriteAsync(TempFile file)
    {
        await ParquetDatasetWriter<KeyedRow>.WriteFileAsync(file.Path, Enumerable.Range(0, Rows).Select(Row), rowGroupSize: 1_000);
        return file.Path;
    }

    public static TheoryData<Expression<Func<KeyedRow, bool>>> Ranges()
    {
        string low = "key-04200", high = "key-04400";
        return new TheoryData<Expression<Func<KeyedRow, bool>>>
        {
            r => string.CompareOrdinal(r.Key, low) >= 0 && string.CompareOrdinal(r.Key, high) < 0,
            r => string.Compare(r.Key, "key-08999", StringComparison.Ordinal) > 0,
            r => string.CompareOrdinal(r.Key, "key-00050") <= 0,
            r => 0 > string.CompareOrdinal("key-09000", r.Key),
            r => string.CompareOrdinal(r.Key, "\uE000") > 0,
            r => string.CompareOrdinal(r.Key, "\uE000") < 0,
            r => string.CompareOrdinal(r.Key, "\U0001F600") < 0,
            r => string.CompareOrdinal(r.Key, null) == 0,
            r => string.CompareOrdinal(r.Key, "key-03000") != 0,
        };
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task A_range_of_strings_keeps_exactly_the_rows_LINQ_keeps(Expression<Func<KeyedRow, bool>> range)
    {
        using var file = new TempFile();
        string path = await WriteAsync(file);

        List<KeyedRow> actual = ParquetFiles.ReadAll(new ParquetSource<KeyedRow>(path).BatchSize(333).Where(range));

        Assert.Equal(Enumerable.Range(0, Rows).Select(Row).Where(range.Compile()).Select(r => r.Id), actual.Select(r => r.Id));
    }

    [Fact]
    public async Task A_range_of_strings_reads_only_the_row_groups_whose_bounds_it_can_match()
    {
        using var file = new TempFile();
        string path = await WriteAsync(file);
        ParquetSource<KeyedRow> source = new ParquetSource<KeyedRow>(path)
            .Where(r => string.CompareOrdinal(r.Key, "key-04200") > 0 && string.CompareOrdinal(r.Key, "key-04400") <= 0);

        FilterExplanation explanation = source.Explain();

        Assert.Equal([4], explanation.RowGroups.Where(g => g.Kept).Select(g => g.Index));
    }

    [Fact]
    public async Task A_range_that_takes_null_keeps_the_row_groups_holding_nulls()
    {
        using var file = new TempFile();
        string path = await WriteAsync(file);

        // C# sorts null before every string, so the row group with null keys has rows below "key-00000"; no other does.
        ParquetSource<KeyedRow> source = new ParquetSource<KeyedRow>(path).Where(r => string.CompareOrdinal(r.Key, "key-00000") < 0);

        Assert.Equal([0], source.Explain().RowGroups.Where(g => g.Kept).Select(g => g.Index));
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i * 97L), ParquetFiles.ReadAll(source).Select(r => r.Id));
    }

    [Fact]
    public async Task A_bound_past_U_D800_is_not_judged_by_statistics_whose_byte_order_differs_from_CompareOrdinal()
    {
        using var file = new TempFile();
        string path = await WriteAsync(file);

        // In UTF-16, "\uE000…" sorts after "\U0001F600…" (a surrogate, 0xD83D); in UTF-8 bytes, before it.
        FilterExplanation explanation = new ParquetSource<KeyedRow>(path).Where(r => string.CompareOrdinal(r.Key, "\uE000") > 0).Explain();

        Assert.Equal(10, explanation.RowGroups.Count(g => g.Kept));
    }

    [Theory]
    [InlineData("culture")]
    [InlineData("CompareTo")]
    [InlineData("not zero")]
    [InlineData("not a string")]
    public void A_string_comparison_the_reader_cannot_order_is_refused_naming_why(string shape)
    {
        var source = new ParquetSource<FilterRow>(ParquetFiles.Corpus("alltypes_plain.parquet"));
        (Expression<Func<FilterRow, bool>> predicate, string why) = shape switch
        {
            "culture" => ((Expression<Func<FilterRow, bool>>)(t => string.Compare(t.Name, "m") > 0), "compare by culture"),
            "CompareTo" => (t => t.Name.CompareTo("m") > 0, "compare by culture"),
            "not zero" => (t => string.CompareOrdinal(t.Name, "m") == -1, "compared with 0"),
            _ => (t => string.CompareOrdinal(t.Name, t.Note) > 0, "compares two members"),
        };

        UnsupportedFilterException error = Assert.Throws<UnsupportedFilterException>(() => source.Where(predicate));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }
}
