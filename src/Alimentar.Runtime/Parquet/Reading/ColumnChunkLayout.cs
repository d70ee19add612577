namespace Alimentar.Parquet.Reading;

/// <summary>Where one column chunk lies in its file and how its pages are encoded: all the page reader needs from the footer.</summary>
/// <param name="Start">The file offset of the chunk's first page (its dictionary page when it has one).</param>
/// <param name="Length">The chunk's bytes, page headers included.</param>
/// <param name="Codec">How its pages are compressed.</param>
/// <param name="Type">The column's physical type.</param>
/// <param name="TypeLength">For FIXED_LEN_BYTE_ARRAY, the bytes per value.</param>
/// <param name="MaxDefinitionLevel">The column's maximum definition level.</param>
/// <param name="MaxRepetitionLevel">The column's maximum repetition level.</param>
/// <param name="ValueCount">Level slots in the chunk, from its metadata.</param>
/// <param name="UncompressedLength">The chunk's bytes once decompressed, from its metadata: no page can decompress to more; 0 when the writer did not say, or said no more than the compressed size of a compressed chunk (parquetjs).</param>
internal sealed record ColumnChunkLayout(
    long Start,
    long Length,
    CompressionCodec Codec,
    PhysicalType Type,
    int TypeLength,
    int MaxDefinitionLevel,
    int MaxRepetitionLevel,
    long ValueCount,
    long UncompressedLength);
