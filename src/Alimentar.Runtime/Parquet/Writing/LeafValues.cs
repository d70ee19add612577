using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Format;
using Alimentar.Parquet.Values;
using Alimentar.Parquet.Writing.Encoding;

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
        if (typeof(T) == typeof(decimal))
        {
            ThrowIfMisfit(leaf.Leaf, As<T, decimal>(values), definitions, repetitions);
        }

        if (typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(bool) || typeof(T) == typeof(float) || typeof(T) == typeof(double)
            || typeof(T) == typeof(decimal) || typeof(T) == typeof(Guid) || typeof(T) == typeof(ParquetInterval) || typeof(T) == typeof(Half) || typeof(T) == typeof(string) || typeof(T) == typeof(byte[]))
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
            Mapped<sbyte, int, Widen>(leaf, As<T, sbyte>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(byte))
        {
            Mapped<byte, int, Widen>(leaf, As<T, byte>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(short))
        {
            Mapped<short, int, Widen>(leaf, As<T, short>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(ushort))
        {
            Mapped<ushort, int, Widen>(leaf, As<T, ushort>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(DateOnly))
        {
            Mapped<DateOnly, int, UnixDays>(leaf, As<T, DateOnly>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(DateTime) && leaf.Leaf.Element.LogicalType is { IsAdjustedToUtc: false })
        {
            Mapped<DateTime, long, WallClockMicroseconds>(leaf, As<T, DateTime>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(DateTime))
        {
            Mapped<DateTime, long, UnixMicroseconds>(leaf, As<T, DateTime>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(DateTimeOffset))
        {
            Mapped<DateTimeOffset, long, UnixMicroseconds>(leaf, As<T, DateTimeOffset>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(TimeOnly))
        {
            Mapped<TimeOnly, long, DayMicroseconds>(leaf, As<T, TimeOnly>(values), definitions, repetitions);
        }
        else if (typeof(T) == typeof(TimeSpan))
        {
            Mapped<TimeSpan, long, DayMicroseconds>(leaf, As<T, TimeSpan>(values), definitions, repetitions);
        }
        else
        {
            throw new NotSupportedException($"Values of {typeof(T).Name} cannot be written.");
        }
    }

    /// <summary>
    /// A decimal the leaf's DECIMAL cannot hold fails here, where its row is still known, rather than when its page or
    /// the chunk's dictionary is encoded, far from it: wherever it lies, at the top of a row, in a list, a record or a map.
    /// </summary>
    private static void ThrowIfMisfit(LeafColumn leaf, ReadOnlySpan<decimal> values, ReadOnlySpan<int> definitions, ReadOnlySpan<int> repetitions)
    {
        int precision = leaf.Element.Precision ?? LeafTypes.DefaultDecimalPrecision, scale = leaf.Element.Scale ?? LeafTypes.DefaultDecimalScale;
        for (int i = 0; i < values.Length; i++)
        {
            if (DecimalUnscaler.Misfit(values[i], precision, scale) is string reason)
            {
                throw new DecimalMisfitException(RowOf(i, leaf.MaxDefinitionLevel, definitions, repetitions), reason);
            }
        }
    }

    /// <summary>The row, from the slice's first, holding its <paramref name="value"/>th present value.</summary>
    private static int RowOf(int value, int maxDefinition, ReadOnlySpan<int> definitions, ReadOnlySpan<int> repetitions)
    {
        int slot = value;
        if (!definitions.IsEmpty)
        {
            for (slot = 0; value > 0 || definitions[slot] != maxDefinition; slot++)
            {
                if (definitions[slot] == maxDefinition)
                {
                    value--;
                }
            }
        }

        return repetitions.IsEmpty ? slot : repetitions[..(slot + 1)].Count(0) - 1;
    }

    /// <summary>Maps the values through <typeparamref name="TMap"/>, a struct, so the conversion is inlined into the loop.</summary>
    private static void Mapped<TFrom, TTo, TMap>(LeafWriter leaf, ReadOnlySpan<TFrom> values, ReadOnlySpan<int> definitions, ReadOnlySpan<int> repetitions)
        where TMap : struct, IMap<TFrom, TTo>
    {
        TTo[] mapped = ColumnArrays<TTo>.Pool.Rent(Math.Max(1, values.Length));
        try
        {
            Span<TTo> target = mapped.AsSpan(0, values.Length);
            for (int i = 0; i < values.Length; i++)
            {
                target[i] = TMap.Map(values[i]);
            }

            ((LeafWriter<TTo>)leaf).Append(target, definitions, repetitions);
        }
        finally
        {
            ColumnArrays<TTo>.Pool.Return(mapped);
        }
    }

    private interface IMap<TFrom, TTo>
    {
        static abstract TTo Map(TFrom value);
    }

    private readonly struct Widen : IMap<sbyte, int>, IMap<byte, int>, IMap<short, int>, IMap<ushort, int>
    {
        public static int Map(sbyte value) => value;

        public static int Map(byte value) => value;

        public static int Map(short value) => value;

        public static int Map(ushort value) => value;
    }

    private readonly struct UnixDays : IMap<DateOnly, int>
    {
        private static readonly int EpochDay = DateOnly.FromDateTime(UnixEpoch).DayNumber;

        public static int Map(DateOnly value) => value.DayNumber - EpochDay;
    }

    private readonly struct UnixMicroseconds : IMap<DateTime, long>, IMap<DateTimeOffset, long>
    {
        public static long Map(DateTime value) => ParquetTime.UnixMicroseconds(value);

        public static long Map(DateTimeOffset value) => ParquetTime.UnixMicroseconds(value);
    }

    private readonly struct WallClockMicroseconds : IMap<DateTime, long>
    {
        public static long Map(DateTime value) => ParquetTime.WallClockMicroseconds(value);
    }

    private readonly struct DayMicroseconds : IMap<TimeOnly, long>, IMap<TimeSpan, long>
    {
        public static long Map(TimeOnly value) => ParquetTime.Microseconds(value.Ticks);

        public static long Map(TimeSpan value) => ParquetTime.Microseconds(value.Ticks);
    }

    private static ReadOnlySpan<TTo> As<TFrom, TTo>(ReadOnlySpan<TFrom> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);
}
