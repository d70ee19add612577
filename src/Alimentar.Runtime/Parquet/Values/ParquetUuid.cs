using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Alimentar.Parquet.Values;

/// <summary>
/// UUID values as <see cref="Guid"/>s, for pages and statistics alike. Parquet stores a UUID's sixteen bytes in RFC 4122 order (big-endian), while
/// a <see cref="Guid"/> keeps its first three fields in the machine's order, so a page of UUIDs is copied as bytes
/// and then put in <see cref="Guid"/> order where it lies: one byte shuffle per value instead of a parse.
/// </summary>
internal static class ParquetUuid
{
    /// <summary>Turns values that hold a UUID's bytes as stored into the <see cref="Guid"/>s they mean, in place.</summary>
    public static void FromStoredOrder(Span<Guid> values)
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(values);
        if (!BitConverter.IsLittleEndian || !Vector128.IsHardwareAccelerated)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = new Guid(bytes.Slice(i * 16, 16), bigEndian: true);
            }

            return;
        }

        // The four-byte field and the two two-byte fields are reversed; the last eight bytes stay as they are.
        Vector128<byte> order = Vector128.Create((byte)3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15);
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        for (nuint offset = 0; offset < (nuint)bytes.Length; offset += 16)
        {
            Vector128.Shuffle(Vector128.LoadUnsafe(ref start, offset), order).StoreUnsafe(ref start, offset);
        }
    }

    /// <summary>One UUID's sixteen stored bytes as the <see cref="Guid"/> they mean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Guid FromStoredBytes(ReadOnlySpan<byte> bytes) => new(bytes, bigEndian: true);
}
