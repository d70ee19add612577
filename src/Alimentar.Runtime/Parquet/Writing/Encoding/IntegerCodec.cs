using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// INT32 or INT64 values (<typeparamref name="T"/> is <see cref="int"/> or <see cref="long"/>), ordered signed or,
/// for unsigned logical types, unsigned: flipping the sign bit turns unsigned order into signed order.
/// </summary>
internal readonly struct IntegerCodec<T>(bool unsigned) : IValueCodec<T>
    where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
{
    public PhysicalType Type => Unsafe.SizeOf<T>() == 4 ? PhysicalType.Int32 : PhysicalType.Int64;

    public int TypeLength => 0;

    public bool Dictionary => true;

    public IEqualityComparer<T>? Comparer => null;

    public int PlainSize(T value) => Unsafe.SizeOf<T>();

    public void WritePlain(ReadOnlySpan<T> values, ByteBuffer output) => output.Write(MemoryMarshal.AsBytes(values));

    public void WriteBound(T value, ByteBuffer output) => output.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    public bool IsOrdered(T value) => true;

    public int Compare(T x, T y) => unsigned ? (x ^ T.MinValue).CompareTo(y ^ T.MinValue) : x.CompareTo(y);

    public void Widen(ref T min, ref T max)
    {
    }
}
