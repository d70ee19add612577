using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// One column chunk, encoded and compressed, waiting for its place in the file: its pages (the dictionary page
/// first), its metadata and page indexes with offsets counted from the chunk's first byte, and its Bloom filter.
/// </summary>
internal sealed class EncodedChunk(ByteBuffer pages, ColumnChunkMetadata metadata, OffsetIndex? offsetIndex, ColumnIndex? columnIndex, BloomFilter? bloomFilter) : IDisposable
{
    public ByteBuffer Pages { get; } = pages;

    public ColumnChunkMetadata Metadata { get; } = metadata;

    public OffsetIndex? OffsetIndex { get; } = offsetIndex;

    public ColumnIndex? ColumnIndex { get; } = columnIndex;

    public BloomFilter? BloomFilter { get; } = bloomFilter;

    public void Dispose() => Pages.Dispose();
}
