using System.Buffers.Binary;

namespace Alimentar.Arrow;

/// <summary>
/// The framing before each Arrow IPC message: a continuation marker (0xFFFFFFFF, absent before format 0.15), then the
/// length of the metadata; a length of 0 is the end marker. Read in one place so that planning a pass
/// (<see cref="ArrowIpcIndex"/>) and checking one (<see cref="CheckedArrowStream"/>) frame a stream alike, as Arrow's own
/// reader does.
/// </summary>
internal static class ArrowFraming
{
    /// <summary>The largest message metadata accepted: real ones are kilobytes.</summary>
    public const int MaxMetadataBytes = 64 << 20;

    /// <summary>The most bytes a framing takes.</summary>
    public const int MaxLength = 8;

    /// <summary>
    /// Reads a message's framing into the first bytes of <paramref name="prefix"/> (at least <see cref="MaxLength"/> long):
    /// how many bytes it took, 4 or 8 when whole (fewer where the stream ended inside it, 0 at its end), and the length it
    /// states (0 unless whole).
    /// </summary>
    public static async ValueTask<(int Framing, int Length)> ReadAsync(Stream stream, byte[] prefix, CancellationToken cancellationToken)
    {
        int read = await stream.ReadAtLeastAsync(prefix.AsMemory(0, 4), 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < 4)
        {
            return (read, 0);
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length != -1)
        {
            return (4, length);
        }

        read += await stream.ReadAtLeastAsync(prefix.AsMemory(4, 4), 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read < MaxLength ? (read, 0) : (MaxLength, BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4)));
    }

    /// <summary>Whether a framing of <paramref name="framing"/> bytes was read whole.</summary>
    public static bool IsWhole(int framing) => framing is 4 or MaxLength;
}
