using System.Buffers.Binary;

namespace Alimentar.Arrow;

/// <summary>
/// The little of the flatbuffer format Arrow's message metadata needs read before Arrow's own reader sees it: tables
/// through offsets and fields through vtables. Every read is bounds-checked by its span: damage throws
/// <see cref="ArgumentOutOfRangeException"/> (or <see cref="OverflowException"/>), which the callers turn into bad data.
/// </summary>
internal static class FlatBuffer
{
    /// <summary>The table (or vector) an unsigned offset at <paramref name="at"/> points to.</summary>
    public static int Table(byte[] bytes, int at) => checked(at + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at, 4)));

    /// <summary>Where field <paramref name="field"/> of <paramref name="table"/> lies, or null when the table leaves it out.</summary>
    public static int? FieldPosition(byte[] bytes, int table, int field)
    {
        int vtable = checked(table - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table, 4)));
        int vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable, 2));
        int slot = 4 + (2 * field);
        if (slot + 2 > vtableSize)
        {
            return null;
        }

        int offset = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable + slot, 2));
        return offset == 0 ? null : table + offset;
    }
}
