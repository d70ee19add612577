using Alimentar.Parquet.Format;
using Apache.Arrow.Ipc;

namespace Alimentar.Arrow;

/// <summary>
/// An Arrow IPC stream as Arrow's reader reads it, each message's metadata read ahead and checked before the reader sees
/// it (<see cref="ArrowSchemaGuard"/>, <see cref="ArrowBatchGuard"/>): that reader trusts the counts and links in the
/// metadata, so damage there once overflowed the stack or allocated gigabytes. Bodies pass through as they are, except
/// compressed ones (<see cref="ArrowCompressionGuard"/>) and those from a stream that cannot seek, which are read first
/// (see <see cref="ReadMessageAsync"/>), into a pooled buffer that disposing the stream returns.
/// </summary>
internal sealed class CheckedArrowStream(Stream inner, ArrowAllocationBudget budget, bool leaveOpen) : Stream
{
    /// <summary>
    /// Arrow's reader over <paramref name="stream"/> through a checked stream, allocating within each message's budget;
    /// disposing the reader disposes the checked stream, and <paramref name="stream"/> too unless <paramref name="leaveOpen"/>.
    /// </summary>
    public static ArrowStreamReader OpenReader(Stream stream, ICompressionCodecFactory codecs, bool leaveOpen)
    {
        var budget = new ArrowAllocationBudget();
        return new ArrowStreamReader(new CheckedArrowStream(stream, budget, leaveOpen), budget, codecs, leaveOpen: false);
    }

    /// <summary>How much more room a body from a stream that cannot seek asks for at a time: its buffer grows only as bytes arrive.</summary>
    private const int BodyReadSize = 1 << 16;

    /// <summary>A message's framing and metadata, checked, not yet handed to the reader.</summary>
    private byte[] _checked = [];
    private int _handedOut;

    /// <summary>What is left of the current message's body.</summary>
    private long _bodyLeft;

    /// <summary>A body read ahead, handed out after its metadata; one pooled buffer, reused from message to message.</summary>
    private readonly ByteBuffer _body = new(16);
    private int _bodyHandedOut;

    /// <summary>The bytes read from the stream so far: where the next message starts, for messages about it.</summary>
    private long _consumed;

    /// <summary>The bytes did not frame a whole message: the rest passes through unchecked, and the reader fails or stops on it.</summary>
    private bool _unframed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_handedOut == _checked.Length && _bodyHandedOut == _body.Length && _bodyLeft == 0 && !_unframed)
        {
            await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_handedOut < _checked.Length)
        {
            int count = Math.Min(buffer.Length, _checked.Length - _handedOut);
            _checked.AsSpan(_handedOut, count).CopyTo(buffer.Span);
            _handedOut += count;
            return count;
        }

        if (_bodyHandedOut < _body.Length)
        {
            int count = Math.Min(buffer.Length, _body.Length - _bodyHandedOut);
            _body.Span.Slice(_bodyHandedOut, count).CopyTo(buffer.Span);
            _bodyHandedOut += count;
            return count;
        }

        if (_bodyLeft > 0)
        {
            int read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _bodyLeft)], cancellationToken).ConfigureAwait(false);
            _consumed += read;
            _bodyLeft = read == 0 ? 0 : _bodyLeft - read;
            _unframed |= read == 0;
            return read;
        }

        int passed = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _consumed += passed;
        return passed;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Arrow's reader is driven asynchronously here (<c>ReadNextRecordBatchAsync</c>).</summary>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read it asynchronously");

    /// <summary>Reads the next message's framing and metadata, checks them, and keeps them to hand out; its body follows.</summary>
    private async ValueTask ReadMessageAsync(CancellationToken cancellationToken)
    {
        _body.Clear();
        _bodyHandedOut = 0;
        long start = _consumed;
        byte[] prefix = new byte[ArrowFraming.MaxLength];
        (int framing, int length) = await ArrowFraming.ReadAsync(inner, prefix, cancellationToken).ConfigureAwait(false);
        _consumed += framing;
        budget.Close();
        if (length == 0 && ArrowFraming.IsWhole(framing))
        {
            // An end marker. Arrow's reader stops at one, except where it expects the schema: there it takes the marker as
            // "no schema yet" and reads on, so whatever it reads next is checked as a message too.
            Hand(prefix.AsSpan(0, framing), [], bodyLength: 0);
            return;
        }

        if (framing > 0 && !ArrowFraming.IsWhole(framing))
        {
            // Arrow's reader takes a cut-off framing for the stream's end and would report none of it; planning a pass
            // refuses it (ArrowIpcIndex), and so does this.
            throw new InvalidDataException($"the message at offset {start} is cut off in its framing");
        }

        if (length < 0 || framing == 0)
        {
            // The end of the bytes, or a length Arrow's reader fails on at once: nothing more to check.
            Hand(prefix.AsSpan(0, framing), [], bodyLength: 0);
            _unframed = true;
            return;
        }

        if (length > ArrowFraming.MaxMetadataBytes)
        {
            throw new InvalidDataException($"the message at offset {start} claims {length} bytes of metadata");
        }

        byte[] metadata = new byte[length];
        int read = await ReadUpToAsync(metadata, cancellationToken).ConfigureAwait(false);
        if (read < length)
        {
            Hand(prefix.AsSpan(0, framing), metadata.AsSpan(0, read), bodyLength: 0);
            _unframed = true;
            return;
        }

        ArrowMessage message = ArrowMessage.Read(metadata, start);
        long bodyLength = message.BodyLength;
        ArrowSchemaGuard.CheckMessage(message);
        ArrowBatchGuard.CheckMessage(message);
        long decompressed = ArrowCompressionGuard.DecompressedBound(message);
        budget.Open(start, message, decompressed);

        // Arrow's reader allocates a body before reading it: where the stream knows its length a longer claim is refused,
        // and where it cannot tell, the body is read first, its buffer growing only as bytes arrive (a damaged stream from
        // a pipe once had Arrow allocate the 16 GB its schema message claimed). A compressed body is read first too, so
        // that its buffers' decompressed lengths, which Arrow allocates next, are checked.
        if (inner.CanSeek && bodyLength > inner.Length - inner.Position)
        {
            throw new InvalidDataException($"the message at offset {start} claims a body of {bodyLength} bytes, past the stream's end");
        }

        if ((!inner.CanSeek || decompressed > 0) && bodyLength > 0)
        {
            if (bodyLength > Array.MaxLength)
            {
                throw new InvalidDataException($"the message at offset {start} claims a body of {bodyLength} bytes, more than a record batch can hold");
            }

            await ReadBodyAsync((int)bodyLength, cancellationToken).ConfigureAwait(false);
            ArrowCompressionGuard.Check(message, _body.Span);
            Hand(prefix.AsSpan(0, framing), metadata, bodyLength: 0);
            return;
        }

        Hand(prefix.AsSpan(0, framing), metadata, bodyLength);
    }

    /// <summary>
    /// Reads a body of <paramref name="length"/> bytes into the body buffer. A stream that knows its length has been seen
    /// to hold them, so room for all is asked for at once; otherwise the buffer grows only as the bytes arrive.
    /// </summary>
    private async ValueTask ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        for (int left = length; left > 0;)
        {
            Memory<byte> room = _body.GetMemory(inner.CanSeek ? left : Math.Min(left, BodyReadSize));
            int got = await inner.ReadAsync(room[..Math.Min(room.Length, left)], cancellationToken).ConfigureAwait(false);
            if (got == 0)
            {
                throw new InvalidDataException("the stream ends inside a message body");
            }

            _body.Advance(got);
            _consumed += got;
            left -= got;
        }
    }

    private void Hand(ReadOnlySpan<byte> framing, ReadOnlySpan<byte> metadata, long bodyLength)
    {
        _checked = [.. framing, .. metadata];
        _handedOut = 0;
        _bodyLeft = bodyLength;
    }

    private async ValueTask<int> ReadUpToAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read = await inner.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        _consumed += read;
        return read;
    }

    public override void Flush()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            if (!leaveOpen)
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
