using System.Buffers.Binary;
using Alimentar.Parquet.Format;

namespace Alimentar.IntegrationTests;

/// <summary>
/// A footer is parsed at every pass over a local file, and a wide file with many row groups has thousands of column
/// chunks: what parsing one chunk allocates is paid per chunk per pass.
/// </summary>
public sealed class FooterAllocationTests
{
    [Fact]
    public async Task Parsing_a_footer_allocates_per_column_chunk_about_the_metadata_it_keeps()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<WideMeasurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 2_000).Select(WideMeasurement.Make), rowGroupSize: 50);
        byte[] footer = FooterOf(await File.ReadAllBytesAsync(file.Path));
        int chunks = FooterParser.Parse(footer).RowGroups.Sum(g => g.Columns.Count);

        long before = GC.GetAllocatedBytesForCurrentThread();
        FileMetadata metadata = FooterParser.Parse(footer);
        long perChunk = (GC.GetAllocatedBytesForCurrentThread() - before) / chunks;

        // A chunk's record, its statistics' bounds, its encodings and its path. A copy of the record for every field
        // read (`with`) made it 2,762 bytes; 482 now.
        Assert.Equal(4_000, chunks);
        Assert.True(perChunk < 700, $"Parsing a footer of {chunks:N0} column chunks allocated {perChunk:N0} bytes per chunk.");
        Assert.Equal(8.5, BitConverter.ToDouble(metadata.RowGroups[0].Columns[8].Statistics!.MinValue));
        Assert.Equal(["C8"], metadata.RowGroups[39].Columns[8].PathInSchema);
    }

    private static byte[] FooterOf(byte[] file)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8, 4));
        return file.AsSpan(file.Length - 8 - length, length).ToArray();
    }
}
