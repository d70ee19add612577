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
}
