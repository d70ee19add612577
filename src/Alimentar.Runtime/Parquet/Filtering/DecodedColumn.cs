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
    public static async ValueTask<DecodedColumn> DecodeAsync(IColumnReader reader, int column, ColumnType type, int rows, CancellationToken cancellationToken) => type switch
    {
        ColumnType.Boolean => await Values<bool>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.SByte => await Values<sbyte>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Byte => await Values<byte>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Int16 => await Values<short>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.UInt16 => await Values<ushort>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Int32 => await Values<int>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.UInt32 => await Values<uint>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Int64 => await Values<long>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.UInt64 => await Values<ulong>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Single => await Values<float>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Double => await Values<double>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Decimal => await Values<decimal>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.DateTime => await Values<DateTime>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.DateTimeOffset => await Values<DateTimeOffset>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.DateOnly => await Values<DateOnly>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.TimeOnly => await Values<TimeOnly>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.TimeSpan => await Values<TimeSpan>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Guid => await Values<Guid>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.Half => await Values<Half>.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        ColumnType.String => await Strings.DecodeAsync(reader, column, rows, cancellationToken).ConfigureAwait(false),
        _ => throw new NotSupportedException($"a {type} column cannot be filtered"),
    };

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

        /// <summary>String equality and prefixes compare the decoded strings directly.</summary>
        public override void Evaluate(FilterLeaf leaf, Span<bool> passes)
        {
            if (leaf is CompareLeaf { EnumByName: null, Op: CompareOp.Equal or CompareOp.NotEqual, Constant.Text: { } constant } compare)
            {
                bool equal = compare.Op == CompareOp.Equal;
                for (int row = 0; row < passes.Length; row++)
                {
                    string? value = _values[row];
                    passes[row] = value is null ? !equal : string.Equals(value, constant, StringComparison.Ordinal) == equal;
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
