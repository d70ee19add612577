using System.Buffers.Binary;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// INTERVAL: twelve bytes, the months, days and milliseconds as little-endian integers. The format leaves its sort
/// order undefined (a month against 30 days), so no value bounds statistics, as parquet-mr and Arrow write none.
/// </summary>
internal readonly struct IntervalCodec : IValueCodec<ParquetInterval>
{
    public PhysicalType Type => PhysicalType.FixedLenByteArray;

    public int TypeLength => 12;

    public bool Dictionary => true;

    public IEqualityComparer<ParquetInterval>? Comparer => null;

    public int PlainSize(ParquetInterval value) => 12;

    public void WritePlain(ReadOnlySpan<ParquetInterval> values, ByteBuffer output)
    {
        foreach (ParquetInterval value in values)
        {
            WriteBound(value, output);
        }
    }

    public void WriteBound(ParquetInterval value, ByteBuffer output)
    {
        Span<byte> bytes = output.GetSpan(12);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value.Months);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], value.Days);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], value.Milliseconds);
        output.Advance(12);
    }

    public bool IsOrdered(ParquetInterval value) => false;

    public int Compare(ParquetInterval x, ParquetInterval y) => 0;

    public void Widen(ref ParquetInterval min, ref ParquetInterval max)
    {
    }
}
