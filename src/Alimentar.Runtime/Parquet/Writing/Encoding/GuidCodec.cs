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

    // Guid compares its fields as the unsigned numbers they are, first to last, which orders as their big-endian
    // bytes do: no need to write either value out (the statistics compare every value written twice).
    public int Compare(Guid x, Guid y) => x.CompareTo(y);

    public void Widen(ref Guid min, ref Guid max)
    {
    }
}
