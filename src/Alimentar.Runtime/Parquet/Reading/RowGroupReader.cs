
namespace Alimentar.Parquet.Reading;

/// <summary>
/// Reads one row group a batch at a time: one page-level reader per bound column, each keeping its
/// place, so a batch of any size is read without the rest of the row group. Holds a window, a page and
/// a dictionary per column; dispose returns them.
/// </summary>
internal sealed class RowGroupReader : IDisposable
{
    private readonly ColumnChunkReader[] _chunks;
    private readonly ParquetFileBinding _binding;
    private readonly ScratchBuffers _scratch = new();
    private readonly BatchArrays _batchArrays = new();
    private readonly ColumnFanOut? _fanOut;
    private long _rowsRead;

    private readonly IRangeReader _pages;

    private RowGroupReader(ColumnChunkReader[] chunks, ParquetFileBinding binding, int index, int rows, long compressedBytes, IRangeReader pages, int decodeThreads)
    {
        _pages = pages;
        _chunks = chunks;
        _binding = binding;
        Index = index;
        Rows = rows;
        CompressedBytes = compressedBytes;

        // Asked for every batch, and fixed for the row group: computed once. What other threads could take: the
        // columns read side by side (not records, which generated code builds from as soon as they are read) but the
        // largest, which one thread decodes whatever happens. Plain loops, not LINQ over numbers: each LINQ
        // instantiation over a value type is compiled afresh in every process, on the way to its first batch.
        long[] sideBySide = SideBySideBytes(chunks, binding);
        double uncompressed = 0, objects = 0;
        long sideBySideTotal = 0, sideBySideLargest = 0;
        int movable = 0;
        for (int i = 0; i < chunks.Length; i++)
        {
            long length = chunks[i].Layout.UncompressedLength;
            uncompressed += length;
            objects += ObjectWeight(chunks[i], binding.Columns[i]) * length;
            sideBySideTotal += sideBySide[i];
            sideBySideLargest = Math.Max(sideBySideLargest, sideBySide[i]);
            movable += sideBySide[i] > 0 ? 1 : 0;
        }

        UncompressedBytesPerRow = rows == 0 ? 0 : uncompressed / rows;
        ObjectBytesPerRow = rows == 0 ? 0 : objects / rows;
        SideBySideBytesPerRow = rows == 0 ? 0 : (double)(sideBySideTotal - sideBySideLargest) / rows;
        if (decodeThreads > 1 && movable > 1)
        {
            _fanOut = new ColumnFanOut(Math.Min(decodeThreads, movable), sideBySide);
        }
    }

    /// <summary>
    /// The least a batch's values take, but for its largest column, for its columns to be decoded side by side: below
    /// it, handing columns to another thread costs about what it saves. A text corpus (one large column, two small
    /// ones) read 10% slower side by side; a row of eight columns of a few bytes each, 1.3–1.7× faster.
    /// </summary>
    private const int MinSideBySideBytes = 64 << 10;

    /// <summary>Per row, the bytes of the chunks read side by side, but the largest: what decoding side by side can move to other threads.</summary>
    private double SideBySideBytesPerRow { get; }

    /// <summary>Each chunk's uncompressed bytes if its column is read side by side, 0 for a record's leaves.</summary>
    private static long[] SideBySideBytes(ColumnChunkReader[] chunks, ParquetFileBinding binding)
    {
        var sideBySide = new long[chunks.Length];
        for (int i = 0; i < chunks.Length; i++)
        {
            sideBySide[i] = binding.Columns[i].Record is null ? chunks[i].Layout.UncompressedLength : 0;
        }

        foreach (BoundColumn column in binding.Columns)
        {
            foreach (int leaf in column.Record?.LeafColumns ?? [])
            {
                sideBySide[leaf] = 0;
            }
        }

        return sideBySide;
    }

    public int Index { get; }

    public int Rows { get; }

    /// <summary>The compressed bytes of the bound columns' chunks: what reading the row group fetches.</summary>
    public long CompressedBytes { get; }

    /// <summary>
    /// The bound columns' bytes once decompressed, per row, from the chunks' metadata: an estimate of what a
    /// decoded row holds (long lists make it large), 0 when the writer did not say.
    /// </summary>
    public double UncompressedBytesPerRow { get; }

    /// <summary>
    /// What the batch's objects take per row, about: the bytes of BYTE_ARRAY chunks, whose values mostly become one
    /// object each (strings, byte arrays), and <see cref="ObjectOverhead"/> times the bytes of the chunks of records,
    /// maps and lists of lists, whose values are built into objects (records, dictionaries, inner arrays) when the
    /// batch is decoded, each with a header and references for a few values' bytes.
    /// </summary>
    public double ObjectBytesPerRow { get; }

    /// <summary>How many bytes of objects a byte of a chunk's values makes, about, for the objects a small record or an inner list holds.</summary>
    private const double ObjectOverhead = 8;

    private static double ObjectWeight(ColumnChunkReader chunk, BoundColumn column)
    {
        // A record's, map's or list of lists' first leaf carries the member's descriptor; its other leaves carry
        // their own, and are known by lying inside a group. A one-level list of scalars stays flat in the batch.
        ColumnDescriptor member = column.Descriptor;
        bool flatList = member.IsList && member.ListDepth == 1 && member.Fields is null && !member.IsMap;
        bool buildsObjects = member.Fields is not null || member.IsMap || member.ListDepth > 1 || (!flatList && column.Field.Path.Parts.Count > 1);
        return buildsObjects ? ObjectOverhead : chunk.Layout.Type == PhysicalType.ByteArray ? 1 : 0;
    }

    /// <summary>
    /// Rows per batch for this row group: <paramref name="maxRows"/>, or fewer so that a batch's decoded values
    /// stay near <paramref name="maxBytes"/>, and its objects (strings, byte arrays, records, maps, inner lists) near a
    /// sixteenth of that (at least one row).
    /// </summary>
    /// <remarks>
    /// Strings and byte arrays are objects the garbage collector traces and copies while they live. Batches of long
    /// texts kept to about 1 MiB of them (by default) are consumed while in cache and die young; at 16 MiB they were
    /// promoted by the collector, and a text corpus read in half the time with the smaller batches. The records, maps
    /// and inner lists built when a batch is decoded are the same, and were promoted to the oldest generation at
    /// 16,384 rows a batch.
    /// </remarks>
    public int BatchRows(int maxRows, long maxBytes)
    {
        int rows = maxRows;
        if (UncompressedBytesPerRow is > 0 and double perRow)
        {
            rows = (int)Math.Clamp(maxBytes / perRow, 1, rows);
        }

        if (ObjectBytesPerRow is > 0 and double objectsPerRow)
        {
            rows = (int)Math.Clamp(maxBytes / ObjectShare / objectsPerRow, 1, rows);
        }

        return rows;
    }

    /// <summary>The share of the byte budget a batch's strings and byte arrays may take: 1 MiB of the default 16 MiB.</summary>
    private const int ObjectShare = 16;

    public long RowsLeft => Rows - _rowsRead;

    /// <summary>The bytes the readers hold now: windows, pages, levels, dictionaries, scratch and the last batch's assembly arrays.</summary>
    public long HeldBytes
    {
        get
        {
            long held = _scratch.SizeInBytes + _batchArrays.SizeInBytes + (_fanOut?.SizeInBytes ?? 0);
            foreach (ColumnChunkReader? chunk in _chunks)
            {
                held += chunk?.HeldBytes ?? 0;
            }

            return held;
        }
    }

    /// <summary>The file columns whose chunks read and decompress their next page on another thread (see <see cref="Open"/>).</summary>
    public IEnumerable<string> ColumnsDecompressingAhead =>
        _chunks.Select((chunk, i) => (chunk, i)).Where(c => c.chunk.DecompressesAhead).Select(c => _binding.Columns[c.i].FileColumnName);

    /// <summary>The data pages decompressed ahead so far, over every column.</summary>
    public int PagesDecompressedAhead => _chunks.Sum(chunk => chunk.PagesDecompressedAhead);

    /// <summary>Opens row group <paramref name="index"/> of <paramref name="file"/> for the bound columns; reads nothing yet.</summary>
    /// <param name="file">The open file.</param>
    /// <param name="binding">The bound columns.</param>
    /// <param name="index">The row group.</param>
    /// <param name="verifyCrc">Whether page CRCs are checked.</param>
    /// <param name="readAhead">Whether the next row group is read next, so its first stretch may be fetched ahead.</param>
    /// <param name="prefetch">Whether every chunk's first stretch is fetched now; false when a filter will say which pages to fetch.</param>
    /// <param name="decodeThreads">The most threads a batch's columns are decoded on (see <see cref="ColumnFanOut"/>); 1 for the caller's alone.</param>
    public static RowGroupReader Open(ParquetFile file, ParquetFileBinding binding, int index, bool verifyCrc, bool readAhead = false, bool prefetch = true, int decodeThreads = 1)
    {
        (int rows, long compressed, ColumnChunkLayout[] layouts) = file.CheckedRowCount(index, binding.Columns);

        // Over an object store, the first stretch of every bound chunk is fetched now, merged and in parallel, and the next row group's too when it is next.
        if (prefetch)
        {
            file.Pages.Prefetch(FirstReads(file.Pages, layouts, binding.Columns), readAhead: false);
        }

        if (readAhead && index + 1 < file.RowGroupCount)
        {
            file.Pages.Prefetch(FirstReads(file.Pages, file.CheckedRowCount(index + 1, binding.Columns).Layouts, binding.Columns), readAhead: true);
        }

        var chunks = new ColumnChunkReader[layouts.Length];
        try
        {
            long present = 0;
            for (int i = 0; i < layouts.Length; i++)
            {
                present += binding.Columns[i].IsAbsent ? 0 : layouts[i].Length;
            }

            for (int i = 0; i < chunks.Length; i++)
            {
                bool absent = binding.Columns[i].IsAbsent;

                // Columns are decoded side by side, one thread each: a chunk with more than its share of the bytes would
                // finish last, so it decompresses its next page on another thread while decoding this one (one long
                // text column, a file of one column). Not where a filter picks the pages.
                bool ahead = prefetch && !absent && decodeThreads > 1 && layouts[i].Length * decodeThreads > present;
                chunks[i] = new ColumnChunkReader(absent ? AbsentColumn.Pages(binding.Columns[i], rows) : file.Pages, layouts[i], verifyCrc, ahead);
            }
        }
        catch (Exception error)
        {
            foreach (ColumnChunkReader? chunk in chunks)
            {
                chunk?.Dispose();
            }

            if (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, binding.FileName, index);
            }

            throw;
        }

        return new RowGroupReader(chunks, binding, index, rows, compressed, file.Pages, decodeThreads);
    }

    private static List<(long Offset, long Length)> FirstReads(IRangeReader pages, ColumnChunkLayout[] layouts, BoundColumn[] columns)
    {
        var reads = new List<(long Offset, long Length)>(layouts.Length);
        for (int i = 0; i < layouts.Length; i++)
        {
            if (layouts[i].Length > 0 && !columns[i].IsAbsent)
            {
                reads.Add((layouts[i].Start, Math.Min(layouts[i].Length, (long)pages.PreferredReadBytes)));
            }
        }

        return reads;
    }

    /// <summary>A reader for the next <paramref name="rows"/> rows of every column; fill a store with it, then ask for the next.</summary>
    /// <param name="rows">The batch's rows.</param>
    /// <param name="sideBySide">
    /// Whether the store's column reads may be queued and decoded side by side (when the row group has more than one
    /// decode thread and the batch is large enough), in which case the caller must <see cref="PagedColumnReader.CompleteAsync"/>
    /// the reader once the store has asked for every column.
    /// </param>
    public PagedColumnReader NextBatch(int rows, bool sideBySide = false)
    {
        if (rows > RowsLeft)
        {
            throw new InvalidOperationException($"Row group {Index} has {RowsLeft} rows left, not {rows}.");
        }

        // Batches of a row group are read one after another, and the last one's objects are built by now.
        _batchArrays.ReturnAll();
        ColumnFanOut? fanOut = sideBySide && rows * SideBySideBytesPerRow >= MinSideBySideBytes ? _fanOut : null;
        var reader = new PagedColumnReader(_chunks, _binding, _scratch, _batchArrays, Index, _rowsRead, rows, fanOut);
        _rowsRead += rows;
        return reader;
    }

    /// <summary>
    /// Before a stretch of rows a filter keeps: each column with an offset index reads ahead only to the end of
    /// the last page the stretch needs, and those pages (with the dictionary) are fetched now, merged; other
    /// columns fetch their next stretch as usual.
    /// </summary>
    /// <returns>The bytes of the pages (and dictionaries) the stretch needs in the columns that have an offset index.</returns>
    public long FocusOn(RowRange range, IReadOnlyList<OffsetIndex?> offsets)
    {
        var wanted = new List<(long Offset, long Length)>();
        for (int column = 0; column < _chunks.Length; column++)
        {
            ColumnChunkLayout layout = _chunks[column].Layout;
            if (column >= offsets.Count || offsets[column] is not { PageCount: > 0 } index || layout.MaxRepetitionLevel > 0)
            {
                continue;
            }

            int first = Math.Max(0, Array.BinarySearch(index.FirstRows, range.Start) is int at && at >= 0 ? at : ~at - 1);
            int last = Array.BinarySearch(index.FirstRows, range.End - 1) is int end && end >= 0 ? end : ~end - 1;
            long stop = last + 1 < index.PageCount ? index.Offsets[last + 1] : layout.Start + layout.Length;
            _chunks[column].LimitReadAhead(stop);
            if (index.Offsets[0] > layout.Start)
            {
                wanted.Add((layout.Start, index.Offsets[0] - layout.Start));
            }

            wanted.Add((index.Offsets[first], stop - index.Offsets[first]));
        }

        _pages.Prefetch(wanted, readAhead: false);
        return wanted.Sum(w => w.Length);
    }

    /// <summary>
    /// Moves every column <paramref name="rows"/> rows on without building a value: a flat, non-binary column with
    /// an offset index jumps to the page holding the target row (as filters do), and every column then passes over the rows before it
    /// by counting levels and skipping values (<see cref="ColumnChunkReader.SkipRowsAsync"/>).
    /// </summary>
    public async ValueTask SkipAsync(long rows, IReadOnlyList<OffsetIndex?> offsets, CancellationToken cancellationToken)
    {
        long target = _rowsRead + rows;
        if (rows < 0 || target > Rows)
        {
            throw new InvalidOperationException($"Row group {Index} has {RowsLeft} rows left, not {rows}.");
        }

        for (int column = 0; column < _chunks.Length; column++)
        {
            ColumnChunkReader chunk = _chunks[column];
            BoundColumn bound = _binding.Columns[column];
            try
            {
                long position = _rowsRead;
                if (offsets.Count == _chunks.Length && offsets[column] is { PageCount: > 0 } index && bound.Field.MaxRepetitionLevel == 0
                    && bound.LeafDescriptor.Type != ColumnType.Binary)
                {
                    int at = Array.BinarySearch(index.FirstRows, target);
                    int page = at >= 0 ? at : ~at - 1;
                    if (page >= 0 && index.FirstRows[page] > position)
                    {
                        await chunk.SeekToPageAsync(index.Offsets[page], index.FirstRows[page], index.Offsets[0], cancellationToken).ConfigureAwait(false);
                        position = index.FirstRows[page];
                    }
                }

                if (!await chunk.SkipRowsAsync(target - position, cancellationToken).ConfigureAwait(false))
                {
                    throw ParquetErrors.Corrupt(_binding.FileName, Index, bound.FileColumnName, $"its pages end before row {target}, within the row group's {Rows}");
                }
            }
            catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, _binding.FileName, Index, bound.FileColumnName, $"page {chunk.PageIndex}, {chunk.Layout.Codec.ToString().ToUpperInvariant()}");
            }
        }

        _rowsRead = target;
    }

    public void Dispose()
    {
        foreach (ColumnChunkReader chunk in _chunks)
        {
            chunk.Dispose();
        }

        _scratch.Dispose();
        _batchArrays.Dispose();
        _fanOut?.Dispose();
    }
}
