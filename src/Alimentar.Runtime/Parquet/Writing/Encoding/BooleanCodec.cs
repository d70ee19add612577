using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>BOOLEAN values, bit-packed with the first value in the lowest bit; never dictionary encoded.</summary>
internal readonly struct BooleanCodec : IValueCodec<bool>
{
    public PhysicalType Type => PhysicalType.Boolean;

    public int TypeLength => 0;

    public bool Dictionary => false;

    public IEqualityComparer<bool>? Comparer => null;

    /// <summary>An eighth of a byte, rounded up per value so page sizes are estimated generously.</summary>
    public int PlainSize(bool value) => 1;

    public void WritePlain(ReadOnlySpan<bool> values, ByteBuffer output)
    {
        int bytes = (values.Length + 7) / 8;
        Span<byte> target = output.GetSpan(bytes)[..bytes];
        ReadOnlySpan<byte> flags = MemoryMarshal.AsBytes(values);
        int i = 0;

        // Sixteen values a step, a bit from each byte that is not zero: no branch per value, which random values
        // mispredict half the time.
        for (; i + Vector128<byte>.Count <= flags.Length; i += Vector128<byte>.Count)
        {
            Vector128<byte> sixteen = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(flags), (nuint)i);
            uint bits = (~Vector128.Equals(sixteen, Vector128<byte>.Zero)).ExtractMostSignificantBits();
            BinaryPrimitives.WriteUInt16LittleEndian(target[(i / 8)..], (ushort)bits);
        }

        if (i < flags.Length)
        {
            target[(i / 8)..].Clear();
            for (; i < flags.Length; i++)
            {
                target[i >> 3] |= (byte)((flags[i] != 0 ? 1 : 0) << (i & 7));
            }
        }

        output.Advance(bytes);
    }

    public void WriteBound(bool value, ByteBuffer output) => output.WriteByte(value ? (byte)1 : (byte)0);

    public bool IsOrdered(bool value) => true;

    public void Widen(ref bool min, ref bool max)
    {
    }

    public int Compare(bool x, bool y) => x.CompareTo(y);
}
