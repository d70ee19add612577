using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// What the page writer needs to know about one physical representation of values: how a value is written PLAIN,
/// how values order for statistics (the column's logical sort order), how they hash for Bloom filters and compare
/// for dictionaries. Implemented by structs so the page writer's generic loop calls them without dispatch.
/// </summary>
/// <typeparam name="T">The values as the writer holds them (after conversion from the member's type).</typeparam>
internal interface IValueCodec<T>
{
    PhysicalType Type { get; }

    /// <summary>FIXED_LEN_BYTE_ARRAY: the bytes per value; else 0.</summary>
    int TypeLength { get; }

    /// <summary>Whether a dictionary can pay off (false for booleans).</summary>
    bool Dictionary { get; }

    /// <summary>Equality for the dictionary; null for the type's default. The same for every value of the codec type, whose writers share their dictionaries.</summary>
    IEqualityComparer<T>? Comparer { get; }

    /// <summary>Bytes a value takes in a PLAIN page.</summary>
    int PlainSize(T value);

    void WritePlain(ReadOnlySpan<T> values, ByteBuffer output);

    /// <summary>The value's bytes as statistics and Bloom filters take them: PLAIN without a length prefix.</summary>
    void WriteBound(T value, ByteBuffer output);

    /// <summary>False for values that order nothing (NaN), which statistics leave out.</summary>
    bool IsOrdered(T value);

    /// <summary>Compares in the column's sort order.</summary>
    int Compare(T x, T y);

    /// <summary>Adjusts bounds the format asks for in particular (floats: a zero minimum is -0, a zero maximum +0).</summary>
    void Widen(ref T min, ref T max);
}
