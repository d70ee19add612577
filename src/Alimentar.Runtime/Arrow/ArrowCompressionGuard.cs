using System.Buffers.Binary;

namespace Alimentar.Arrow;

/// <summary>
/// Checks the buffers of a compressed record batch's body before Arrow's own reader decompresses them. Each such buffer
/// starts with the length it decompresses to, and that reader allocates the length before decompressing: a damaged
/// length made a 2 KB stream take 2 GB. A length is refused where the frame states its own content size and the two
/// differ, and otherwise where it is more than the codec can produce from the buffer's bytes.
/// </summary>
internal static class ArrowCompressionGuard
{
    /// <summary>The <c>CompressionType</c> of an LZ4 frame (the default) and of a Zstandard frame.</summary>
    private const byte Lz4Frame = 0;
    private const byte Zstd = 1;

    /// <summary>
    /// The most bytes one compressed byte expands to: a Zstandard RLE block makes 128 KB from 4 bytes; an LZ4 match adds
    /// 255 bytes for each further length byte.
    /// </summary>
    private const long ZstdExpansion = 32 << 10;
    private const long Lz4Expansion = 256;

    /// <summary>A frame too small to say anything still decompresses to a few bytes.</summary>
    private const long SmallestBound = 64 << 10;

    /// <summary>
    /// The most a batch message's body can decompress to, all its buffers together: 0 exactly when it is not compressed
    /// (a compressed body's bound is never 0).
    /// </summary>
    /// <exception cref="InvalidDataException">The flatbuffer is malformed.</exception>
    public static long DecompressedBound(ArrowMessage message)
    {
        if (Compressed(message) is not (byte codec, var buffers))
        {
            return 0;
        }

        // Each buffer may claim the smallest bound however few its bytes, and Arrow's reader may read one entry past the vector.
        long entries = buffers is int vector ? BinaryPrimitives.ReadUInt32LittleEndian(message.Metadata.AsSpan(vector, 4)) + 1L : 1;
        return (message.BodyLength * (codec == Zstd ? ZstdExpansion : Lz4Expansion)) + (entries * SmallestBound);
    }

    /// <summary>Holds each buffer's stated decompressed length to its frame.</summary>
    /// <param name="message">The message's metadata.</param>
    /// <param name="body">The message's body.</param>
    /// <exception cref="InvalidDataException">A buffer lies outside the body or states a length its frame cannot make.</exception>
    public static void Check(ArrowMessage message, ReadOnlySpan<byte> body)
    {
        if (Compressed(message) is not (byte codec, int vector))
        {
            return;
        }

        // ArrowBatchGuard has held the vector's count to the metadata.
        byte[] metadata = message.Metadata;
        int count = BinaryPrimitives.ReadInt32LittleEndian(metadata.AsSpan(vector, 4));
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> entry = metadata.AsSpan(vector + 4 + (16 * i), 16);
            long offset = BinaryPrimitives.ReadInt64LittleEndian(entry);
            long length = BinaryPrimitives.ReadInt64LittleEndian(entry[8..]);
            if (length == 0)
            {
                continue;
            }

            if (offset < 0 || length < 8 || offset > body.Length - length)
            {
                throw new InvalidDataException($"compressed buffer {i} of {length} bytes at {offset} does not fit the body's {body.Length} bytes");
            }

            ReadOnlySpan<byte> buffer = body.Slice((int)offset, (int)length);
            long claimed = BinaryPrimitives.ReadInt64LittleEndian(buffer);
            if (claimed == -1)
            {
                continue; // Left uncompressed.
            }

            ReadOnlySpan<byte> frame = buffer[8..];
            long? stated = codec == Zstd ? ZstdContentSize(frame) : Lz4ContentSize(frame);
            long bound = Math.Max(SmallestBound, frame.Length * (codec == Zstd ? ZstdExpansion : Lz4Expansion));
            if (claimed < 0 || claimed > int.MaxValue || (stated is long size && size != claimed) || claimed > bound)
            {
                string frameSays = stated is long s ? $"its frame states {s}" : $"{(codec == Zstd ? "Zstandard" : "LZ4")} makes at most {bound} from its {frame.Length}";
                throw new InvalidDataException($"compressed buffer {i} claims to decompress to {claimed} bytes, but {frameSays}");
            }
        }
    }

    /// <summary>The codec and buffers vector (null when absent) of a compressed batch message; null for any other message.</summary>
    private static (byte Codec, int? Buffers)? Compressed(ArrowMessage message)
    {
        byte[] metadata = message.Metadata;
        try
        {
            if (message.BatchTable is not int batch || FlatBuffer.FieldPosition(metadata, batch, field: 3) is not int at)
            {
                return null;
            }

            int compression = FlatBuffer.Table(metadata, at);
            byte codec = FlatBuffer.FieldPosition(metadata, compression, field: 0) is int codecAt ? metadata[codecAt] : Lz4Frame;
            return (codec, FlatBuffer.FieldPosition(metadata, batch, field: 2) is int buffers ? FlatBuffer.Table(metadata, buffers) : null);
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("a compressed batch message is not a well-formed flatbuffer", error);
        }
    }

    /// <summary>The content size a Zstandard frame's header states, if it states one.</summary>
    private static long? ZstdContentSize(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 5 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != 0xFD2FB528)
        {
            return null;
        }

        byte descriptor = frame[4];
        int sizeFlag = descriptor >> 6;
        bool singleSegment = (descriptor & 0x20) != 0;
        int at = 5 + (singleSegment ? 0 : 1) + (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        int sizeBytes = sizeFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        if (sizeBytes == 0 || frame.Length < at + sizeBytes)
        {
            return null;
        }

        ReadOnlySpan<byte> size = frame.Slice(at, sizeBytes);
        return sizeBytes switch
        {
            1 => size[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(size) + 256L,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(size),
            _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(size), long.MaxValue),
        };
    }

    /// <summary>The content size an LZ4 frame's header states, if it states one.</summary>
    private static long? Lz4ContentSize(ReadOnlySpan<byte> frame)
    {
        const byte ContentSizeFlag = 0x08;
        if (frame.Length < 14 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != 0x184D2204 || (frame[4] & ContentSizeFlag) == 0)
        {
            return null;
        }

        return (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(frame[6..]), long.MaxValue);
    }
}
