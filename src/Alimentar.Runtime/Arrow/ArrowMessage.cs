using System.Buffers.Binary;

namespace Alimentar.Arrow;

/// <summary>
/// One Arrow IPC message's metadata with its <c>Message</c> table read once: what kind of message it is, where its
/// header lies, how long its body is and, for a batch, where its <c>RecordBatch</c> table lies. Planning a pass
/// (<see cref="ArrowIpcIndex"/>) and each check before Arrow's reader (<see cref="CheckedArrowStream"/>) start from it.
/// </summary>
/// <param name="Metadata">The message's metadata, a flatbuffer.</param>
/// <param name="Header">The <c>MessageHeader</c> union's tag: <see cref="SchemaHeader"/>, <see cref="DictionaryBatchHeader"/>, <see cref="RecordBatchHeader"/> or another.</param>
/// <param name="BodyLength">The bytes of body that follow the metadata.</param>
/// <param name="HeaderTable">Where the header's table lies (a <c>Schema</c>, <c>DictionaryBatch</c> or <c>RecordBatch</c>), or null when the message has none.</param>
/// <param name="BatchTable">Where a record batch message's <c>RecordBatch</c> table lies, or a dictionary batch's values; null for other messages.</param>
/// <param name="Rows">The rows a record batch message states; 0 for other messages.</param>
/// <param name="IsDelta">Whether this is a dictionary batch that extends the dictionary before it rather than replacing it.</param>
internal readonly record struct ArrowMessage(byte[] Metadata, byte Header, long BodyLength, int? HeaderTable, int? BatchTable, long Rows, bool IsDelta)
{
    public const byte SchemaHeader = 1;
    public const byte DictionaryBatchHeader = 2;
    public const byte RecordBatchHeader = 3;

    /// <summary>Whether this is a dictionary batch.</summary>
    public bool IsDictionary => Header == DictionaryBatchHeader;

    /// <summary>Reads the <c>Message</c> table of the metadata found at <paramref name="offset"/> in its stream.</summary>
    /// <exception cref="InvalidDataException">
    /// The metadata is not a flatbuffer Message, or claims a negative body or more rows than Arrow counts.
    /// </exception>
    public static ArrowMessage Read(byte[] metadata, long offset)
    {
        ArrowMessage message;
        try
        {
            int table = FlatBuffer.Table(metadata, 0);
            byte header = FlatBuffer.FieldPosition(metadata, table, field: 1) is int type ? metadata[type] : (byte)0;
            long bodyLength = Int64(metadata, table, field: 3);
            int? headerTable = FlatBuffer.FieldPosition(metadata, table, field: 2) is int union ? FlatBuffer.Table(metadata, union) : null;
            message = (header, headerTable) switch
            {
                (RecordBatchHeader, int batch) => new(metadata, header, bodyLength, batch, batch, Int64(metadata, batch, field: 0), IsDelta: false),

                // A dictionary batch holds its values as a record batch, its field 1, and says whether it is a delta in field 2.
                (DictionaryBatchHeader, int dictionary) => new(metadata, header, bodyLength, dictionary,
                    FlatBuffer.FieldPosition(metadata, dictionary, field: 1) is int data ? FlatBuffer.Table(metadata, data) : null,
                    Rows: 0,
                    IsDelta: FlatBuffer.FieldPosition(metadata, dictionary, field: 2) is int delta && metadata[delta] != 0),
                _ => new(metadata, header, bodyLength, headerTable, BatchTable: null, Rows: 0, IsDelta: false),
            };
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException($"the message at offset {offset} has metadata that is not a flatbuffer Message", error);
        }

        // A record batch holds at most int.MaxValue rows (Arrow's own readers count them in an int); a larger claim is
        // damage, and believed it would have planning walk trillions of rows.
        if (message.BodyLength < 0 || message.Rows < 0 || message.Rows > int.MaxValue)
        {
            throw new InvalidDataException($"the message at offset {offset} claims a body of {message.BodyLength} bytes and {message.Rows} rows");
        }

        return message;
    }

    private static long Int64(byte[] metadata, int table, int field) =>
        FlatBuffer.FieldPosition(metadata, table, field) is int at ? BinaryPrimitives.ReadInt64LittleEndian(metadata.AsSpan(at, 8)) : 0;
}
