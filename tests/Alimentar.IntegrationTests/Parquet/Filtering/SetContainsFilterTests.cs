using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Linq.Expressions;

namespace Alimentar.IntegrationTests;

/// <summary>
/// "Member in a constant set" in every form a user writes, compiled by this project's C# (14), where an
/// array's <c>Contains</c> binds to <c>MemoryExtensions.Contains(ReadOnlySpan&lt;T&gt;, T, IEqualityComparer&lt;T&gt;?)</c>
/// whenever <c>T</c> is not IEquatable of itself (every nullable value type).
/// </summary>
public sealed class SetContainsFilterTests(SetContainsFilterTests.RowsFile file) : IClassFixture<SetContainsFilterTests.RowsFile>
{
    private const int RowCount = 6_000;

    private static FilterRow Row(int i) => new(
        i, (Weekday)(i % 7), i % 5 == 0 ? null : (Weekday)(i % 3), i % 4 == 0 ? null : i % 100, i % 3 == 0, i * 0.5,
        $"name-{i % 40:D2}", i % 6 == 0 ? null : $"note {i % 9}", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i), i * 0.25m);

    /// <summary>One file of <see cref="RowCount"/> rows in row groups of 500, written once for the class.</summary>
    public sealed class RowsFile : IAsyncLifetime
    {
        private readonly TempFile _file = new();

        public string Path => _file.Path;

        public Task InitializeAsync() => ParquetDatasetWriter<FilterRow>.WriteFileAsync(Path, Enumerable.Range(0, RowCount).Select(Row), 500);

        public Task DisposeAsync()
        {
            _file.Dispose();
            return Task.CompletedTask;
        }
    }

    public static TheoryData<string, Expression<Func<FilterRow, bool>>> Shapes()
    {
        int?[] counts = [1, 42, 9_999, 50];
        int?[] countsWithNull = [7, null];
        int?[] noCounts = [];
        long[] ids = [3, 999, 4_321, 40_000];
        Weekday[] days = [Weekday.Monday, Weekday.Wednesday];
        Weekday?[] namedDays = [Weekday.Tuesday, null];
        bool[] flags = [true];
        double[] scores = [0.5, 1_000.0, 2_999.5];
        string[] names = ["name-07", "name-31", "absent"];
        string?[] notes = ["note 3", null];
        DateTime[] stamps = [new(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc), new(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc)];
        decimal[] prices = [0.25m, 100m, 1_000.75m];
        List<int?> countList = [1, 42];
        HashSet<long> idSet = [3, 999];
        ImmutableArray<string> nameArray = ["name-07", "name-11"];
        IReadOnlyCollection<long> idCollection = new List<long> { 4_321, 5 };
        FrozenSet<string> frozenNames = new[] { "name-01" }.ToFrozenSet(StringComparer.Ordinal);
        ImmutableHashSet<int?> immutableCounts = [5, null];
        return new TheoryData<string, Expression<Func<FilterRow, bool>>>
        {
            { "int?[] (span with null comparer)", t => counts.Contains(t.Count) },
            { "int?[] holding null", t => countsWithNull.Contains(t.Count) },
            { "empty int?[]", t => noCounts.Contains(t.Count) },
            { "negated int?[]", t => !counts.Contains(t.Count) },
            { "negated int?[] holding null", t => !countsWithNull.Contains(t.Count) },
            { "long[] (span)", t => ids.Contains(t.Id) },
            { "enum[]", t => days.Contains(t.Day) },
            { "nullable enum[] holding null", t => namedDays.Contains(t.NamedDay) },
            { "bool[]", t => flags.Contains(t.Active) },
            { "double[]", t => scores.Contains(t.Score) },
            { "string[]", t => names.Contains(t.Name) },
            { "string?[] holding null", t => notes.Contains(t.Note) },
            { "DateTime[]", t => stamps.Contains(t.At) },
            { "decimal[]", t => prices.Contains(t.Price) },
            { "span with an explicit null comparer", t => counts.Contains(t.Count, null) },
            { "span with the default comparer", t => counts.Contains(t.Count, EqualityComparer<int?>.Default) },
            { "Enumerable.Contains on an array", t => Enumerable.Contains(ids, t.Id) },
            { "Enumerable.Contains with the default comparer", t => Enumerable.Contains(names, t.Name, EqualityComparer<string>.Default) },
            { "List<int?>", t => countList.Contains(t.Count) },
            { "HashSet<long>", t => idSet.Contains(t.Id) },
            { "ImmutableArray<string>", t => nameArray.Contains(t.Name) },
            { "IReadOnlyCollection<long>", t => idCollection.Contains(t.Id) },
            { "FrozenSet<string> with ordinal comparison", t => frozenNames.Contains(t.Name) },
            { "ImmutableHashSet<int?> holding null", t => immutableCounts.Contains(t.Count) },
            { "inline array", t => new int?[] { 10, 20 }.Contains(t.Count) || new[] { 30L, 31L }.Contains(t.Id) },
        };
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_form_of_a_constant_set_is_pushed_down_and_keeps_exactly_the_rows_LINQ_keeps(string shape, Expression<Func<FilterRow, bool>> predicate)
    {
        long[] expected = Enumerable.Range(0, RowCount).Select(Row).Where(predicate.Compile()).Select(r => r.Id).ToArray();

        ParquetSource<FilterRow> source = new ParquetSource<FilterRow>(file.Path).BatchSize(700).Where(predicate);

        Assert.True(source.Filter is not null, shape);
        Assert.Equal(expected, ParquetFiles.ReadAll(source).Select(r => r.Id));
    }

    [Fact]
    public void The_span_Contains_that_CSharp_14_emits_for_nullable_arrays_is_what_the_tests_push_down()
    {
        int?[] counts = [1];
        Expression<Func<FilterRow, bool>> predicate = t => counts.Contains(t.Count);
        var call = (MethodCallExpression)predicate.Body;
        Assert.Equal(typeof(MemoryExtensions), call.Method.DeclaringType);
        Assert.Equal(3, call.Arguments.Count);
    }

    public static TheoryData<string, Expression<Func<FilterRow, bool>>, string> CustomComparers()
    {
        string[] names = ["NAME-07"];
        var ignoringCase = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        var sorted = new SortedSet<string>(names);
        return new TheoryData<string, Expression<Func<FilterRow, bool>>, string>
        {
            { "span with a comparer", t => names.Contains(t.Name, StringComparer.OrdinalIgnoreCase), "StringComparer.OrdinalIgnoreCase" },
            { "Enumerable with a comparer", t => Enumerable.Contains(names, t.Name, StringComparer.InvariantCultureIgnoreCase), "StringComparer.InvariantCultureIgnoreCase" },
            { "a set built with a comparer", t => ignoringCase.Contains(t.Name), "own comparer" },
            { "a sorted set comparing by culture", t => sorted.Contains(t.Name), "own comparer" },
        };
    }

    [Theory]
    [MemberData(nameof(CustomComparers))]
    public void A_set_that_decides_equality_with_its_own_comparer_is_refused_by_name(string shape, Expression<Func<FilterRow, bool>> predicate, string named)
    {
        var source = new ParquetSource<FilterRow>(file.Path);
        UnsupportedFilterException error = Assert.Throws<UnsupportedFilterException>(() => source.Where(predicate));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.True(source.Filter is null, shape);
    }
}
