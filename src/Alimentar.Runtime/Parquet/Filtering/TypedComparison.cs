using System.Runtime.CompilerServices;

namespace Alimentar.Parquet.Filtering;

/// <summary>
/// A comparison of a whole decoded column with a constant, as a typed loop: the hot path of a filter that
/// statistics could not prune. The checks on <c>TValue</c> are constants to the JIT, so each instantiation
/// keeps only its own branch.
/// </summary>
internal static class TypedComparison
{
    /// <summary>True for the member types whose values compare as a <see cref="long"/> (integers but ulong, bool, dates and times as ticks or days).</summary>
    public static bool IsInteger<TValue>() =>
        typeof(TValue) == typeof(sbyte) || typeof(TValue) == typeof(byte) || typeof(TValue) == typeof(short) || typeof(TValue) == typeof(ushort)
        || typeof(TValue) == typeof(int) || typeof(TValue) == typeof(uint) || typeof(TValue) == typeof(long) || typeof(TValue) == typeof(bool)
        || typeof(TValue) == typeof(DateTime) || typeof(TValue) == typeof(DateTimeOffset) || typeof(TValue) == typeof(DateOnly)
        || typeof(TValue) == typeof(TimeOnly) || typeof(TValue) == typeof(TimeSpan);

    public static bool IsFloating<TValue>() => typeof(TValue) == typeof(double) || typeof(TValue) == typeof(float);

    public static void Integers<TValue>(ReadOnlySpan<TValue?> values, long constant, CompareOp op, Span<bool> passes)
        where TValue : struct
    {
        bool matchesNull = op == CompareOp.NotEqual;
        for (int row = 0; row < passes.Length; row++)
        {
            TValue? value = values[row];
            passes[row] = value.HasValue ? CompareLeaf.Holds(AsLong(value.GetValueOrDefault()).CompareTo(constant), op) : matchesNull;
        }
    }

    public static void InSet<TValue>(ReadOnlySpan<TValue?> values, HashSet<long> set, bool matchesNull, Span<bool> passes)
        where TValue : struct
    {
        for (int row = 0; row < passes.Length; row++)
        {
            TValue? value = values[row];
            passes[row] = value.HasValue ? set.Contains(AsLong(value.GetValueOrDefault())) : matchesNull;
        }
    }

    /// <summary>IEEE comparisons, as C# makes them: NaN fails all but <c>!=</c>.</summary>
    public static void Floats<TValue>(ReadOnlySpan<TValue?> values, double constant, CompareOp op, Span<bool> passes)
        where TValue : struct
    {
        bool matchesNull = op == CompareOp.NotEqual;
        for (int row = 0; row < passes.Length; row++)
        {
            TValue? value = values[row];
            if (!value.HasValue)
            {
                passes[row] = matchesNull;
                continue;
            }

            TValue present = value.GetValueOrDefault();
            double x = typeof(TValue) == typeof(double) ? Unsafe.As<TValue, double>(ref present) : Unsafe.As<TValue, float>(ref present);
            passes[row] = op switch
            {
                CompareOp.Equal => x == constant,
                CompareOp.NotEqual => x != constant,
                CompareOp.Less => x < constant,
                CompareOp.LessOrEqual => x <= constant,
                CompareOp.Greater => x > constant,
                _ => x >= constant,
            };
        }
    }

    private static long AsLong<TValue>(TValue value)
    {
        if (typeof(TValue) == typeof(sbyte)) return Unsafe.As<TValue, sbyte>(ref value);
        if (typeof(TValue) == typeof(byte)) return Unsafe.As<TValue, byte>(ref value);
        if (typeof(TValue) == typeof(short)) return Unsafe.As<TValue, short>(ref value);
        if (typeof(TValue) == typeof(ushort)) return Unsafe.As<TValue, ushort>(ref value);
        if (typeof(TValue) == typeof(int)) return Unsafe.As<TValue, int>(ref value);
        if (typeof(TValue) == typeof(uint)) return Unsafe.As<TValue, uint>(ref value);
        if (typeof(TValue) == typeof(long)) return Unsafe.As<TValue, long>(ref value);
        if (typeof(TValue) == typeof(bool)) return Unsafe.As<TValue, bool>(ref value) ? 1 : 0;
        if (typeof(TValue) == typeof(DateTime)) return Unsafe.As<TValue, DateTime>(ref value).Ticks;
        if (typeof(TValue) == typeof(DateTimeOffset)) return Unsafe.As<TValue, DateTimeOffset>(ref value).UtcTicks;
        if (typeof(TValue) == typeof(DateOnly)) return Unsafe.As<TValue, DateOnly>(ref value).DayNumber;
        if (typeof(TValue) == typeof(TimeOnly)) return Unsafe.As<TValue, TimeOnly>(ref value).Ticks;
        return Unsafe.As<TValue, TimeSpan>(ref value).Ticks;
    }
}
