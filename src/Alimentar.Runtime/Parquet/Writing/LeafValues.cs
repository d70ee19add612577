using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// Hands a member's values to its leaf writer in the form the leaf's physical type is written from: narrow and
/// unsigned integers widen to INT32 (or reinterpret as INT64), times and dates become the integers their logical
/// types count, the rest pass as they are. Conversions go through a pooled scratch array.
/// </summary>
internal static class LeafValues
{
    private static readonly DateTime UnixEpoch = DateTime.UnixEpoch;

    public static void Append<T>(LeafWriter leaf, ReadOnlySpan<T> values, ReadOnlySpan<int> definitions, ReadOnlySpan<int> repetitions)
    {
        if (typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(bool) || typeof(T) == typeof(float) || typeof(T) == typeof(double)
            || typeof(T) == typeof(decimal) || typeof(T) == typeof(Guid) || typeof(T) == typeof(Half) || typeof(T) == typeof(string) || typeof(T) == typeof(byte[]))
        {
            ((LeafWriter<T>)leaf).Append(values, definitions, repetitions);
        }
        else if (typeof(T) == typeof(uint))
        {
            ((LeafWriter<int>)leaf).Append(MemoryMarshal.Cast<uint, int>(As<T, uint>(values)), definitions, repetitions);
        }
        else if (typeof(T) == typeof(ulong))
        {
            ((LeafWriter<long>)leaf).Append(MemoryMarshal.Cast<ulong, long>(As<T, ulong>(values)), definitions, repetitions);
        }
        else if (typeof(T) == typeof(sbyte))
        {
            Mapped(leaf, As<T, sbyte>(values), static v => (int)v, definitions, repetitions);
        }
        else if (typeof(T) == typeof(byte))
        {
            Mapped(leaf, As<T, byte>(values), static v => (int)v, definitions, repetitions);
        }
        else if (typeof(T) == typeof(short))
        {
            Mapped(leaf, As<T, short>(values), static v => (int)v, definitions, repetitions);
        }
        else if (typeof(T) == typeof(ushort))
        {
            Mapped(leaf, As<T, ushort>(values), static v => (int)v, definitions, repetitions);
        }
        else if (typeof(T) == typeof(DateOnly))
        {
            Mapped(leaf, As<T, DateOnly>(values), static v => v.DayNumber - DateOnly.FromDateTime(UnixEpoch).DayNumber, definitions, repetitions);
        }
        else if (typeof(T) == typeof(DateTime))
        {
            Mapped(leaf, As<T, DateTime>(values), static v => Microseconds(ToUtc(v).Ticks - UnixEpoch.Ticks), definitions, repetitions);
        }
        else if (typeof(T) == typeof(DateTimeOffset))
        {
            Mapped(leaf, As<T, DateTimeOffset>(values), static v => Microseconds(v.UtcTicks - UnixEpoch.Ticks), definitions, repetitions);
        }
        else if (typeof(T) == typeof(TimeOnly))
        {
            Mapped(leaf, As<T, TimeOnly>(values), static v => Microseconds(v.Ticks), definitions, repetitions);
        }
        else if (typeof(T) == typeof(TimeSpan))
        {
            Mapped(leaf, As<T, TimeSpan>(values), static v => Microseconds(v.Ticks), definitions, repetitions);
        }
        else
        {
            throw new NotSupportedException($"Values of {typeof(T).Name} cannot be written.");
        }
    }

    /// <summary>Parquet timestamps are UTC instants; a local time is converted, an unspecified one taken as UTC.</summary>
    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    /// <summary>Ticks (100 ns) to whole microseconds, rounding down so times before 1970 stay in order.</summary>
    private static long Microseconds(long ticks) => Math.DivRem(ticks, 10, out long remainder) - (remainder < 0 ? 1 : 0);

    private static void Mapped<TFrom, TTo>(LeafWriter leaf, ReadOnlySpan<TFrom> values, Func<TFrom, TTo> map, ReadOnlySpan<int> definitions, ReadOnlySpan<int> repetitions)
    {
        TTo[] mapped = ColumnArrays<TTo>.Pool.Rent(Math.Max(1, values.Length));
        try
        {
            for (int i = 0; i < values.Length; i++)
            {
                mapped[i] = map(values[i]);
            }

            ((LeafWriter<TTo>)leaf).Append(mapped.AsSpan(0, values.Length), definitions, repetitions);
        }
        finally
        {
            ColumnArrays<TTo>.Pool.Return(mapped);
        }
    }

    private static ReadOnlySpan<TTo> As<TFrom, TTo>(ReadOnlySpan<TFrom> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);
}
