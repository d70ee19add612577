
namespace Alimentar.Parquet.Reading;

/// <summary>
/// Reads the optional structures a file keeps beside its pages — offset and column indexes, Bloom filters —
/// for the bound columns. Each is small and read only when asked for; one that is missing, does not parse or
/// does not fit its column chunk is not used, with a note saying why: the rows are then read without it, and
/// the data pages report their own corruption if they have any.
/// </summary>
internal sealed class PageIndexReader(ParquetFile file, ParquetFileBinding binding)
{
    /// <summary>The offset index of every bound column of row group <paramref name="rowGroup"/>, null where one cannot be used.</summary>
    public async ValueTask<OffsetIndex?[]> LoadOffsetIndexesAsync(int rowGroup, List<string> notes, CancellationToken cancellationToken)
    {
        var offsets = new OffsetIndex?[binding.Columns.Length];
        for (int column = 0; column < offsets.Length; column++)
        {
            offsets[column] = await LoadOffsetIndexAsync(rowGroup, column, notes, cancellationToken).ConfigureAwait(false);
        }

        return offsets;
    }

    public async ValueTask<OffsetIndex?> LoadOffsetIndexAsync(int rowGroup, int column, List<string> notes, CancellationToken cancellationToken)
    {
        ColumnChunkMetadata chunk = Chunk(rowGroup, column);
        byte[]? bytes = await ReadIndexAsync(chunk.OffsetIndexOffset, chunk.OffsetIndexLength, cancellationToken).ConfigureAwait(false);
        OffsetIndex? offsets = bytes is null ? null : Parse(() => OffsetIndex.Parse(bytes), "offset index", column, notes);
        if (offsets is null)
        {
            return null;
        }

        // An index that does not fit its chunk cannot be sought by.
        long start = chunk.DictionaryPageOffset is > 0 and long dictionary && dictionary < chunk.DataPageOffset ? dictionary : chunk.DataPageOffset;
        bool fits = offsets.PageCount > 0 && offsets.FirstRows[0] == 0
            && offsets.Offsets.All(o => o >= start && o < start + chunk.TotalCompressedSize)
            && offsets.FirstRows[^1] < Math.Max(1, file.Metadata.RowGroups[rowGroup].RowCount);
        if (!fits)
        {
            notes.Add($"its offset index for '{binding.Columns[column].FileColumnName}' does not fit its column chunk, so it is not used");
            return null;
        }

        return offsets;
    }

    public async ValueTask<ColumnIndex?> LoadColumnIndexAsync(int rowGroup, int column, List<string> notes, CancellationToken cancellationToken)
    {
        ColumnChunkMetadata chunk = Chunk(rowGroup, column);
        byte[]? bytes = await ReadIndexAsync(chunk.ColumnIndexOffset, chunk.ColumnIndexLength, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Parse(() => ColumnIndex.Parse(bytes), "column index", column, notes);
    }

    /// <summary>Parses an optional structure; one that cannot be read is not used, and <paramref name="notes"/> says so.</summary>
    public TIndex? Parse<TIndex>(Func<TIndex> parse, string what, int column, List<string> notes)
        where TIndex : class
    {
        try
        {
            return parse();
        }
        catch (Exception error) when (error is InvalidDataException or ThriftEndOfInputException || ParquetErrors.ShouldTranslate(error))
        {
            notes.Add($"its {what} for '{binding.Columns[column].FileColumnName}' cannot be read ({error.Message.TrimEnd('.')}), so it is not used");
            return null;
        }
    }

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/>, or fewer where the file ends first.</summary>
    public async ValueTask<byte[]> ReadAsync(long offset, int length, CancellationToken cancellationToken)
    {
        byte[] bytes = new byte[(int)Math.Min(length, file.Pages.Length - offset)];
        await file.Pages.ReadAsync(offset, bytes, cancellationToken).ConfigureAwait(false);
        AlimentarMetrics.BytesReadCounter.Add(bytes.Length);
        return bytes;
    }

    private async ValueTask<byte[]?> ReadIndexAsync(long? offset, int? length, CancellationToken cancellationToken)
    {
        if (offset is not long at || length is not int size || at <= 0 || size <= 0 || at + size > file.Pages.Length)
        {
            return null;
        }

        return await ReadAsync(at, size, cancellationToken).ConfigureAwait(false);
    }

    private ColumnChunkMetadata Chunk(int rowGroup, int column) => binding.Columns[column] is { IsAbsent: true } absent
        ? AbsentColumn.Metadata(absent, file.Metadata.RowGroups[rowGroup].RowCount)
        : file.Metadata.RowGroups[rowGroup].Columns[binding.Columns[column].Field.Index];
}
