using System.Buffers.Binary;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// DECIMAL(precision, scale) as FIXED_LEN_BYTE_ARRAY: the unscaled value in two's complement, big-endian, in the
/// fewest bytes the precision needs. Values are scaled to the column's scale (rounded half to even past it); one
/// whose digits exceed the precision cannot be written (see <see cref="DecimalUnscaler"/>).
/// </summary>
internal readonly struct DecimalCodec(int precision, int scale) : IValueCodec<decimal>
{
    public PhysicalType Type => PhysicalType.FixedLenByteArray;

    public int TypeLength { get; } = DecimalUnscaler.BytesFor(precision);

    public bool Dictionary => true;

    public IEqualityComparer<decimal>? Comparer => null;

    public int PlainSize(decimal value) => TypeLength;

    public void WritePlain(ReadOnlySpan<decimal> values, ByteBuffer output)
    {
        foreach (decimal value in values)
        {
            WriteBound(value, output);
        }
    }

    public void WriteBound(decimal value, ByteBuffer output)
    {
        Int128 unscaled = DecimalUnscaler.Unscale(value, precision, scale);
        Span<byte> full = stackalloc byte[16];
        BinaryPrimitives.WriteInt128BigEndian(full, unscaled);
        output.Write(full[(16 - TypeLength)..]);
    }

    public bool IsOrdered(decimal value) => true;

    public int Compare(decimal x, decimal y) => x.CompareTo(y);

    public void Widen(ref decimal min, ref decimal max)
    {
    }
}
