using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// One column chunk, encoded and compressed, waiting for its place in the file: its dictionary page (empty when it
/// has none) and data pages (the first ones in the spill file when the row group outgrew memory, the rest here), its metadata and page indexes with offsets counted from the chunk's first byte, and its
/// Bloom filter. The page buffers are the leaf writer's own, lent until the chunk is disposed, when the leaf starts
/// its next chunk: a row group's pages are written out without a copy.
/// </summary>
internal sealed class EncodedChunk(ByteBuffer dictionaryPage, IReadOnlyList<SpilledPages> spilled, PageChain pages, ColumnChunkMetadata metadata, OffsetIndex? offsetIndex, ColumnIndex? columnIndex, BloomFilter? bloomFilter, Action release) : IDisposable
{
    public ByteBuffer DictionaryPage { get; } = dictionaryPage;

    /// <summary>The chunk's first pages, in the spill file, in order; they come before <see cref="Pages"/>.</summary>
    public IReadOnlyList<SpilledPages> Spilled { get; } = spilled;

    public PageChain Pages { get; } = pages;

    public ColumnChunkMetadata Metadata { get; } = metadata;

    public OffsetIndex? OffsetIndex { get; } = offsetIndex;

    public ColumnIndex? ColumnIndex { get; } = columnIndex;

    public BloomFilter? BloomFilter { get; } = bloomFilter;

    public void Dispose() => release();
}
