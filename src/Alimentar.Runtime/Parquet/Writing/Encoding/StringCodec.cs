using System.Buffers.Binary;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// UTF-8 strings (BYTE_ARRAY STRING), encoded straight from the member's strings. They order by their UTF-8 bytes,
/// which is code point order: UTF-16's ordinal order differs only where a surrogate pair meets U+E000–U+FFFF.
/// </summary>
internal readonly struct StringCodec : IValueCodec<string>
{
    public PhysicalType Type => PhysicalType.ByteArray;

    public int TypeLength => 0;

    public bool Dictionary => true;

    public IEqualityComparer<string>? Comparer => StringComparer.Ordinal;

    /// <summary>
    /// Exact, not estimated from the chars: pages of non-Latin text are cut at the page size, not at up to three times
    /// it, and the size statistics' unencoded bytes are the UTF-8 bytes a reader will hold.
    /// </summary>
    public int PlainSize(string value) => 4 + System.Text.Encoding.UTF8.GetByteCount(value);

    public void WritePlain(ReadOnlySpan<string> values, ByteBuffer output)
    {
        foreach (string value in values)
        {
            Span<byte> target = output.GetSpan(4 + System.Text.Encoding.UTF8.GetMaxByteCount(value.Length));
            int length = System.Text.Encoding.UTF8.GetBytes(value, target[4..]);
            BinaryPrimitives.WriteInt32LittleEndian(target, length);
            output.Advance(4 + length);
        }
    }

    public void WriteBound(string value, ByteBuffer output) =>
        output.Advance(System.Text.Encoding.UTF8.GetBytes(value, output.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(value.Length))));

    public bool IsOrdered(string value) => true;

    public int Compare(string x, string y)
    {
        int length = Math.Min(x.Length, y.Length);
        for (int i = 0; i < length; i++)
        {
            char a = x[i], b = y[i];
            if (a != b)
            {
                return CodePointOrder(a) - CodePointOrder(b);
            }
        }

        return x.Length - y.Length;
    }

    public void Widen(ref string min, ref string max)
    {
    }

    /// <summary>Moves surrogates above the rest of the BMP, where the code points they encode lie.</summary>
    private static int CodePointOrder(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;
}
