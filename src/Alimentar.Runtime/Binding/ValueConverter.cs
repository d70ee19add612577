using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar.Binding;

/// <summary>
/// Converts decoded file values to member values where the two types differ (an INT32 column into a
/// <c>long</c> member, a DATE into <see cref="DateOnly"/>...). Dispatch is on <c>typeof</c>, which the
/// JIT folds per instantiation: no reflection, no boxing.
/// </summary>
internal static class ValueConverter
{
    /// <summary>Converts every value; returns the index of the first that does not fit, or -1.</summary>
    public static int Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
    {
        if (typeof(TFrom) == typeof(TTo))
        {
            Reinterpret<TFrom, TTo>(source).CopyTo(destination);
            return -1;
        }

        if (typeof(TFrom) == typeof(sbyte)) return Numbers(Reinterpret<TFrom, sbyte>(source), destination);
        if (typeof(TFrom) == typeof(byte)) return Numbers(Reinterpret<TFrom, byte>(source), destination);
        if (typeof(TFrom) == typeof(short)) return Numbers(Reinterpret<TFrom, short>(source), destination);
        if (typeof(TFrom) == typeof(ushort)) return Numbers(Reinterpret<TFrom, ushort>(source), destination);
        if (typeof(TFrom) == typeof(int)) return Numbers(Reinterpret<TFrom, int>(source), destination);
        if (typeof(TFrom) == typeof(uint)) return Numbers(Reinterpret<TFrom, uint>(source), destination);
        if (typeof(TFrom) == typeof(long)) return Numbers(Reinterpret<TFrom, long>(source), destination);
        if (typeof(TFrom) == typeof(ulong)) return Numbers(Reinterpret<TFrom, ulong>(source), destination);
        if (typeof(TFrom) == typeof(float)) return Numbers(Reinterpret<TFrom, float>(source), destination);
        if (typeof(TFrom) == typeof(double)) return Numbers(Reinterpret<TFrom, double>(source), destination);
        if (typeof(TFrom) == typeof(decimal)) return Numbers(Reinterpret<TFrom, decimal>(source), destination);
        if (typeof(TFrom) == typeof(Half)) return Numbers(Reinterpret<TFrom, Half>(source), destination);
        if (typeof(TFrom) == typeof(DateTime)) return FromDateTime(Reinterpret<TFrom, DateTime>(source), destination);
        if (typeof(TFrom) == typeof(DateOnly)) return FromDateOnly(Reinterpret<TFrom, DateOnly>(source), destination);
        if (typeof(TFrom) == typeof(TimeSpan)) return FromTimeSpan(Reinterpret<TFrom, TimeSpan>(source), destination);
        if (typeof(TFrom) == typeof(TimeOnly)) return FromTimeOnly(Reinterpret<TFrom, TimeOnly>(source), destination);
        throw Unsupported<TFrom, TTo>();
    }

    private static int Numbers<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : INumberBase<TFrom>
    {
        if (typeof(TTo) == typeof(sbyte)) return Checked(source, Reinterpret<TTo, sbyte>(destination));
        if (typeof(TTo) == typeof(byte)) return Checked(source, Reinterpret<TTo, byte>(destination));
        if (typeof(TTo) == typeof(short)) return Checked(source, Reinterpret<TTo, short>(destination));
        if (typeof(TTo) == typeof(ushort)) return Checked(source, Reinterpret<TTo, ushort>(destination));
        if (typeof(TTo) == typeof(int)) return Checked(source, Reinterpret<TTo, int>(destination));
        if (typeof(TTo) == typeof(uint)) return Checked(source, Reinterpret<TTo, uint>(destination));
        if (typeof(TTo) == typeof(long)) return Checked(source, Reinterpret<TTo, long>(destination));
        if (typeof(TTo) == typeof(ulong)) return Checked(source, Reinterpret<TTo, ulong>(destination));
        if (typeof(TTo) == typeof(float)) return Checked(source, Reinterpret<TTo, float>(destination));
        if (typeof(TTo) == typeof(double)) return Checked(source, Reinterpret<TTo, double>(destination));
        if (typeof(TTo) == typeof(decimal)) return Checked(source, Reinterpret<TTo, decimal>(destination));
        if (typeof(TTo) == typeof(Half)) return Checked(source, Reinterpret<TTo, Half>(destination));
        if (typeof(TTo) == typeof(bool)) return Flags(source, Reinterpret<TTo, bool>(destination));
        throw Unsupported<TFrom, TTo>();
    }

    private static int Checked<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo>
    {
        int i = 0;
        try
        {
            for (; i < source.Length; i++)
            {
                TTo value = TTo.CreateChecked(source[i]);

                // Narrowing a floating-point value saturates to infinity rather than throwing: a finite value
                // beyond float's (or Half's) range does not fit, as an integer beyond int's does not.
                if ((typeof(TTo) == typeof(float) || typeof(TTo) == typeof(Half)) && TTo.IsInfinity(value) && !TFrom.IsInfinity(source[i]))
                {
                    return i;
                }

                destination[i] = value;
            }

            return -1;
        }
        catch (OverflowException)
        {
            return i;
        }
    }

    /// <summary>
    /// 0 and 1 as false and true, as a label column stores a binary class (ML.NET's binary trainers want a bool);
    /// any other number does not fit, rather than silently reading -1 or 2 as true.
    /// </summary>
    private static int Flags<TFrom>(ReadOnlySpan<TFrom> source, Span<bool> destination)
        where TFrom : INumberBase<TFrom>
    {
        for (int i = 0; i < source.Length; i++)
        {
            TFrom value = source[i];
            if (TFrom.IsZero(value))
            {
                destination[i] = false;
            }
            else if (value == TFrom.One)
            {
                destination[i] = true;
            }
            else
            {
                return i;
            }
        }

        return -1;
    }

    private static int FromDateTime<TTo>(ReadOnlySpan<DateTime> source, Span<TTo> destination)
    {
        if (typeof(TTo) == typeof(DateTimeOffset))
        {
            Span<DateTimeOffset> target = Reinterpret<TTo, DateTimeOffset>(destination);
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = new DateTimeOffset(DateTime.SpecifyKind(source[i], DateTimeKind.Utc));
            }

            return -1;
        }

        if (typeof(TTo) == typeof(DateOnly))
        {
            Span<DateOnly> target = Reinterpret<TTo, DateOnly>(destination);
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = DateOnly.FromDateTime(source[i]);
            }

            return -1;
        }

        throw Unsupported<DateTime, TTo>();
    }

    private static int FromDateOnly<TTo>(ReadOnlySpan<DateOnly> source, Span<TTo> destination)
    {
        if (typeof(TTo) == typeof(DateTime))
        {
            Span<DateTime> target = Reinterpret<TTo, DateTime>(destination);
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = source[i].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            }

            return -1;
        }

        if (typeof(TTo) == typeof(DateTimeOffset))
        {
            Span<DateTimeOffset> target = Reinterpret<TTo, DateTimeOffset>(destination);
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = new DateTimeOffset(source[i].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            }

            return -1;
        }

        throw Unsupported<DateOnly, TTo>();
    }

    private static int FromTimeSpan<TTo>(ReadOnlySpan<TimeSpan> source, Span<TTo> destination)
    {
        if (typeof(TTo) == typeof(TimeOnly))
        {
            Span<TimeOnly> target = Reinterpret<TTo, TimeOnly>(destination);
            for (int i = 0; i < source.Length; i++)
            {
                if (source[i] < TimeSpan.Zero || source[i].Ticks >= TimeSpan.TicksPerDay)
                {
                    return i;
                }

                target[i] = TimeOnly.FromTimeSpan(source[i]);
            }

            return -1;
        }

        throw Unsupported<TimeSpan, TTo>();
    }

    private static int FromTimeOnly<TTo>(ReadOnlySpan<TimeOnly> source, Span<TTo> destination)
    {
        if (typeof(TTo) == typeof(TimeSpan))
        {
            Span<TimeSpan> target = Reinterpret<TTo, TimeSpan>(destination);
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = source[i].ToTimeSpan();
            }

            return -1;
        }

        throw Unsupported<TimeOnly, TTo>();
    }

    /// <summary>Views a span of <typeparamref name="TFrom"/> as <typeparamref name="TTo"/>; only called where the two are the same type.</summary>
    private static ReadOnlySpan<TTo> Reinterpret<TFrom, TTo>(ReadOnlySpan<TFrom> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    private static Span<TTo> Reinterpret<TFrom, TTo>(Span<TFrom> span) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    private static NotSupportedException Unsupported<TFrom, TTo>() =>
        new($"No conversion from {typeof(TFrom).Name} to {typeof(TTo).Name}; the schema binder should have refused this column.");
}
