namespace Alimentar.Parquet.Filtering;

/// <summary>
/// A filter as the reader evaluates it: comparisons of one bound column with constants, joined by and, or
/// and not. Values are held in the column's comparison domain (<see cref="FilterValue"/>), so statistics,
/// page indexes and decoded values are all compared the same way, by C#'s own rules for the member's type.
/// </summary>
internal abstract record FilterNode
{
    private int[]? _columns;

    /// <summary>The bound columns the filter reads, each once, in ascending order; worked out once, since every batch asks.</summary>
    public int[] Columns() => _columns ??= Leaves().Select(leaf => leaf.Column).Distinct().Order().ToArray();

    public abstract IEnumerable<FilterLeaf> Leaves();

    /// <summary>
    /// How deep ! and parentheses may nest, in a filter's text or in a predicate: far past any filter a person writes,
    /// and far short of the depth at which a walk over the filter, a frame per level, would overflow the stack, which
    /// ends the process uncaught. Chains of &amp;&amp; and || do not count (<see cref="Join"/>).
    /// </summary>
    public const int MaxNesting = 256;

    /// <summary>
    /// The <paramref name="operands"/> joined by || (<paramref name="any"/>) or &amp;&amp;, as a balanced tree: a chain a
    /// program folds from a hundred thousand keys is then seventeen levels deep, not a hundred thousand.
    /// </summary>
    public static FilterNode Join(IReadOnlyList<FilterNode> operands, bool any)
    {
        return Between(0, operands.Count);

        FilterNode Between(int first, int end)
        {
            if (end - first == 1)
            {
                return operands[first];
            }

            int middle = first + ((end - first) / 2);
            return any ? new OrNode(Between(first, middle), Between(middle, end)) : new AndNode(Between(first, middle), Between(middle, end));
        }
    }
}

internal sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode
{
    public override IEnumerable<FilterLeaf> Leaves() => Left.Leaves().Concat(Right.Leaves());

    public override string ToString() => $"({Left} && {Right})";
}

internal sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode
{
    public override IEnumerable<FilterLeaf> Leaves() => Left.Leaves().Concat(Right.Leaves());

    public override string ToString() => $"({Left} || {Right})";
}

internal sealed record NotNode(FilterNode Operand) : FilterNode
{
    public override IEnumerable<FilterLeaf> Leaves() => Operand.Leaves();

    public override string ToString() => Operand switch
    {
        IsNullLeaf isNull => $"{isNull.Member} != null",
        AndNode or OrNode => $"!{Operand}",
        _ => $"!({Operand})",
    };
}

/// <summary>True or false for every row: what a filter folds to when a comparison cannot hold for any value of the member's type.</summary>
internal sealed record ConstantNode(bool Value) : FilterNode
{
    public override IEnumerable<FilterLeaf> Leaves() => [];

    public override string ToString() => Value ? "true" : "false";
}

/// <summary>A test of one column's value in each row.</summary>
internal abstract record FilterLeaf(int Column, string Member) : FilterNode
{
    public override IEnumerable<FilterLeaf> Leaves() => [this];

    /// <summary>The domain the column's values are compared in.</summary>
    public FilterDomain Domain { get; init; }

    /// <summary>Values are rounded to float first (an integer member compared with a float).</summary>
    public bool Single { get; init; }

    /// <summary>The member's enum type when the file stores enum names, which are parsed back to numbers to compare.</summary>
    public Type? EnumByName { get; init; }

    /// <summary>Whether the test holds for a row whose value is null (C#'s lifted operators: only <c>!=</c> does).</summary>
    public abstract bool MatchesNull { get; }

    /// <summary>Whether the test holds for a non-null value.</summary>
    public abstract bool Matches(FilterValue value);
}

internal enum CompareOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary><c>column op constant</c>, with the constant never null (a null constant becomes a null test).</summary>
internal sealed record CompareLeaf(int Column, string Member, CompareOp Op, FilterValue Constant) : FilterLeaf(Column, Member)
{
    /// <summary>
    /// Null takes part in the comparison as less than every value (<c>string.CompareOrdinal</c>), rather than failing
    /// every operator but <c>!=</c> (C#'s lifted operators).
    /// </summary>
    public bool NullSortsFirst { get; init; }

    public override bool MatchesNull => NullSortsFirst ? Holds(-1, Op) : Op == CompareOp.NotEqual;

    public override bool Matches(FilterValue value) => Holds(value.CompareTo(Constant), Op);

    /// <summary>Whether <paramref name="op"/> holds for a comparison result, NaN (null) included: only != holds then, as in C#.</summary>
    public static bool Holds(int? comparison, CompareOp op) => comparison is int c ? Holds(c, op) : op == CompareOp.NotEqual;

    /// <summary>Whether <paramref name="op"/> holds for the sign of a comparison.</summary>
    public static bool Holds(int comparison, CompareOp op) => op switch
    {
        CompareOp.Equal => comparison == 0,
        CompareOp.NotEqual => comparison != 0,
        CompareOp.Less => comparison < 0,
        CompareOp.LessOrEqual => comparison <= 0,
        CompareOp.Greater => comparison > 0,
        _ => comparison >= 0,
    };

    /// <summary>The constant as the user wrote it (a date rather than its ticks), for explanations.</summary>
    public string? Shown { get; init; }

    public override string ToString() => $"{Member} {Symbol(Op)} {Shown ?? Constant.ToString()}";

    public static string Symbol(CompareOp op) => op switch
    {
        CompareOp.Equal => "==",
        CompareOp.NotEqual => "!=",
        CompareOp.Less => "<",
        CompareOp.LessOrEqual => "<=",
        CompareOp.Greater => ">",
        _ => ">=",
    };
}

/// <summary><c>column == null</c>.</summary>
internal sealed record IsNullLeaf(int Column, string Member) : FilterLeaf(Column, Member)
{
    public override bool MatchesNull => true;

    public override bool Matches(FilterValue value) => false;

    public override string ToString() => $"{Member} == null";
}

/// <summary><c>column.StartsWith(prefix)</c>; <paramref name="Ordinal"/> false for the culture-sensitive overload, which statistics cannot prune.</summary>
internal sealed record StartsWithLeaf(int Column, string Member, string Prefix, bool Ordinal) : FilterLeaf(Column, Member)
{
    public override bool MatchesNull => false;

    public override bool Matches(FilterValue value) => value.Text is { } text &&
        (Ordinal ? text.StartsWith(Prefix, StringComparison.Ordinal) : text.StartsWith(Prefix));

    public override string ToString() => $"{Member}.StartsWith(\"{Prefix}\"{(Ordinal ? ", Ordinal" : string.Empty)})";
}

/// <summary><c>set.Contains(column)</c> over a constant set; <paramref name="HasNull"/> when the set holds null.</summary>
internal sealed record InSetLeaf(int Column, string Member, FilterValue[] Values, bool HasNull) : FilterLeaf(Column, Member)
{
    private readonly HashSet<FilterValue> _set = [.. Values];

    /// <summary>The set's strings, for looking decoded strings up without wrapping each.</summary>
    public HashSet<string> Texts { get; } = new(Values.Where(v => v.Text is not null).Select(v => v.Text!), StringComparer.Ordinal);

    /// <summary>The set's integers that fit a long, for typed lookups.</summary>
    public HashSet<long> Integers { get; } = [.. Values.Where(v => v.Domain == FilterDomain.Integer && v.IntegerValue >= long.MinValue && v.IntegerValue <= long.MaxValue).Select(v => (long)v.IntegerValue)];

    public override bool MatchesNull => HasNull;

    public override bool Matches(FilterValue value) => _set.Contains(value);

    public override string ToString() =>
        $"{Member} in [{string.Join(", ", Values.Take(8))}{(Values.Length > 8 ? $", … {Values.Length} values" : string.Empty)}{(HasNull ? ", null" : string.Empty)}]";
}
