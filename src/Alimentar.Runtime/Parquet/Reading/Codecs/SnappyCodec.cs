using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>
/// SNAPPY pages (raw Snappy blocks), decompressed straight into the page buffer by a decoder of our own.
/// </summary>
/// <remarks>
/// Why not Snappier, which still compresses what the writer writes: its package ships IL alone, so every process
/// compiled its decoder at run time (about forty methods, unoptimised at first), where this one is in the runtime's
/// precompiled image; and this one is faster on every page shape measured (SnappyDecodeBenchmarks: Snappier takes
/// 1.2–1.4× its time on numbers stored PLAIN, which compress to a tag every few bytes, 1.3–1.6× on runs, patterns
/// and text, and 2.3× on a page that did not compress, which this one copies at memory speed). What makes it quick
/// is slack: while 16 bytes of input and 80 of output are to spare, a short literal moves as 16 bytes and a copy in
/// steps of 16 or 8 bytes whatever its length (a pattern shorter than 8 bytes is repeated in a register first), and
/// only the checks that make the page valid are made; the last bytes of a page are decoded byte by byte. Every byte
/// written is inside the destination and every byte read inside the source or the destination, whatever the input:
/// a damaged page is <see cref="InvalidDataException"/>.
/// </remarks>
internal static unsafe class SnappyCodec
{
    // Room a copy's 16-byte steps may write into: the copy's own length (at most 64) plus one step.
    private const int CopySlack = 64 + 16;

    /// <summary>Decompresses one Snappy block into <paramref name="destination"/>; returns the bytes its preamble declares.</summary>
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int read = ReadLength(source, out uint declared);
        if (declared > (uint)destination.Length)
        {
            throw Corrupt($"it declares {declared} bytes where its header declares {destination.Length}");
        }

        if (declared == 0)
        {
            return read == source.Length ? 0 : throw Corrupt("it declares no bytes but holds more");
        }

        fixed (byte* sourceStart = source)
        fixed (byte* outputStart = destination)
        {
            Decode(sourceStart + read, sourceStart + source.Length, outputStart, outputStart + declared);
        }

        return (int)declared;
    }

    private static void Decode(byte* ip, byte* ipEnd, byte* outputStart, byte* opEnd)
    {
        byte* op = outputStart;
        while (ip < ipEnd)
        {
            uint tag = *ip++;
            uint kind = tag & 3;
            if (kind == 0)
            {
                ulong literal = (tag >> 2) + 1;
                if (literal <= 16 && ipEnd - ip >= 16 && opEnd - op >= 16)
                {
                    Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(ip));
                    Unsafe.WriteUnaligned(op + 8, Unsafe.ReadUnaligned<ulong>(ip + 8));
                    ip += literal;
                    op += literal;
                    continue;
                }

                if (literal > 60)
                {
                    // 61–64: the length minus one follows in that many minus 60 little-endian bytes.
                    int bytes = (int)literal - 60;
                    if (ipEnd - ip < bytes)
                    {
                        throw Corrupt("a literal's length runs past the end of the page");
                    }

                    ulong value = 0;
                    for (int b = bytes - 1; b >= 0; b--)
                    {
                        value = (value << 8) | ip[b];
                    }

                    ip += bytes;
                    literal = value + 1;
                }

                if ((ulong)(ipEnd - ip) < literal)
                {
                    throw Corrupt($"a literal of {literal} bytes runs past the end of the page");
                }

                if ((ulong)(opEnd - op) < literal)
                {
                    throw Corrupt($"a literal of {literal} bytes runs past the {opEnd - outputStart} bytes declared");
                }

                new ReadOnlySpan<byte>(ip, (int)literal).CopyTo(new Span<byte>(op, (int)literal));
                ip += literal;
                op += literal;
                continue;
            }

            uint length;
            uint offset;
            if (kind == 1)
            {
                if (ip >= ipEnd)
                {
                    throw Corrupt("a copy's offset runs past the end of the page");
                }

                length = ((tag >> 2) & 7) + 4;
                offset = ((tag >> 5) << 8) | *ip++;
            }
            else
            {
                int bytes = kind == 2 ? 2 : 4;
                if (ipEnd - ip < bytes)
                {
                    throw Corrupt("a copy's offset runs past the end of the page");
                }

                length = (tag >> 2) + 1;
                offset = kind == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(ip, 2)) : BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(ip, 4));
                ip += bytes;
            }

            // Offset 0, or one reaching back before the page's first byte, points at nothing written.
            if (offset - 1u >= (ulong)(op - outputStart))
            {
                throw Corrupt($"a copy from {offset} bytes back, {op - outputStart} bytes into the page");
            }

            if ((ulong)(opEnd - op) < length)
            {
                throw Corrupt($"a copy of {length} bytes runs past the {opEnd - outputStart} bytes declared");
            }

            Copy(op, offset, length, opEnd - op >= CopySlack);
            op += length;
        }

        if (op != opEnd)
        {
            throw Corrupt($"it ends after {op - outputStart} of the {opEnd - outputStart} bytes declared");
        }
    }

    /// <summary>
    /// Copies <paramref name="length"/> bytes from <paramref name="offset"/> bytes back to <paramref name="op"/>, the
    /// source overlapping the target when the offset is shorter than the length (a repeated pattern).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(byte* op, uint offset, uint length, bool slack)
    {
        byte* from = op - offset;
        if (!slack)
        {
            for (uint i = 0; i < length; i++)
            {
                op[i] = from[i];
            }

            return;
        }

        if (offset >= 16)
        {
            // Each step reads bytes at least a step behind what it writes: written already, by this copy or before it.
            for (uint i = 0; i < length; i += 16)
            {
                Vector128.Store(Vector128.Load(from + i), op + i);
            }

            return;
        }

        if (offset >= 8)
        {
            for (uint i = 0; i < length; i += 8)
            {
                Unsafe.WriteUnaligned(op + i, Unsafe.ReadUnaligned<ulong>(from + i));
            }

            return;
        }

        // A pattern shorter than 8 bytes (a run of one byte is the common case), repeated in a register and stored in
        // steps of the most whole patterns that fit 16 bytes: no step reads what the one before it wrote.
        if (Ssse3.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            Vector128<byte> source = Vector128.Load(from);
            Vector128<byte> indices = Vector128.Load(PatternIndices + 16 * offset);
            Vector128<byte> pattern = Ssse3.IsSupported ? Ssse3.Shuffle(source, indices) : AdvSimd.Arm64.VectorTableLookup(source, indices);
            uint step = 16 - 16 % offset;
            for (uint i = 0; i < length; i += step)
            {
                Vector128.Store(pattern, op + i);
            }

            return;
        }

        for (uint i = 0; i < length; i++)
        {
            op[i] = from[i];
        }
    }

    /// <summary>For each pattern length 1–7, the byte of the pattern each of 16 positions repeats: position modulo length.</summary>
    private static byte* PatternIndices => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(PatternIndexBytes));

    private static ReadOnlySpan<byte> PatternIndexBytes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,
        0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0,
        0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
        0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0,
        0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3,
        0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1,
    ];

    /// <summary>The preamble: the uncompressed length as a little-endian varint of at most five bytes.</summary>
    private static int ReadLength(ReadOnlySpan<byte> source, out uint length)
    {
        ulong value = 0;
        for (int i = 0; i < 5; i++)
        {
            if (i >= source.Length)
            {
                throw Corrupt("its length preamble runs past the end of the page");
            }

            byte b = source[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                length = value <= uint.MaxValue ? (uint)value : throw Corrupt("its length preamble exceeds 32 bits");
                return i + 1;
            }
        }

        throw Corrupt("its length preamble is longer than five bytes");
    }

    private static InvalidDataException Corrupt(string reason) => new($"a SNAPPY page is corrupt: {reason}");
}
