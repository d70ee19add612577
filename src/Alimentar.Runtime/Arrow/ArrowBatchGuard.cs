using System.Buffers.Binary;

namespace Alimentar.Arrow;

/// <summary>
/// Checks a record batch or dictionary batch message before Arrow's own reader parses it. That reader sizes its arrays
/// by the counts of the message's vectors (field nodes, buffers) without holding them to the message, so a damaged count
/// of a billion nodes in a 30 KB stream allocated 14 GB before failing. Here every vector must fit the bytes of the
/// message that holds it.
/// </summary>
internal static class ArrowBatchGuard
{
    private const byte DictionaryBatchHeader = 2;
    private const byte RecordBatchHeader = 3;

    /// <summary>Holds a batch message's vectors to its metadata; other messages are left to the reader.</summary>
    /// <exception cref="InvalidDataException">A vector claims more elements than the metadata holds, or the flatbuffer is malformed.</exception>
    public static void CheckMessage(byte[] metadata)
    {
        try
        {
            if (RecordBatchTable(metadata) is not int batch)
            {
                return;
            }

            CheckVector(metadata, batch, field: 1, elementBytes: 16, "field nodes");
            CheckVector(metadata, batch, field: 2, elementBytes: 16, "buffers");
            CheckVector(metadata, batch, field: 4, elementBytes: 8, "variadic buffer counts");
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("a record batch message is not a well-formed flatbuffer", error);
        }
    }

    /// <summary>
    /// Where the <c>RecordBatch</c> table of a record batch message lies, or of a dictionary batch message its values;
    /// null for other messages. Damage throws as <see cref="FlatBuffer"/> does.
    /// </summary>
    public static int? RecordBatchTable(byte[] metadata)
    {
        int message = FlatBuffer.Table(metadata, 0);
        byte header = FlatBuffer.FieldPosition(metadata, message, field: 1) is int type ? metadata[type] : (byte)0;
        if (header is not (RecordBatchHeader or DictionaryBatchHeader) || FlatBuffer.FieldPosition(metadata, message, field: 2) is not int union)
        {
            return null;
        }

        int batch = FlatBuffer.Table(metadata, union);
        if (header == RecordBatchHeader)
        {
            return batch;
        }

        // A dictionary batch holds its values as a record batch, its field 1.
        return FlatBuffer.FieldPosition(metadata, batch, field: 1) is int data ? FlatBuffer.Table(metadata, data) : null;
    }

    /// <summary>Whether a message is a dictionary batch, and whether that batch extends the dictionary before it.</summary>
    /// <exception cref="InvalidDataException">The flatbuffer is malformed.</exception>
    public static (bool Dictionary, bool Delta) DictionaryKind(byte[] metadata)
    {
        try
        {
            int message = FlatBuffer.Table(metadata, 0);
            byte header = FlatBuffer.FieldPosition(metadata, message, field: 1) is int type ? metadata[type] : (byte)0;
            if (header != DictionaryBatchHeader || FlatBuffer.FieldPosition(metadata, message, field: 2) is not int union)
            {
                return (header == DictionaryBatchHeader, false);
            }

            return (true, FlatBuffer.FieldPosition(metadata, FlatBuffer.Table(metadata, union), field: 2) is int delta && metadata[delta] != 0);
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("a dictionary batch message is not a well-formed flatbuffer", error);
        }
    }

    private static void CheckVector(byte[] metadata, int table, int field, int elementBytes, string what)
    {
        if (FlatBuffer.FieldPosition(metadata, table, field) is not int at)
        {
            return;
        }

        int vector = FlatBuffer.Table(metadata, at);
        long count = BinaryPrimitives.ReadUInt32LittleEndian(metadata.AsSpan(vector, 4));
        if (count * elementBytes > metadata.Length - vector - 4L)
        {
            throw new InvalidDataException($"a record batch claims {count} {what}, more than its {metadata.Length} bytes of metadata hold");
        }
    }
}
