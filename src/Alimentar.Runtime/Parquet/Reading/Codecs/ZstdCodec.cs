namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>
/// ZSTD pages, through the system's libzstd when <see cref="SystemZstd"/> found one and ZstdSharp otherwise: both
/// decode the same format to the same bytes, and both report damaged input as <see cref="InvalidDataException"/>.
/// One context per column chunk reader, created at its first page and freed with it.
/// </summary>
internal sealed class ZstdCodec : IDisposable
{
    private readonly bool _system;
    private SystemZstd.Context? _native;
    private ZstdSharp.Decompressor? _managed;
    private bool _disposed;

    /// <param name="system">Whether to use the system's library; ignored when it is not available.</param>
    public ZstdCodec(bool system = true)
    {
        _system = system && SystemZstd.IsAvailable;
    }

    /// <summary>Whether this codec decodes with the system's libzstd.</summary>
    public bool IsSystem => _system;

    /// <summary>Decompresses every frame of <paramref name="source"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_system)
        {
            return (_native ??= SystemZstd.CreateContext()).TryDecompress(source, destination, out string? reason)
                ?? throw Corrupt(destination.Length, reason, inner: null);
        }

        try
        {
            return (_managed ??= new ZstdSharp.Decompressor()).Unwrap(source, destination);
        }
        catch (ZstdSharp.ZstdException error)
        {
            throw Corrupt(destination.Length, error.Message, error);
        }
    }

    /// <summary>Output longer than the destination, or bytes that are not ZSTD: the page is corrupt either way.</summary>
    private static InvalidDataException Corrupt(int declared, string? reason, Exception? inner) =>
        new($"a ZSTD page does not decompress to the {declared} bytes its header declares ({reason})", inner);

    public void Dispose()
    {
        _disposed = true;
        _native?.Dispose();
        _managed?.Dispose();
    }
}
