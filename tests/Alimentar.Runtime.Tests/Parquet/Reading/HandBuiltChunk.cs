namespace Alimentar.Runtime.Tests;

/// <summary>A column chunk of one uncompressed v1 INT32 data page, its Thrift compact header written by hand, opened at that page.</summary>
internal static class HandBuiltChunk
{
    /// <param name="page">The page's body: RLE levels (each with its 4-byte length) and PLAIN values.</param>
    /// <param name="slots">The page's slots.</param>
    /// <param name="maxDefinitionLevel">The column's maximum definition level.</param>
    /// <param name="maxRepetitionLevel">The column's maximum repetition level.</param>
    public static async Task<ColumnChunkReader> OpenAsync(byte[] page, int slots, int maxDefinitionLevel, int maxRepetitionLevel)
    {
        byte[] header =
        [
            0x15, 0x00,                                     // 1: type = DATA_PAGE
            0x15, .. ThriftBytes.Varint(page.Length),       // 2: uncompressed_page_size
            0x15, .. ThriftBytes.Varint(page.Length),       // 3: compressed_page_size
            0x2C,                                           // 5: data_page_header
            0x15, .. ThriftBytes.Varint(slots), 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00,
            0x00,
        ];
        byte[] chunk = [.. header, .. page];
        var layout = new ColumnChunkLayout(0, chunk.Length, CompressionCodec.Uncompressed, PhysicalType.Int32, 0, maxDefinitionLevel, maxRepetitionLevel, slots, UncompressedLength: 0);
        var reader = new ColumnChunkReader(new StreamRangeReader(new MemoryStream(chunk)), layout, verifyCrc: true);
        Assert.True(await reader.NextPageAsync(CancellationToken.None));
        return reader;
    }
}
