using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Reading.Codecs;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// ZSTD pages decode through the machine's libzstd where it has one and through ZstdSharp otherwise: the two give the
/// same bytes, and damaged input is <see cref="InvalidDataException"/> from either, never a crash.
/// </summary>
public sealed class ZstdCodecTests
{
    [Fact]
    public unsafe void The_system_library_is_used_exactly_when_the_machine_has_a_recent_enough_one()
    {
        string name = OperatingSystem.IsMacOS() ? "/opt/homebrew/lib/libzstd.1.dylib" : "libzstd.so.1";
        bool recent = false;
        if (!OperatingSystem.IsWindows() && NativeLibrary.TryLoad(name, out nint handle) && NativeLibrary.TryGetExport(handle, "ZSTD_versionNumber", out nint version))
        {
            recent = ((delegate* unmanaged[Cdecl]<uint>)version)() >= 10_400;
        }

        if (recent)
        {
            Assert.True(SystemZstd.IsAvailable);
            Assert.True(new ZstdCodec().IsSystem);
            Assert.Matches(@"^1\.\d+\.\d+$", SystemZstd.Version);
        }
        else if (!OperatingSystem.IsMacOS())
        {
            // Linux without a recent libzstd, and Windows always (a bare DLL name would be looked for in the working directory).
            Assert.False(SystemZstd.IsAvailable);
        }

        Assert.False(new ZstdCodec(system: false).IsSystem);
    }

    [Fact]
    public void The_switch_turned_off_keeps_the_system_library_unloaded()
    {
        Assert.Null(SystemZstd.Load(allowed: false));
    }

    public static TheoryData<string> Pages => ["text", "random", "zeros", "one byte", "no bytes", "an empty frame", "two frames", "skippable frame", "a megabyte at level 19"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Both_decoders_give_the_page_back_byte_for_byte(string shape)
    {
        (byte[] page, byte[] compressed) = Page(shape);
        foreach (bool system in new[] { true, false })
        {
            using var codec = new ZstdCodec(system);
            byte[] output = new byte[page.Length];
            Assert.Equal(page.Length, codec.Decompress(compressed, output));
            Assert.Equal(page, output);

            // The same context decodes page after page.
            Array.Clear(output);
            Assert.Equal(page.Length, codec.Decompress(compressed, output));
            Assert.Equal(page, output);
        }
    }

    [Fact]
    public void Damaged_pages_are_invalid_data_from_either_decoder()
    {
        (byte[] page, byte[] compressed) = Page("text");
        var random = new Random(20261204);
        int refused = 0;
        for (int round = 0; round < 2_000; round++)
        {
            byte[] mutant = (byte[])compressed.Clone();
            switch (random.Next(3))
            {
                case 0:
                    mutant[random.Next(mutant.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    mutant.AsSpan(random.Next(mutant.Length)).Slice(0, 1).Fill((byte)random.Next(256));
                    break;
                default:
                    mutant = mutant[..random.Next(mutant.Length)];
                    break;
            }

            foreach (bool system in new[] { true, false })
            {
                using var codec = new ZstdCodec(system);
                try
                {
                    codec.Decompress(mutant, new byte[page.Length]);
                }
                catch (InvalidDataException error)
                {
                    Assert.Contains("ZSTD page", error.Message, StringComparison.Ordinal);
                    refused++;
                }
            }
        }

        Assert.True(refused > 1_000, $"only {refused} of 4,000 decodings of damaged pages were refused: the damage is too light to test");
    }

    [Fact]
    public void A_page_longer_than_its_buffer_is_invalid_data_from_either_decoder()
    {
        (byte[] page, byte[] compressed) = Page("text");
        foreach (bool system in new[] { true, false })
        {
            using var codec = new ZstdCodec(system);
            InvalidDataException error = Assert.Throws<InvalidDataException>(() => codec.Decompress(compressed, new byte[page.Length - 1]));
            Assert.Contains($"{page.Length - 1} bytes its header declares", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_disposed_codec_refuses_to_decode_instead_of_touching_freed_memory(bool system)
    {
        (byte[] page, byte[] compressed) = Page("text");
        var codec = new ZstdCodec(system);
        codec.Decompress(compressed, new byte[page.Length]);
        codec.Dispose();

        Assert.Throws<ObjectDisposedException>(() => codec.Decompress(compressed, new byte[page.Length]));
    }

    private static (byte[] Page, byte[] Compressed) Page(string shape)
    {
        var random = new Random(shape.Length);
        byte[] text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 3_000).Select(i => $"document {i % 97} says {random.Next(1_000)}; ")));
        switch (shape)
        {
            case "text":
                return (text, Compress(text, 3));
            case "random":
                byte[] noise = new byte[100_000];
                random.NextBytes(noise);
                return (noise, Compress(noise, 3));
            case "zeros":
                return (new byte[300_000], Compress(new byte[300_000], 1));
            case "no bytes":
                return ([], []);
            case "an empty frame":
                return ([], Compress([], 1));
            case "one byte":
                return ([42], Compress([42], 1));
            case "two frames":
                return ([.. text, .. text], [.. Compress(text, 1), .. Compress(text, 5)]);
            case "skippable frame":
                byte[] skippable = new byte[8 + 5];
                BinaryPrimitives.WriteUInt32LittleEndian(skippable, 0x184D2A50);
                BinaryPrimitives.WriteUInt32LittleEndian(skippable.AsSpan(4), 5);
                return (text, [.. skippable, .. Compress(text, 3)]);
            default:
                byte[] large = [.. Enumerable.Repeat(text, 1_048_576 / text.Length + 1).SelectMany(t => t).Take(1_048_576)];
                return (large, Compress(large, 19));
        }
    }

    private static byte[] Compress(byte[] page, int level)
    {
        using var compressor = new ZstdSharp.Compressor(level);
        return compressor.Wrap(page).ToArray();
    }
}
