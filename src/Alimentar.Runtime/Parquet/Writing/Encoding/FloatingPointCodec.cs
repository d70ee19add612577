using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// FLOAT, DOUBLE or FLOAT16 values (<typeparamref name="T"/> is <see cref="float"/>, <see cref="double"/> or
/// <see cref="Half"/>), little-endian; NaN orders nothing, and a dictionary tells -0 from +0 (their bits differ).
/// </summary>
internal readonly struct FloatingPointCodec<T> : IValueCodec<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public PhysicalType Type => Unsafe.SizeOf<T>() switch
    {
        2 => PhysicalType.FixedLenByteArray,
        4 => PhysicalType.Float,
        _ => PhysicalType.Double,
    };

    public int TypeLength => Unsafe.SizeOf<T>() == 2 ? 2 : 0;

    public bool Dictionary => true;

    public IEqualityComparer<T>? Comparer => BitwiseComparer<T>.Instance;

    public int PlainSize(T value) => Unsafe.SizeOf<T>();

    public void WritePlain(ReadOnlySpan<T> values, ByteBuffer output) => output.Write(MemoryMarshal.AsBytes(values));

    public void WriteBound(T value, ByteBuffer output) => output.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    public bool IsOrdered(T value) => !T.IsNaN(value);

    public int Compare(T x, T y) => x.CompareTo(y);

    public void Widen(ref T min, ref T max)
    {
        min = T.IsZero(min) ? T.NegativeZero : min;
        max = T.IsZero(max) ? T.Zero : max;
    }
}
