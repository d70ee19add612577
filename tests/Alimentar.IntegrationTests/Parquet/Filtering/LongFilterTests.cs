using Alimentar.Testing;
using System.Linq.Expressions;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Filters as long as programs build them: a predicate folded from thousands of keys, and filter text of any length.
/// Each level of a filter is a frame of every walk over it, and a stack overflow ends the process, uncaught.
/// </summary>
public sealed class LongFilterTests(LongFilterTests.RowsFile file) : IClassFixture<LongFilterTests.RowsFile>
{
    private const int RowCount = 2_000;
    private const int Keys = 100_000;

    /// <summary>One file of <see cref="RowCount"/> rows in row groups of 500, written once for the class.</summary>
    public sealed class RowsFile : IAsyncLifetime
    {
        private readonly TempFile _file = new();

        public string Path => _file.Path;

        public Task InitializeAsync() => ParquetDatasetWriter<FilterRow>.WriteFileAsync(Path, Enumerable.Range(0, RowCount).Select(i => new FilterRow(
            i, (Weekday)(i % 7), null, i % 100, i % 3 == 0, i * 0.5, $"name-{i % 40:D2}", null, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i), i * 0.25m)), 500);

        public Task DisposeAsync()
        {
            _file.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_predicate_folded_from_a_hundred_thousand_keys_reads_the_rows_it_names(bool leftDeep)
    {
        // As a predicate builder folds a list: every third key from 1, and keys past the file's rows.
        long[] keys = [.. Enumerable.Range(0, Keys).Select(k => 1L + (3L * k))];
        ParameterExpression row = Expression.Parameter(typeof(FilterRow), "r");
        Expression body = keys.Select(key => (Expression)Expression.Equal(Expression.Property(row, nameof(FilterRow.Id)), Expression.Constant(key)))
            .Aggregate((folded, next) => leftDeep ? Expression.OrElse(folded, next) : Expression.OrElse(next, folded));
        var predicate = Expression.Lambda<Func<FilterRow, bool>>(body, row);

        // Read on the thread pool, whose threads have smaller stacks than a process's main thread.
        long[] read = await Task.Run(() => ParquetFiles.ReadAll(new ParquetSource<FilterRow>(file.Path).Where(predicate)).Select(r => r.Id).ToArray());

        Assert.Equal(Enumerable.Range(0, RowCount).Select(i => (long)i).Where(id => id % 3 == 1), read);
    }

    [Fact]
    public async Task Where_called_in_a_loop_fifty_thousand_times_keeps_the_rows_every_call_keeps()
    {
        var source = new ParquetSource<FilterRow>(file.Path);
        for (int call = 0; call < 50_000; call++)
        {
            long excluded = 3 * (call % 600);
            source.Where(r => r.Id != excluded);
        }

        long[] read = await Task.Run(() => ParquetFiles.ReadAll(source).Select(r => r.Id).ToArray());

        Assert.Equal(Enumerable.Range(0, RowCount).Select(i => (long)i).Where(id => id % 3 != 0 || id >= 1_800), read);
    }

    [Fact]
    public async Task Filter_text_of_a_hundred_thousand_alternatives_is_explained()
    {
        string where = string.Join(" || ", Enumerable.Range(0, Keys).Select(k => $"Id == {1 + (3 * k)}"));

        FilterExplanation explanation = await Task.Run(() => ParquetFileInfo.ExplainAsync(file.Path, where));

        Assert.Equal(RowCount, explanation.TotalRows);
        Assert.Equal(4, explanation.RowGroups.Count);
    }

    [Theory]
    [InlineData("!")]
    [InlineData("(")]
    public async Task Filter_text_nested_past_any_reason_is_refused_not_overflowed(string opening)
    {
        string where = string.Concat(Enumerable.Repeat(opening, 200_000)) + "Id > 1" + (opening == "(" ? new string(')', 200_000) : string.Empty);

        FormatException error = await Assert.ThrowsAsync<FormatException>(() => Task.Run(() => ParquetFileInfo.ExplainAsync(file.Path, where)));

        Assert.Contains("nests deeper than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_predicate_nested_past_any_reason_is_refused_not_overflowed()
    {
        ParameterExpression row = Expression.Parameter(typeof(FilterRow), "r");
        Expression body = Expression.GreaterThan(Expression.Property(row, nameof(FilterRow.Id)), Expression.Constant(1L));
        for (int level = 0; level < 100_000; level++)
        {
            body = Expression.Not(body);
        }

        var source = new ParquetSource<FilterRow>(file.Path);
        UnsupportedFilterException error = Assert.Throws<UnsupportedFilterException>(() => source.Where(Expression.Lambda<Func<FilterRow, bool>>(body, row)));

        Assert.Contains("nests deeper than 256 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_predicate_refused_for_one_operand_names_that_operand_not_the_whole()
    {
        // On a machine set to German, too: the message's numbers are written alike everywhere.
        using var culture = new CultureScope();
        ParameterExpression row = Expression.Parameter(typeof(FilterRow), "r");
        MemberExpression id = Expression.Property(row, nameof(FilterRow.Id));
        Expression body = Enumerable.Range(0, Keys).Select(key => (Expression)Expression.Equal(id, Expression.Constant((long)key)))
            .Append(Expression.Equal(id, Expression.Convert(Expression.Property(row, nameof(FilterRow.Count)), typeof(long))))
            .Aggregate(Expression.OrElse);

        var source = new ParquetSource<FilterRow>(file.Path);
        UnsupportedFilterException error = Assert.Throws<UnsupportedFilterException>(() => source.Where(Expression.Lambda<Func<FilterRow, bool>>(body, row)));

        Assert.StartsWith("The filter of 100,001 operands cannot be pushed down", error.Message, StringComparison.Ordinal);
        Assert.Contains("compares two members", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 1_000, error.Message);
    }

    [Fact]
    public async Task An_error_in_long_filter_text_quotes_the_text_around_it()
    {
        string where = string.Join(" || ", Enumerable.Range(0, 1_000).Select(k => $"Id == {k}")) + " || Id ==";

        FormatException error = await Assert.ThrowsAsync<FormatException>(() => ParquetFileInfo.ExplainAsync(file.Path, where));

        Assert.StartsWith("The filter '…", error.Message, StringComparison.Ordinal);
        Assert.Contains("Id == 999 || Id ==' cannot be read at position " + (where.Length + 1), error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, error.Message);
    }
}
