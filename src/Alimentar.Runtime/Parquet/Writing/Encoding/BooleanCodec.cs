using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        target.Clear();
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                target[i >> 3] |= (byte)(1 << (i & 7));
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
