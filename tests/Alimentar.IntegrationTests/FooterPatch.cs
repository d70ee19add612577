using System.Buffers.Binary;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Rewrites bytes inside a Parquet file's footer in place (same length), to make files that real writers
/// made by mistake or that no writer's API will make: an annotation contradicting its physical type, say.
/// </summary>
internal static class FooterPatch
{
    /// <summary>Replaces the one occurrence of <paramref name="find"/> in the footer with <paramref name="replace"/>.</summary>
    public static void Replace(string path, byte[] find, byte[] replace)
    {
        Assert.Equal(find.Length, replace.Length);
        byte[] file = File.ReadAllBytes(path);
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        int start = file.Length - 8 - footerLength;
        Span<byte> footer = file.AsSpan(start, footerLength);
        int at = footer.IndexOf(find);
        Assert.True(at >= 0, "the bytes to patch are not in the footer");
        Assert.True(footer[(at + 1)..].IndexOf(find) < 0, "the bytes to patch are in the footer more than once");
        replace.CopyTo(footer[at..]);
        File.WriteAllBytes(path, file);
    }
}
