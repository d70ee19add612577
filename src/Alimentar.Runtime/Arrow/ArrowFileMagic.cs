namespace Alimentar.Arrow;

/// <summary>
/// The Arrow IPC file format (Feather v2, what <c>pyarrow.feather</c> and Polars' <c>write_ipc</c> write) is the stream
/// format between an eight-byte <c>ARROW1</c> header and a footer, its messages ending with the stream's end marker;
/// stepping over the header reads a file as the stream it holds. The footer, an index of the same batches, is not needed.
/// </summary>
internal static class ArrowFileMagic
{
    private static ReadOnlySpan<byte> Magic => "ARROW1"u8;

    /// <summary>The header's length: the magic and two bytes of padding.</summary>
    private const int HeaderLength = 8;

    /// <summary>
    /// <paramref name="stream"/> placed at its first message: past the header of an IPC file, or where it was for a
    /// stream. A stream that cannot seek is wrapped so that the bytes looked at are read again.
    /// </summary>
    public static async ValueTask<Stream> SkipHeaderAsync(Stream stream, CancellationToken cancellationToken)
    {
        long start = stream.CanSeek ? stream.Position : 0;
        byte[] header = new byte[HeaderLength];
        int read = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == HeaderLength && header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return stream;
        }

        if (stream.CanSeek)
        {
            stream.Position = start;
            return stream;
        }

        return new ReplayingStream(header.AsMemory(0, read), stream);
    }

    /// <summary>A forward-only stream that yields some bytes already taken from it before the rest; disposing it disposes the rest.</summary>
    private sealed class ReplayingStream(ReadOnlyMemory<byte> taken, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _taken = taken;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_taken.IsEmpty)
            {
                return rest.Read(buffer);
            }

            int count = Math.Min(buffer.Length, _taken.Length);
            _taken.Span[..count].CopyTo(buffer);
            _taken = _taken[count..];
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _taken.IsEmpty ? rest.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        // The wrapper stands for the stream it was made from: whoever disposes it is done with both.
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync()
        {
            GC.SuppressFinalize(this);
            return rest.DisposeAsync();
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
