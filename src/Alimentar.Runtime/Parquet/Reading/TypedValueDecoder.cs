using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Decodes a page's values as a member type: physical values are read from the page, turned into the
/// value their logical type means (a TIMESTAMP's integers into <see cref="DateTime"/>, a DECIMAL's
/// bytes into <see cref="decimal"/>...), then converted to the member's type. Where the file's type is the
/// member's, values land in the destination with no copy between. Dispatch is on <c>typeof</c>, folded
/// by the JIT per instantiation: no reflection, no boxing.
/// </summary>
internal static class TypedValueDecoder
{
    private const int UnixEpochDayNumber = 719_162;

    /// <summary>Decodes <paramref name="target"/>.Length values; returns the index of the first that does not fit the member, or -1.</summary>
    public static int Decode<T>(PageValueReader values, FileColumnType type, Span<T> target, ScratchBuffers scratch)
        where T : struct =>
        type.Kind switch
        {
            FileValueKind.Boolean => Via<bool, T>(values, type, target, scratch),
            FileValueKind.SByte => Via<sbyte, T>(values, type, target, scratch),
            FileValueKind.Byte => Via<byte, T>(values, type, target, scratch),
            FileValueKind.Int16 => Via<short, T>(values, type, target, scratch),
            FileValueKind.UInt16 => Via<ushort, T>(values, type, target, scratch),
            FileValueKind.Int32 => Via<int, T>(values, type, target, scratch),
            FileValueKind.UInt32 => Via<uint, T>(values, type, target, scratch),
            FileValueKind.Int64 => Via<long, T>(values, type, target, scratch),
            FileValueKind.UInt64 => Via<ulong, T>(values, type, target, scratch),
            FileValueKind.Single => Via<float, T>(values, type, target, scratch),
            FileValueKind.Double => Via<double, T>(values, type, target, scratch),
            FileValueKind.Half => Via<Half, T>(values, type, target, scratch),
            FileValueKind.Decimal when typeof(T) == typeof(double) => DecimalsAsDoubles(values, type, Reinterpret<T, double>(target), scratch),
            FileValueKind.Decimal when typeof(T) == typeof(float) => DecimalsAsSingles(values, type, Reinterpret<T, float>(target), scratch),
            FileValueKind.Decimal => Via<decimal, T>(values, type, target, scratch),
            FileValueKind.DateTime => Via<DateTime, T>(values, type, target, scratch),
            FileValueKind.DateOnly => Via<DateOnly, T>(values, type, target, scratch),
            FileValueKind.TimeMillis or FileValueKind.TimeMicros or FileValueKind.TimeNanos when typeof(T) == typeof(TimeOnly) =>
                TimesOfDay(values, type, Reinterpret<T, TimeOnly>(target), scratch),
            FileValueKind.TimeMillis or FileValueKind.TimeMicros or FileValueKind.TimeNanos => Via<TimeSpan, T>(values, type, target, scratch),
            FileValueKind.Guid => Via<Guid, T>(values, type, target, scratch),
            FileValueKind.Interval => Via<ParquetInterval, T>(values, type, target, scratch),
            _ => throw new NotSupportedException($"values of kind {type.Kind} cannot fill a {typeof(T).Name}"),
        };

    /// <summary>
    /// Whether a column of <paramref name="type"/> stores <typeparamref name="T"/> values as they are in memory (INT32 as
    /// <see cref="int"/>, DOUBLE as <see cref="double"/>...), so that PLAIN pages need no decoding, only reading.
    /// </summary>
    public static bool IsStoredAs<T>(FileColumnType type)
        where T : struct => type.Kind switch
        {
            FileValueKind.Int32 => typeof(T) == typeof(int) && type.Physical == PhysicalType.Int32,
            FileValueKind.UInt32 => typeof(T) == typeof(uint) && type.Physical == PhysicalType.Int32,
            FileValueKind.Int64 => typeof(T) == typeof(long) && type.Physical == PhysicalType.Int64,
            FileValueKind.UInt64 => typeof(T) == typeof(ulong) && type.Physical == PhysicalType.Int64,
            FileValueKind.Single => typeof(T) == typeof(float) && type.Physical == PhysicalType.Float,
            FileValueKind.Double => typeof(T) == typeof(double) && type.Physical == PhysicalType.Double,
            _ => false,
        };

    private static int Via<TFile, T>(PageValueReader values, FileColumnType type, Span<T> target, ScratchBuffers scratch)
        where TFile : struct
        where T : struct
    {
        if (typeof(TFile) == typeof(T))
        {
            return DecodeFile(values, type, Reinterpret<T, TFile>(target), scratch);
        }

        Span<TFile> file = scratch.Get<TFile>(1, target.Length);
        int misfit = DecodeFile(values, type, file, scratch);
        return misfit >= 0 ? misfit : ValueConverter.Convert<TFile, T>(file, target);
    }

    /// <summary>Decodes values as the CLR type of their logical type.</summary>
    private static int DecodeFile<TFile>(PageValueReader values, FileColumnType type, Span<TFile> target, ScratchBuffers scratch)
        where TFile : struct
    {
        int count = target.Length;
        if (typeof(TFile) == typeof(bool) || typeof(TFile) == typeof(int) || typeof(TFile) == typeof(uint)
            || typeof(TFile) == typeof(long) || typeof(TFile) == typeof(ulong) || typeof(TFile) == typeof(float) || typeof(TFile) == typeof(double))
        {
            // The physical representation is the value: decode straight into the target.
            values.ReadFixed(MemoryMarshal.AsBytes(target), count);
            return -1;
        }

        if (typeof(TFile) == typeof(sbyte)) return Narrow(values, Reinterpret<TFile, sbyte>(target), scratch);
        if (typeof(TFile) == typeof(byte)) return Narrow(values, Reinterpret<TFile, byte>(target), scratch);
        if (typeof(TFile) == typeof(short)) return Narrow(values, Reinterpret<TFile, short>(target), scratch);
        if (typeof(TFile) == typeof(ushort)) return Narrow(values, Reinterpret<TFile, ushort>(target), scratch);
        if (typeof(TFile) == typeof(DateOnly)) return Dates(values, Reinterpret<TFile, DateOnly>(target), scratch);
        if (typeof(TFile) == typeof(DateTime)) return Timestamps(values, type, Reinterpret<TFile, DateTime>(target), scratch);
        if (typeof(TFile) == typeof(TimeSpan)) return Times(values, type, Reinterpret<TFile, TimeSpan>(target), scratch);
        if (typeof(TFile) == typeof(decimal)) return Decimals(values, type, Reinterpret<TFile, decimal>(target), scratch);
        if (typeof(TFile) == typeof(Guid)) return Uuids(values, Reinterpret<TFile, Guid>(target));
        if (typeof(TFile) == typeof(ParquetInterval)) return Intervals(values, Reinterpret<TFile, ParquetInterval>(target));

        if (typeof(TFile) == typeof(Half))
        {
            var converter = new HalfConverter();
            values.ReadByteArrays(Reinterpret<TFile, Half>(target), ref converter);
            return -1;
        }

        throw new NotSupportedException($"no decoding to {typeof(TFile).Name}");
    }

    /// <summary>
    /// UUIDs. Pages of whole sixteen-byte values (PLAIN, dictionary, BYTE_STREAM_SPLIT) are decoded as bytes straight
    /// into the target and reordered there; DELTA_BYTE_ARRAY, which rebuilds each value from the one before, goes value by value.
    /// </summary>
    private static int Uuids(PageValueReader values, Span<Guid> target)
    {
        if (values.DecodesFixedWidth)
        {
            values.ReadFixed(MemoryMarshal.AsBytes(target), target.Length);
            ParquetUuid.FromStoredOrder(target);
            return -1;
        }

        var converter = new GuidConverter();
        values.ReadByteArrays(target, ref converter);
        return -1;
    }

    /// <summary>
    /// INTERVALs, whose twelve stored bytes are the struct's three little-endian integers: whole-value pages are copied
    /// straight into the target; DELTA_BYTE_ARRAY goes value by value.
    /// </summary>
    private static int Intervals(PageValueReader values, Span<ParquetInterval> target)
    {
        if (values.DecodesFixedWidth && BitConverter.IsLittleEndian)
        {
            values.ReadFixed(MemoryMarshal.AsBytes(target), target.Length);
            return -1;
        }

        var converter = new IntervalConverter();
        values.ReadByteArrays(target, ref converter);
        return -1;
    }

    /// <summary>INT32 annotated as a narrower integer; a stored value outside the annotation's range is the misfit returned.</summary>
    private static int Narrow<TNarrow>(PageValueReader values, Span<TNarrow> target, ScratchBuffers scratch)
        where TNarrow : IBinaryInteger<TNarrow>
    {
        // Parquet.Net delta-packs 16-bit integers in 16-bit wrapping arithmetic, so the INT32 sums drift by multiples of
        // 2^16 while their low bits stay right, which is how Arrow C++ and DuckDB read every page. A delta page is read by
        // those bits; elsewhere a value its annotation cannot hold is an error rather than a wrap.
        bool byLowBits = values.IsDeltaPacked;
        ReadOnlySpan<int> raw = Stored<int>(values, target.Length, scratch);
        for (int i = 0; i < raw.Length; i++)
        {
            TNarrow value = TNarrow.CreateTruncating(raw[i]);
            if (!byLowBits && int.CreateTruncating(value) != raw[i])
            {
                return i;
            }

            target[i] = value;
        }

        return -1;
    }

    private static int Dates(PageValueReader values, Span<DateOnly> target, ScratchBuffers scratch)
    {
        ReadOnlySpan<int> days = Stored<int>(values, target.Length, scratch);
        int maxDay = DateOnly.MaxValue.DayNumber;
        for (int i = 0; i < days.Length; i++)
        {
            long day = (long)days[i] + UnixEpochDayNumber;
            if (day < 0 || day > maxDay)
            {
                return i;
            }

            target[i] = DateOnly.FromDayNumber((int)day);
        }

        return -1;
    }

    private static int Timestamps(PageValueReader values, FileColumnType type, Span<DateTime> target, ScratchBuffers scratch)
    {
        if (type.Physical == PhysicalType.Int96)
        {
            Span<byte> raw = scratch.Get<byte>(0, target.Length * 12);
            values.ReadFixed(raw, target.Length);
            for (int i = 0; i < target.Length; i++)
            {
                ReadOnlySpan<byte> value = raw.Slice(i * 12, 12);
                if (!ParquetTime.TryInt96Ticks(BinaryPrimitives.ReadInt64LittleEndian(value), BinaryPrimitives.ReadInt32LittleEndian(value[8..]), out long ticks))
                {
                    return i;
                }

                target[i] = new DateTime(ticks, DateTimeKind.Unspecified);
            }

            return -1;
        }

        ReadOnlySpan<long> stored = Stored<long>(values, target.Length, scratch);
        return ParquetTime.ToDateTimes(stored, type.Unit, type.IsAdjustedToUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified, target);
    }

    /// <summary>TIME values as the spans they store (<see cref="ParquetTime.TryDuration"/>); a span beyond <see cref="TimeSpan"/> is the misfit returned.</summary>
    private static int Times(PageValueReader values, FileColumnType type, Span<TimeSpan> target, ScratchBuffers scratch)
    {
        ReadOnlySpan<long> stored = StoredTimes(values, type, Reinterpret<TimeSpan, long>(target), scratch);
        for (int i = 0; i < stored.Length; i++)
        {
            if (!ParquetTime.TryDuration(stored[i], type.Unit, out target[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>TIME values for <see cref="TimeOnly"/> members: wrapped into the day (<see cref="ParquetTime.TimeOfDay"/>), so none fails.</summary>
    private static int TimesOfDay(PageValueReader values, FileColumnType type, Span<TimeOnly> target, ScratchBuffers scratch)
    {
        ReadOnlySpan<long> stored = StoredTimes(values, type, Reinterpret<TimeOnly, long>(target), scratch);
        for (int i = 0; i < stored.Length; i++)
        {
            target[i] = TimeOnly.FromTimeSpan(ParquetTime.TimeOfDay(stored[i], type.Unit));
        }

        return -1;
    }

    /// <summary>
    /// A page's TIME integers, for as many values as <paramref name="room"/> holds; TIME(MILLIS)'s INT32 are widened into
    /// <paramref name="room"/> (the target's own memory: each value is read before its slot is written).
    /// </summary>
    private static ReadOnlySpan<long> StoredTimes(PageValueReader values, FileColumnType type, Span<long> room, ScratchBuffers scratch)
    {
        if (type.Physical != PhysicalType.Int32)
        {
            return Stored<long>(values, room.Length, scratch);
        }

        ReadOnlySpan<int> millis = Stored<int>(values, room.Length, scratch);
        for (int i = 0; i < millis.Length; i++)
        {
            room[i] = millis[i];
        }

        return room;
    }

    private static int Decimals(PageValueReader values, FileColumnType type, Span<decimal> target, ScratchBuffers scratch)
    {
        switch (type.Physical)
        {
            case PhysicalType.Int32:
                return Unscaled<int>(values, target, type.Scale, scratch);
            case PhysicalType.Int64:
                return Unscaled<long>(values, target, type.Scale, scratch);
            default:
                var converter = new DecimalConverter(type.Scale);
                values.ReadByteArrays(target, ref converter);
                return converter.FirstMisfit;
        }
    }

    /// <summary>
    /// A DECIMAL into a <see cref="double"/> member: the unscaled integer over ten to the scale, as DuckDB casts it, straight
    /// from the stored integer, so that a value of more digits than <see cref="decimal"/> holds still reads.
    /// </summary>
    private static int DecimalsAsDoubles(PageValueReader values, FileColumnType type, Span<double> target, ScratchBuffers scratch)
    {
        switch (type.Physical)
        {
            case PhysicalType.Int32:
                ReadOnlySpan<int> ints = Stored<int>(values, target.Length, scratch);
                for (int i = 0; i < ints.Length; i++)
                {
                    target[i] = ParquetDecimal.ToDouble(ints[i], type.Scale);
                }

                return -1;
            case PhysicalType.Int64:
                ReadOnlySpan<long> longs = Stored<long>(values, target.Length, scratch);
                for (int i = 0; i < longs.Length; i++)
                {
                    target[i] = ParquetDecimal.ToDouble(longs[i], type.Scale);
                }

                return -1;
            default:
                var converter = new DecimalDoubleConverter(type.Scale);
                values.ReadByteArrays(target, ref converter);
                return converter.FirstMisfit;
        }
    }

    /// <summary>A DECIMAL into a <see cref="float"/> member: its <see cref="double"/>, rounded again; beyond float's range is a misfit.</summary>
    private static int DecimalsAsSingles(PageValueReader values, FileColumnType type, Span<float> target, ScratchBuffers scratch)
    {
        Span<double> doubles = scratch.Get<double>(1, target.Length);
        int misfit = DecimalsAsDoubles(values, type, doubles, scratch);
        return misfit >= 0 ? misfit : ValueConverter.Convert<double, float>(doubles, target);
    }

    /// <summary>A DECIMAL stored as INT32 or INT64: the unscaled integer, with the scale from the schema.</summary>
    private static int Unscaled<TRaw>(PageValueReader values, Span<decimal> target, int scale, ScratchBuffers scratch)
        where TRaw : struct, IBinaryInteger<TRaw>
    {
        ReadOnlySpan<TRaw> raw = Stored<TRaw>(values, target.Length, scratch);
        for (int i = 0; i < raw.Length; i++)
        {
            if (!ParquetDecimal.TryFromUnscaled(Int128.CreateTruncating(raw[i]), scale, out target[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The next <paramref name="count"/> stored integers of the page, which the caller converts (days into dates,
    /// counts into timestamps...): read where they lie on a PLAIN page, decoded into scratch otherwise.
    /// <typeparamref name="TRaw"/> is the physical type's own (<see cref="int"/> for INT32, <see cref="long"/> for INT64).
    /// </summary>
    private static ReadOnlySpan<TRaw> Stored<TRaw>(PageValueReader values, int count, ScratchBuffers scratch)
        where TRaw : struct
    {
        if (values.TryTakePlain(count, out ReadOnlySpan<TRaw> plain))
        {
            return plain;
        }

        Span<TRaw> raw = scratch.Get<TRaw>(0, count);
        values.ReadFixed(MemoryMarshal.AsBytes(raw), count);
        return raw;
    }

    private static Span<TTo> Reinterpret<TFrom, TTo>(Span<TFrom> span) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    /// <summary>A DECIMAL stored as big-endian two's complement bytes (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY).</summary>
    private struct DecimalConverter(int scale) : IByteArrayConverter<decimal>
    {
        private int _seen;

        public int FirstMisfit { get; private set; } = -1;

        public decimal Convert(ReadOnlySpan<byte> bytes)
        {
            int index = _seen++;
            if (ParquetDecimal.TryFromBigEndian(bytes, scale, out decimal value))
            {
                return value;
            }

            if (FirstMisfit < 0)
            {
                FirstMisfit = index;
            }

            return 0m;
        }

        public decimal FromDictionary(ColumnDictionary dictionary, int index) => Convert(dictionary.Entry(index));
    }

    /// <summary>A DECIMAL of big-endian bytes into a <see cref="double"/>; only a value beyond <see cref="double.MaxValue"/> is a misfit.</summary>
    private struct DecimalDoubleConverter(int scale) : IByteArrayConverter<double>
    {
        private int _seen;

        public int FirstMisfit { get; private set; } = -1;

        public double Convert(ReadOnlySpan<byte> bytes)
        {
            int index = _seen++;
            double value = ParquetDecimal.ToDouble(bytes, scale);
            if (double.IsFinite(value))
            {
                return value;
            }

            if (FirstMisfit < 0)
            {
                FirstMisfit = index;
            }

            return 0;
        }

        public double FromDictionary(ColumnDictionary dictionary, int index) => Convert(dictionary.Entry(index));
    }

    /// <summary>An INTERVAL: months, days and milliseconds, twelve little-endian bytes.</summary>
    private readonly struct IntervalConverter : IByteArrayConverter<ParquetInterval>
    {
        public ParquetInterval Convert(ReadOnlySpan<byte> bytes) => bytes.Length == 12
            ? new(BinaryPrimitives.ReadUInt32LittleEndian(bytes), BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]), BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]))
            : throw new InvalidDataException($"an INTERVAL value of {bytes.Length} bytes, not 12");

        public ParquetInterval FromDictionary(ColumnDictionary dictionary, int index) => Convert(dictionary.Entry(index));
    }

    /// <summary>A UUID: sixteen bytes in the order RFC 4122 writes them (big-endian).</summary>
    private readonly struct GuidConverter : IByteArrayConverter<Guid>
    {
        public Guid Convert(ReadOnlySpan<byte> bytes) =>
            bytes.Length == 16 ? ParquetUuid.FromStoredBytes(bytes) : throw new InvalidDataException($"a UUID of {bytes.Length} bytes");

        public Guid FromDictionary(ColumnDictionary dictionary, int index) => Convert(dictionary.Entry(index));
    }

    /// <summary>FLOAT16: an IEEE half in two little-endian bytes.</summary>
    private readonly struct HalfConverter : IByteArrayConverter<Half>
    {
        public Half Convert(ReadOnlySpan<byte> bytes) =>
            bytes.Length == 2 ? BinaryPrimitives.ReadHalfLittleEndian(bytes) : throw new InvalidDataException($"a FLOAT16 of {bytes.Length} bytes");

        public Half FromDictionary(ColumnDictionary dictionary, int index) => Convert(dictionary.Entry(index));
    }
}
