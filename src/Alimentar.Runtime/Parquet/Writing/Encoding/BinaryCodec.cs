using System.Buffers.Binary;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>Byte arrays (BYTE_ARRAY), ordered as unsigned bytes.</summary>
internal readonly struct BinaryCodec : IValueCodec<byte[]>
{
    public PhysicalType Type => PhysicalType.ByteArray;

    public int TypeLength => 0;

    public bool Dictionary => true;

    public IEqualityComparer<byte[]>? Comparer => ByteArrayComparer.Instance;

    public int PlainSize(byte[] value) => 4 + value.Length;

    public void WritePlain(ReadOnlySpan<byte[]> values, ByteBuffer output)
    {
        foreach (byte[] value in values)
        {
            output.WriteInt32(value.Length);
            output.Write(value);
        }
    }

    public void WriteBound(byte[] value, ByteBuffer output) => output.Write(value);

    public bool IsOrdered(byte[] value) => true;

    public int Compare(byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y);

    public void Widen(ref byte[] min, ref byte[] max)
    {
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = default(HashCode);
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
