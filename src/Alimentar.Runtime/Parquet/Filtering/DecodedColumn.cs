using System.Collections.Concurrent;

namespace Alimentar.Parquet.Filtering;

/// <summary>
/// One filter column of one batch, decoded as its member stores it but always nullable (a null in a
/// non-nullable member is reported when that row is handed out, not when it is filtered away). Held in a
/// pooled array until the batch's store has copied the rows that pass.
/// </summary>
internal abstract class DecodedColumn : IDisposable
{
    public abstract bool IsNull(int row);

    /// <summary>Whether <paramref name="leaf"/> holds in each of the first <paramref name="passes"/>.Length rows.</summary>
    public virtual void Evaluate(FilterLeaf leaf, Span<bool> passes)
    {
        bool matchesNull = leaf.MatchesNull;
        for (int row = 0; row < passes.Length; row++)
        {
            passes[row] = IsNull(row) ? matchesNull : Value(row, leaf) is { } value && leaf.Matches(value);
        }
    }

    /// <summary>The value of a non-null row in the leaf's comparison domain.</summary>
    public abstract FilterValue? Value(int row, FilterLeaf leaf);

    public abstract void Dispose();

    /// <summary>Decodes the next <paramref name="rows"/> rows of <paramref name="column"/>.</summary>
    public static ValueTask<DecodedColumn> DecodeAsync(IColumnReader reader, int column, ColumnType type, int rows, CancellationToken cancellationToken) =>
        ColumnTypes.Accept<ValueTask<DecodedColumn>, Decoding>(type, new Decoding(reader, column, rows, cancellationToken));

    private readonly struct Decoding(IColumnReader reader, int column, int rows, CancellationToken cancellationToken) : IColumnTypeVisitor<ValueTask<DecodedColumn>>
    {
        public ValueTask<DecodedColumn> Value<T>()
            where T : struct => Values<T>.DecodeAsync(reader, column, rows, cancellationToken);

        public ValueTask<DecodedColumn> String() => Strings.DecodeAsync(reader, column, rows, cancellationToken);

        public ValueTask<DecodedColumn> Binary() => throw new NotSupportedException("a binary column cannot be filtered");
    }

    /// <summary>The decoded values, for the store to copy the passing rows from.</summary>
    public abstract Array Buffer { get; }

    internal sealed class Values<TValue> : DecodedColumn
        where TValue : struct
    {
        private TValue?[] _values;

        private Values(TValue?[] values) => _values = values;

        public override Array Buffer => _values;

        public static async ValueTask<DecodedColumn> DecodeAsync(IColumnReader reader, int column, int rows, CancellationToken cancellationToken)
        {
            TValue?[] values = ColumnArrays<TValue?>.Pool.Rent(rows);
            try
            {
                await reader.ReadNullableValuesAsync(column, values.AsMemory(0, rows), cancellationToken).ConfigureAwait(false);
                return new Values<TValue>(values);
            }
            catch
            {
                ColumnArrays<TValue?>.Pool.Return(values);
                throw;
            }
        }

        public override bool IsNull(int row) => !_values[row].HasValue;

        public override FilterValue? Value(int row, FilterLeaf leaf) => FilterValue.From(_values[row]!.Value, leaf.Domain, leaf.Single);

        /// <summary>
        /// Comparisons of integers, dates and times (as ticks or days) and of floating-point values run as typed
        /// loops, without a boxed value per row; everything else goes through <see cref="FilterValue"/>.
        /// </summary>
        public override void Evaluate(FilterLeaf leaf, Span<bool> passes)
        {
            if (leaf is InSetLeaf { EnumByName: null, Domain: FilterDomain.Integer } set && TypedComparison.IsInteger<TValue>()
                && set.Integers.Count == set.Values.Length)
            {
                TypedComparison.InSet(_values.AsSpan(0, passes.Length), set.Integers, set.HasNull, passes);
                return;
            }

            if (leaf is CompareLeaf { EnumByName: null } compare)
            {
                if (compare.Domain == FilterDomain.Integer && TypedComparison.IsInteger<TValue>()
                    && compare.Constant.IntegerValue >= long.MinValue && compare.Constant.IntegerValue <= long.MaxValue)
                {
                    TypedComparison.Integers(_values.AsSpan(0, passes.Length), (long)compare.Constant.IntegerValue, compare.Op, passes);
                    return;
                }

                if (compare.Domain == FilterDomain.Floating && !compare.Constant.IsNaN && TypedComparison.IsFloating<TValue>())
                {
                    TypedComparison.Floats(_values.AsSpan(0, passes.Length), compare.Constant.FloatingValue, compare.Op, passes);
                    return;
                }
            }

            base.Evaluate(leaf, passes);
        }

        public override void Dispose()
        {
            if (_values.Length > 0)
            {
                ColumnArrays<TValue?>.Pool.Return(_values);
                _values = [];
            }
        }
    }

    internal sealed class Strings : DecodedColumn
    {
        // Enum names parse to the same number in every batch; parsing once per distinct name keeps filtering cheap.
        private static readonly ConcurrentDictionary<(Type, string), object?> EnumNames = new();
        private string?[] _values;

        private Strings(string?[] values) => _values = values;

        public override Array Buffer => _values;

        public static async ValueTask<DecodedColumn> DecodeAsync(IColumnReader reader, int column, int rows, CancellationToken cancellationToken)
        {
            string?[] values = ColumnArrays<string?>.Pool.Rent(rows);
            try
            {
                await reader.ReadStringsAsync(column, values.AsMemory(0, rows), cancellationToken).ConfigureAwait(false);
                return new Strings(values);
            }
            catch
            {
                ColumnArrays<string?>.Pool.Return(values, clearArray: true);
                throw;
            }
        }

        public override bool IsNull(int row) => _values[row] is null;

        /// <summary>String comparisons and prefixes compare the decoded strings directly.</summary>
        public override void Evaluate(FilterLeaf leaf, Span<bool> passes)
        {
            if (leaf is CompareLeaf { EnumByName: null, Op: CompareOp.Equal or CompareOp.NotEqual, Constant.Text: { } constant } compare)
            {
                bool equal = compare.Op == CompareOp.Equal;
                for (int row = 0; row < passes.Length; row++)
                {
                    string? value = _values[row];
                    passes[row] = value is null ? compare.MatchesNull : string.Equals(value, constant, StringComparison.Ordinal) == equal;
                }

                return;
            }

            if (leaf is CompareLeaf { EnumByName: null, Constant.Text: { } bound } ordered)
            {
                bool matchesNull = ordered.MatchesNull;
                for (int row = 0; row < passes.Length; row++)
                {
                    string? value = _values[row];
                    passes[row] = value is null ? matchesNull : CompareLeaf.Holds(string.CompareOrdinal(value, bound), ordered.Op);
                }

                return;
            }

            if (leaf is InSetLeaf { EnumByName: null, Domain: FilterDomain.Text } set)
            {
                for (int row = 0; row < passes.Length; row++)
                {
                    string? value = _values[row];
                    passes[row] = value is null ? set.HasNull : set.Texts.Contains(value);
                }

                return;
            }

            if (leaf is StartsWithLeaf { EnumByName: null, Ordinal: true } startsWith)
            {
                for (int row = 0; row < passes.Length; row++)
                {
                    passes[row] = _values[row]?.StartsWith(startsWith.Prefix, StringComparison.Ordinal) ?? false;
                }

                return;
            }

            base.Evaluate(leaf, passes);
        }

        public override FilterValue? Value(int row, FilterLeaf leaf)
        {
            string text = _values[row]!;
            if (leaf.EnumByName is not { } enumType)
            {
                return FilterValue.String(text);
            }

            object? number = EnumNames.GetOrAdd((enumType, text), static key => Enum.TryParse(key.Item1, key.Item2, out object? parsed) ? parsed : null);
            return FilterValue.From(number, leaf.Domain, leaf.Single);
        }

        public override void Dispose()
        {
            if (_values.Length > 0)
            {
                ColumnArrays<string?>.Pool.Return(_values, clearArray: true);
                _values = [];
            }
        }
    }
}
