using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>UUID: 16 bytes in RFC 4122 (big-endian) order, ordered as unsigned bytes.</summary>
internal readonly struct GuidCodec : IValueCodec<Guid>
{
    public PhysicalType Type => PhysicalType.FixedLenByteArray;

    public int TypeLength => 16;

    public bool Dictionary => true;

    public IEqualityComparer<Guid>? Comparer => null;

    public int PlainSize(Guid value) => 16;

    public void WritePlain(ReadOnlySpan<Guid> values, ByteBuffer output)
    {
        foreach (Guid value in values)
        {
            WriteBound(value, output);
        }
    }

    public void WriteBound(Guid value, ByteBuffer output)
    {
        value.TryWriteBytes(output.GetSpan(16), bigEndian: true, out _);
        output.Advance(16);
    }

    public bool IsOrdered(Guid value) => true;

    public int Compare(Guid x, Guid y)
    {
        // In memory a Guid holds its first three fields little-endian (4, 2 and 2 bytes) and its last eight bytes as
        // written: each field is compared as the unsigned number it is, which orders as its big-endian bytes do,
        // without writing either value out (the statistics compare every value written twice).
        ReadOnlySpan<byte> a = MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in x));
        ReadOnlySpan<byte> b = MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in y));
        int order = BinaryPrimitives.ReadUInt32LittleEndian(a).CompareTo(BinaryPrimitives.ReadUInt32LittleEndian(b));
        if (order == 0)
        {
            order = BinaryPrimitives.ReadUInt16LittleEndian(a[4..]).CompareTo(BinaryPrimitives.ReadUInt16LittleEndian(b[4..]));
        }

        if (order == 0)
        {
            order = BinaryPrimitives.ReadUInt16LittleEndian(a[6..]).CompareTo(BinaryPrimitives.ReadUInt16LittleEndian(b[6..]));
        }

        return order != 0 ? order : BinaryPrimitives.ReadUInt64BigEndian(a[8..]).CompareTo(BinaryPrimitives.ReadUInt64BigEndian(b[8..]));
    }

    public void Widen(ref Guid min, ref Guid max)
    {
    }
}
