using System.Buffers.Binary;

namespace Alimentar.Arrow;

/// <summary>
/// Checks an Arrow stream's schema message before Arrow's own reader parses it. That reader follows a field's children
/// by recursion with no limit, so a damaged flatbuffer whose child points back at its parent overflows the stack, which
/// ends the process and cannot be caught. Here the field tree is walked without recursion, every offset bounds-checked,
/// its depth and size limited; a schema that fails is refused before Arrow sees it.
/// </summary>
internal static class ArrowSchemaGuard
{
    /// <summary>The deepest nesting of fields accepted: lists of structs of maps a few levels deep are common, hundreds are not.</summary>
    public const int MaxDepth = 128;

    /// <summary>The most fields, counting nested ones, accepted in one schema.</summary>
    public const int MaxFields = 1 << 20;

    private const byte SchemaHeader = 1;
    private const int MaxMetadataBytes = 64 << 20;

    /// <summary>
    /// <paramref name="stream"/>, placed where it was, once its first message (the schema) has been checked; a stream
    /// that cannot seek is wrapped so that the bytes looked at are read again.
    /// </summary>
    /// <exception cref="InvalidDataException">The schema's fields are nested too deep, too many, or point outside the message.</exception>
    public static async ValueTask<Stream> CheckAsync(Stream stream, CancellationToken cancellationToken)
    {
        long start = stream.CanSeek ? stream.Position : 0;
        var taken = new MemoryStream();
        byte[] prefix = new byte[8];
        int read = await stream.ReadAtLeastAsync(prefix.AsMemory(0, 4), 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        taken.Write(prefix, 0, read);
        if (read == 4)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            if (length == -1)
            {
                read = await stream.ReadAtLeastAsync(prefix.AsMemory(4, 4), 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                taken.Write(prefix, 4, read);
                length = read == 4 ? BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4)) : 0;
            }

            if (length is > 0 and <= MaxMetadataBytes)
            {
                byte[] metadata = new byte[length];
                read = await stream.ReadAtLeastAsync(metadata, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                taken.Write(metadata, 0, read);
                if (read == length)
                {
                    CheckMessage(metadata);
                }
            }
        }

        if (stream.CanSeek)
        {
            stream.Position = start;
            return stream;
        }

        return new ReplayingStream(taken.ToArray(), stream);
    }

    /// <summary>Walks the field tree of a schema message's flatbuffer; other messages are left to the reader.</summary>
    /// <exception cref="InvalidDataException">The schema is too deep, too large, or not a well-formed flatbuffer.</exception>
    public static void CheckMessage(byte[] metadata)
    {
        try
        {
            int message = FlatBuffer.Table(metadata, 0);
            if (Scalar(metadata, message, field: 1) != SchemaHeader || FlatBuffer.FieldPosition(metadata, message, field: 2) is not int header)
            {
                return;
            }

            var pending = new Stack<(int Fields, int Depth)>();
            if (FlatBuffer.FieldPosition(metadata, FlatBuffer.Table(metadata, header), field: 1) is int top)
            {
                pending.Push((top, 1));
            }

            int seen = 0;
            while (pending.Count > 0)
            {
                (int fields, int depth) = pending.Pop();
                int vector = FlatBuffer.Table(metadata, fields);
                int count = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(metadata.AsSpan(vector, 4)));
                if (count > metadata.Length / 4 || (seen += count) > MaxFields)
                {
                    throw new InvalidDataException($"the schema claims more fields than its {metadata.Length} bytes hold");
                }

                if (count > 0 && depth > MaxDepth)
                {
                    throw new InvalidDataException($"the schema nests fields more than {MaxDepth} deep");
                }

                for (int i = 0; i < count; i++)
                {
                    int field = FlatBuffer.Table(metadata, checked(vector + 4 + (4 * i)));
                    if (FlatBuffer.FieldPosition(metadata, field, field: 5) is int children)
                    {
                        pending.Push((children, depth + 1));
                    }
                }
            }
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("the schema message is not a well-formed flatbuffer", error);
        }
    }

    private static byte Scalar(byte[] bytes, int table, int field) => FlatBuffer.FieldPosition(bytes, table, field) is int at ? bytes.AsSpan(at, 1)[0] : (byte)0;
}
