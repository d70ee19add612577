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
        int vtableSize = SignedShort(bytes, vtable);
        int slot = 4 + (2 * field);

        // Arrow's reader counts a field present when its slot starts inside the vtable, even one whose size is odd and
        // so ends inside the slot: it found children there that a stricter reading missed, and allocated 13 GB for them.
        if (slot >= vtableSize)
        {
            return null;
        }

        int offset = SignedShort(bytes, vtable + slot);
        return offset == 0 ? null : table + offset;
    }

    /// <summary>
    /// A vtable's size or field offset. Arrow's flatbuffer reader reads these as signed shorts, so one of 32 KB or more
    /// hides every field from it (or points before the table) where an unsigned reading finds them: a message the two
    /// read differently once passed this check with a body Arrow then read as the next message's 1.6 GB length. No
    /// writer makes such a vtable, so it is refused.
    /// </summary>
    private static int SignedShort(byte[] bytes, int at)
    {
        short value = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at, 2));
        return value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(at), $"a vtable entry of {(ushort)value} at {at}, past the 32 KB a flatbuffer reader reads");
    }
}
