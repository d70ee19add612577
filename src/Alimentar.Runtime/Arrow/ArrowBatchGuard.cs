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
    /// <summary>Holds a batch message's vectors to its metadata; other messages are left to the reader.</summary>
    /// <exception cref="InvalidDataException">A vector claims more elements than the metadata holds, or the flatbuffer is malformed.</exception>
    public static void CheckMessage(ArrowMessage message)
    {
        if (message.BatchTable is not int batch)
        {
            return;
        }

        try
        {
            CheckVector(message.Metadata, batch, field: 1, elementBytes: 16, "field nodes");
            CheckVector(message.Metadata, batch, field: 2, elementBytes: 16, "buffers");
            CheckVector(message.Metadata, batch, field: 4, elementBytes: 8, "variadic buffer counts");
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("a record batch message is not a well-formed flatbuffer", error);
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
