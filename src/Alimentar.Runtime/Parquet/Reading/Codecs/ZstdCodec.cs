namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>
/// ZSTD pages, through the system's libzstd when <see cref="SystemZstd"/> found one and ZstdSharp otherwise: both
/// decode the same format to the same bytes, and both report damaged input as <see cref="InvalidDataException"/>.
/// Each page takes a context from a pool the whole process shares (see <see cref="CodecContexts"/>), so a wide table
/// holds as many as it decodes pages at once, not one per column.
/// </summary>
internal sealed class ZstdCodec : IDisposable
{
    private static readonly TrimmingObjectPool<SystemZstd.Context> NativeContexts = CodecContexts.Pool(SystemZstd.CreateContext);
    private static readonly TrimmingObjectPool<ZstdSharp.Decompressor> ManagedContexts = CodecContexts.Pool(static () => new ZstdSharp.Decompressor());

    private readonly bool _system;
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
        return _system ? DecompressNative(source, destination) : DecompressManaged(source, destination);
    }

    /// <summary>The decompression contexts made so far in this process, native and managed, for tests.</summary>
    internal static long ContextsCreated => NativeContexts.Created + ManagedContexts.Created;

    // A context goes back to the pool only after a page it decoded whole: one that met damaged input is freed, so no
    // state of a failed frame can reach the next page.
    private static int DecompressNative(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        SystemZstd.Context context = NativeContexts.Rent();
        int? written;
        string? reason;
        try
        {
            written = context.TryDecompress(source, destination, out reason);
        }
        catch
        {
            context.Dispose();
            throw;
        }

        if (written is null)
        {
            context.Dispose();
            throw Corrupt(destination.Length, reason, inner: null);
        }

        NativeContexts.Return(context);
        return written.Value;
    }

    private static int DecompressManaged(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ZstdSharp.Decompressor context = ManagedContexts.Rent();
        int written;
        try
        {
            written = context.Unwrap(source, destination);
        }
        catch (ZstdSharp.ZstdException error)
        {
            context.Dispose();
            throw Corrupt(destination.Length, error.Message, error);
        }
        catch
        {
            context.Dispose();
            throw;
        }

        ManagedContexts.Return(context);
        return written;
    }

    /// <summary>Output longer than the destination, or bytes that are not ZSTD: the page is corrupt either way.</summary>
    private static InvalidDataException Corrupt(int declared, string? reason, Exception? inner) =>
        new($"a ZSTD page does not decompress to the {declared} bytes its header declares ({reason})", inner);

    public void Dispose() => _disposed = true;
}
