using System.Runtime.InteropServices;

namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>
/// The machine's own libzstd, when it has one (every Debian, Ubuntu, Fedora and RHEL install does, since the package
/// manager links it). Native ZSTD decodes a page about a tenth faster than the managed port once both are warm, and
/// needs no compiling in a fresh process, where the managed port runs unoptimised code for its first few hundred
/// milliseconds; it also leaves the decoding threads in native code, where the collector need not stop them.
/// Bound through <see cref="NativeLibrary"/> and function pointers, so there is no <c>DllImport</c> to fail at
/// run time and nothing for the trimmer or NativeAOT to warn about. Turned off with the AppContext switch
/// <c>Alimentar.Parquet.UseSystemZstd</c> set to false, which reads every ZSTD page with ZstdSharp.
/// </summary>
internal static unsafe class SystemZstd
{
    /// <summary>The oldest release whose one-shot decoder we trust with damaged input (1.4.0, 2019).</summary>
    private const uint OldestVersion = 10_400;

    private static readonly Library? Loaded = Load(AppContext.TryGetSwitch("Alimentar.Parquet.UseSystemZstd", out bool use) ? use : true);

    /// <summary>Whether ZSTD pages are read with the system's libzstd in this process.</summary>
    public static bool IsAvailable => Loaded is not null;

    /// <summary>The loaded library's version, for example <c>1.5.4</c>; null when none is used.</summary>
    public static string? Version => Loaded is { } library ? $"{library.Version / 10_000}.{library.Version / 100 % 100}.{library.Version % 100}" : null;

    /// <summary>A fresh decompression context; only when <see cref="IsAvailable"/>.</summary>
    public static Context CreateContext()
    {
        Library library = Loaded ?? throw new InvalidOperationException("the system's libzstd is not loaded");
        nint handle = library.CreateContext();
        return handle == 0 ? throw new OutOfMemoryException("libzstd could not allocate a decompression context") : new Context(library, handle);
    }

    /// <summary>The library, found under its usual names; null when <paramref name="allowed"/> is false or none binds.</summary>
    internal static Library? Load(bool allowed)
    {
        if (!allowed)
        {
            return null;
        }

        foreach (string name in CandidateNames())
        {
            if (NativeLibrary.TryLoad(name, out nint handle))
            {
                if (Library.TryBind(handle) is { } library)
                {
                    return library;
                }

                NativeLibrary.Free(handle);
            }
        }

        return null;
    }

    /// <summary>
    /// Where a system library lives. A bare name is looked up in the working directory too on Windows and macOS, where
    /// anyone could plant one, so macOS is given Homebrew's and MacPorts' full paths, and Windows, which ships no
    /// libzstd, always reads with ZstdSharp. Linux's loader searches only the system's directories for a bare name.
    /// </summary>
    private static string[] CandidateNames() =>
        OperatingSystem.IsWindows() ? []
        : OperatingSystem.IsMacOS() ? ["/opt/homebrew/lib/libzstd.1.dylib", "/usr/local/lib/libzstd.1.dylib", "/opt/local/lib/libzstd.1.dylib"]
        : ["libzstd.so.1", "libzstd.so"];

    /// <summary>One decompression context (a <c>ZSTD_DCtx</c>), freed on dispose or, failing that, by its finalizer.</summary>
    internal sealed class Context : SafeHandle
    {
        private readonly Library _library;

        public Context(Library library, nint handle)
            : base(0, ownsHandle: true)
        {
            _library = library;
            SetHandle(handle);
        }

        public override bool IsInvalid => handle == 0;

        /// <summary>
        /// Decompresses every frame of <paramref name="source"/> into <paramref name="destination"/>: the bytes
        /// written, or null and libzstd's reason (output longer than <paramref name="destination"/> included).
        /// </summary>
        public int? TryDecompress(ReadOnlySpan<byte> source, Span<byte> destination, out string? reason)
        {
            bool added = false;
            try
            {
                DangerousAddRef(ref added);
                fixed (byte* from = source)
                fixed (byte* to = destination)
                {
                    nuint result = _library.Decompress(handle, to, (nuint)destination.Length, from, (nuint)source.Length);
                    if (_library.IsError(result) != 0)
                    {
                        reason = Marshal.PtrToStringUTF8(_library.ErrorName(result));
                        return null;
                    }

                    reason = null;
                    return (int)result;
                }
            }
            finally
            {
                if (added)
                {
                    DangerousRelease();
                }
            }
        }

        protected override bool ReleaseHandle()
        {
            _library.FreeContext(handle);
            return true;
        }
    }

    /// <summary>The entry points the reader calls, looked up once.</summary>
    internal sealed class Library
    {
        private Library(nint create, nint free, nint decompress, nint isError, nint errorName, uint version)
        {
            CreateContext = (delegate* unmanaged[Cdecl]<nint>)create;
            FreeContext = (delegate* unmanaged[Cdecl]<nint, nuint>)free;
            Decompress = (delegate* unmanaged[Cdecl]<nint, byte*, nuint, byte*, nuint, nuint>)decompress;
            IsError = (delegate* unmanaged[Cdecl]<nuint, uint>)isError;
            ErrorName = (delegate* unmanaged[Cdecl]<nuint, nint>)errorName;
            Version = version;
        }

        public delegate* unmanaged[Cdecl]<nint> CreateContext { get; }

        public delegate* unmanaged[Cdecl]<nint, nuint> FreeContext { get; }

        public delegate* unmanaged[Cdecl]<nint, byte*, nuint, byte*, nuint, nuint> Decompress { get; }

        public delegate* unmanaged[Cdecl]<nuint, uint> IsError { get; }

        public delegate* unmanaged[Cdecl]<nuint, nint> ErrorName { get; }

        public uint Version { get; }

        /// <summary>The library's entry points, or null when one is missing or the release is older than we accept.</summary>
        public static Library? TryBind(nint handle)
        {
            if (!NativeLibrary.TryGetExport(handle, "ZSTD_versionNumber", out nint versionNumber)
                || !NativeLibrary.TryGetExport(handle, "ZSTD_createDCtx", out nint create)
                || !NativeLibrary.TryGetExport(handle, "ZSTD_freeDCtx", out nint free)
                || !NativeLibrary.TryGetExport(handle, "ZSTD_decompressDCtx", out nint decompress)
                || !NativeLibrary.TryGetExport(handle, "ZSTD_isError", out nint isError)
                || !NativeLibrary.TryGetExport(handle, "ZSTD_getErrorName", out nint errorName))
            {
                return null;
            }

            uint version = ((delegate* unmanaged[Cdecl]<uint>)versionNumber)();
            return version < OldestVersion ? null : new Library(create, free, decompress, isError, errorName, version);
        }
    }
}
