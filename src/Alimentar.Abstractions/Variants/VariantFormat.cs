using System.Buffers.Binary;

namespace Alimentar.Variants;

/// <summary>
/// The constants of the Variant binary encoding (Parquet's VariantEncoding.md): a value's first byte holds its basic
/// type in its two low bits and a header in the six above; a primitive's header is its type id.
/// </summary>
internal static class VariantFormat
{
    public const int Primitive = 0;
    public const int ShortString = 1;
    public const int Object = 2;
    public const int Array = 3;

    public const int NullType = 0;
    public const int TrueType = 1;
    public const int FalseType = 2;
    public const int Int8Type = 3;
    public const int Int16Type = 4;
    public const int Int32Type = 5;
    public const int Int64Type = 6;
    public const int DoubleType = 7;
    public const int Decimal4Type = 8;
    public const int Decimal8Type = 9;
    public const int Decimal16Type = 10;
    public const int DateType = 11;
    public const int TimestampType = 12;
    public const int TimestampNtzType = 13;
    public const int FloatType = 14;
    public const int BinaryType = 15;
    public const int StringType = 16;
    public const int TimeNtzType = 17;
    public const int TimestampNanosType = 18;
    public const int TimestampNtzNanosType = 19;
    public const int UuidType = 20;

    /// <summary>The only metadata version the format defines.</summary>
    public const int Version = 1;

    /// <summary>The longest string a short string holds: its length fills the six header bits.</summary>
    public const int MaxShortString = 63;

    /// <summary>
    /// How deep objects and arrays may nest before a value is refused: far beyond real data, and short of what would
    /// exhaust a thread's stack walking it.
    /// </summary>
    public const int MaxDepth = 512;

    /// <summary>The first byte of a primitive of type <paramref name="type"/>.</summary>
    public static byte PrimitiveHeader(int type) => (byte)(type << 2);

    /// <summary>An unsigned little-endian integer of <paramref name="size"/> bytes (1 to 4).</summary>
    public static int ReadUnsigned(ReadOnlySpan<byte> bytes, int size) => size switch
    {
        1 => bytes[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        3 => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16),
        // Past int's range no offset or count can fit a value: saturating keeps every bounds check false without an overflow.
        _ => (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes), int.MaxValue),
    };

    /// <summary>Writes <paramref name="value"/> as an unsigned little-endian integer of <paramref name="size"/> bytes.</summary>
    public static void WriteUnsigned(Span<byte> destination, int value, int size)
    {
        for (int i = 0; i < size; i++)
        {
            destination[i] = (byte)(value >> (8 * i));
        }
    }

    /// <summary>The fewest bytes (1 to 4) that hold <paramref name="value"/> unsigned.</summary>
    public static int SizeOf(int value) => value <= 0xFF ? 1 : value <= 0xFFFF ? 2 : value <= 0xFFFFFF ? 3 : 4;
}
