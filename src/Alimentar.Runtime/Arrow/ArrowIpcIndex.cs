using System.Buffers;

namespace Alimentar.Arrow;

/// <summary>
/// Where each record batch of an Arrow IPC stream lies and how many rows it holds, found by reading only
/// the messages' framing and metadata and stepping over their bodies (seeking when the stream can): what
/// planning a shuffled or sharded pass over an Arrow stream needs, without decoding it.
/// </summary>
/// <param name="Preamble">The schema message (and any before the first record batch), replayed before a batch read on its own.</param>
/// <param name="Batches">Each record batch: its message's offset and length in the stream, and its rows.</param>
/// <param name="HasDictionaries">True when the stream holds dictionary batches: a record batch then depends on the messages before it, and is read in order.</param>
internal sealed record ArrowIpcIndex(byte[] Preamble, IReadOnlyList<ArrowIpcBatch> Batches, bool HasDictionaries)
{
    /// <summary>The end-of-stream marker: a continuation and a zero length.</summary>
    public static ReadOnlySpan<byte> EndOfStream => [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    /// <exception cref="InvalidDataException">The stream's framing or metadata is not Arrow IPC.</exception>
    public static async Task<ArrowIpcIndex> BuildAsync(Stream stream, CancellationToken cancellationToken)
    {
        var batches = new List<ArrowIpcBatch>();
        var preamble = new MemoryStream();
        bool dictionaries = false;
        long position = stream.CanSeek ? stream.Position : 0;
        byte[] prefix = new byte[ArrowFraming.MaxLength];
        while (true)
        {
            long start = position;
            (int framing, int length) = await ArrowFraming.ReadAsync(stream, prefix, cancellationToken).ConfigureAwait(false);
            if (framing == 0)
            {
                break; // A stream may end without its end marker.
            }

            if (!ArrowFraming.IsWhole(framing))
            {
                throw new InvalidDataException($"the message at offset {start} is cut off in its framing");
            }

            if (length == 0)
            {
                // Arrow's reader reads past an end marker where the schema belongs, and fails on what follows: a pass
                // planned here must fail on that stream too, not find it empty.
                if (preamble.Length == 0 && batches.Count == 0 && !dictionaries && await ReadFullyAsync(stream, prefix.AsMemory(0, 1), cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidDataException($"the stream's end marker at offset {start} comes before its schema, and more follows");
                }

                break;
            }

            if (length < 0 || length > ArrowFraming.MaxMetadataBytes)
            {
                throw new InvalidDataException($"the message at offset {start} claims {length} bytes of metadata");
            }

            byte[] metadata = new byte[length];
            if (!await ReadFullyAsync(stream, metadata, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException($"the message at offset {start} is cut off in its metadata");
            }

            ArrowMessage message = ArrowMessage.Read(metadata, start);
            long bodyLength = message.BodyLength;
            position = start + framing + length + bodyLength;
            if (stream.CanSeek && position > stream.Length)
            {
                throw new InvalidDataException($"the message at offset {start} claims a body of {bodyLength} bytes, past the stream's end at {stream.Length}");
            }

            switch (message.Header)
            {
                case ArrowMessage.RecordBatchHeader:
                    batches.Add(new ArrowIpcBatch(start, checked((int)(position - start)), message.Rows));
                    await SkipAsync(stream, bodyLength, cancellationToken).ConfigureAwait(false);
                    break;
                case ArrowMessage.DictionaryBatchHeader:
                    dictionaries = true;
                    await SkipAsync(stream, bodyLength, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    if (batches.Count == 0)
                    {
                        preamble.Write(prefix, 0, framing);
                        preamble.Write(metadata);

                        // Copied as it arrives: a stream that cannot seek cannot show a claimed body is longer than it.
                        await CopyAsync(stream, preamble, bodyLength, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await SkipAsync(stream, bodyLength, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }

        return new ArrowIpcIndex(preamble.ToArray(), batches, dictionaries);
    }

    /// <summary>Moves <paramref name="bytes"/> on: by seeking where the stream can, else by reading and dropping.</summary>
    public static async Task SkipAsync(Stream stream, long bytes, CancellationToken cancellationToken)
    {
        if (stream.CanSeek)
        {
            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }

        await CopyAsync(stream, destination: null, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <paramref name="bytes"/> on, a piece at a time, into <paramref name="destination"/> where one is given.</summary>
    private static async Task CopyAsync(Stream stream, Stream? destination, long bytes, CancellationToken cancellationToken)
    {
        if (bytes <= 0)
        {
            return;
        }

        // Borrowed per body: planning a one-way stream steps over every body, and a new piece each time adds up to the stream.
        byte[] scratch = ArrayPool<byte>.Shared.Rent((int)Math.Min(bytes, 1 << 16));
        try
        {
            for (long left = bytes; left > 0;)
            {
                int read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(left, scratch.Length)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InvalidDataException("the stream ends inside a message body");
                }

                destination?.Write(scratch, 0, read);
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static async Task<bool> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return true;
        }

        int read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return false;
        }

        return read == buffer.Length ? true : throw new InvalidDataException($"the stream ends {read} bytes into a {buffer.Length}-byte read");
    }
}

/// <summary>One record batch message of an Arrow IPC stream: where it starts, its length with framing and body, and its rows.</summary>
internal readonly record struct ArrowIpcBatch(long Offset, int Length, long Rows);
