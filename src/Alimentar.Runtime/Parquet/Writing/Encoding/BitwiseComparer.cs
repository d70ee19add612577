using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>Equality by bits, so a dictionary keeps -0 and +0 (and NaN payloads) apart.</summary>
internal sealed class BitwiseComparer<T> : IEqualityComparer<T>
    where T : unmanaged
{
    public static readonly BitwiseComparer<T> Instance = new();

    public bool Equals(T x, T y) => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in x)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in y)));

    public int GetHashCode(T obj)
    {
        var hash = default(HashCode);
        hash.AddBytes(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in obj)));
        return hash.ToHashCode();
    }
}
