using System.Buffers.Binary;
using Alimentar.Parquet.Format;
using Alimentar.Parquet.Reading;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Rewrites bytes inside a Parquet file's footer, to make files that real writers made by mistake or that no
/// writer's API will make: an annotation contradicting its physical type, say. Pages lie before the footer,
/// so a replacement of another length only moves the footer's end and its length.
/// </summary>
internal static class FooterPatch
{
    /// <summary>Replaces the one occurrence of <paramref name="find"/> in the footer with <paramref name="replace"/>.</summary>
    /// <remarks>Thrift's compact protocol writes i32 and i64 as zigzag varints: <see cref="ThriftBytes.Varint"/> gives their bytes.</remarks>
    public static void Replace(string path, byte[] find, byte[] replace) => Replace(path, find, replace, once: true);

    private static void Replace(string path, byte[] find, byte[] replace, bool once)
    {
        byte[] file = File.ReadAllBytes(path);
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        int start = file.Length - 8 - footerLength;
        Span<byte> footer = file.AsSpan(start, footerLength);
        int at = footer.IndexOf(find);
        Assert.True(at >= 0, "the bytes to patch are not in the footer");
        Assert.True(!once || footer[(at + 1)..].IndexOf(find) < 0, "the bytes to patch are in the footer more than once");
        byte[] patched = [.. file.AsSpan(0, start + at), .. replace, .. footer[(at + find.Length)..], 0, 0, 0, 0, .. "PAR1"u8];
        BinaryPrimitives.WriteInt32LittleEndian(patched.AsSpan(patched.Length - 8), footerLength - find.Length + replace.Length);
        File.WriteAllBytes(path, patched);
    }

    /// <summary>Replaces every occurrence of <paramref name="find"/> in the footer (a column's name in its schema element and its chunks' paths).</summary>
    public static void ReplaceAll(string path, byte[] find, byte[] replace)
    {
        for (int patched = 0; ; patched++)
        {
            byte[] file = File.ReadAllBytes(path);
            int footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
            if (file.AsSpan(file.Length - 8 - footerLength, footerLength).IndexOf(find) < 0)
            {
                Assert.True(patched > 0, "the bytes to patch are not in the footer");
                return;
            }

            Replace(path, find, replace, once: false);
        }
    }

    /// <summary>Replaces the footer of the file at <paramref name="path"/> with <paramref name="tamper"/>'s version of it; the pages stay where they are.</summary>
    public static async Task RewriteAsync(string path, Func<FileMetadata, FileMetadata> tamper)
    {
        FileMetadata metadata;
        long pagesEnd;
        await using (ParquetFile parquet = await ParquetFile.OpenAsync(path, CancellationToken.None))
        {
            metadata = tamper(parquet.Metadata);
            byte[] tail = File.ReadAllBytes(path)[^8..];
            pagesEnd = parquet.Pages.Length - 8 - BitConverter.ToInt32(tail);
        }

        using var footer = new ByteBuffer();
        FooterWriter.Write(footer, metadata);
        byte[] pages = File.ReadAllBytes(path)[..(int)pagesEnd];
        File.WriteAllBytes(path, [.. pages, .. footer.Memory.Span, .. BitConverter.GetBytes(footer.Length), .. "PAR1"u8]);
    }
}
