
namespace Alimentar.Parquet.Reading;

/// <summary>One pass over one Parquet file for a row type: binds its schema once and reads row groups a batch at a time into column stores.</summary>
internal sealed class ParquetFileReader<T> : IAsyncDisposable
    where T : IStreamingRow<T>
{
    private readonly ParquetFile _file;
    private readonly ParquetFileBinding _binding;

    private ParquetFileReader(ParquetFile file, ParquetFileBinding binding, ParquetReadOptions options, MemoryTracker? memory)
    {
        _file = file;
        _binding = binding;
        Options = options;
        Memory = memory;
    }

    /// <summary>The source's options as they were when this reader was opened: one pass or unit reads with one set.</summary>
    public ParquetReadOptions Options { get; }

    /// <summary>What this pass's page readers hold counts here (null when the pass is not tracked).</summary>
    public MemoryTracker? Memory { get; }

    public int RowGroupCount => _file.RowGroupCount;

    public string Name => _file.Name;

    public static async ValueTask<ParquetFileReader<T>> OpenAsync(
        Func<CancellationToken, ValueTask<IRangeReader>> open, string name, ParquetReadOptions options, CancellationToken cancellationToken, FileMetadata? known = null, IReadOnlyList<string>? nestedFilterPaths = null, MemoryTracker? memory = null, TableFileView? view = null)
    {
        ParquetFile file = await ParquetFile.OpenAsync(open, name, cancellationToken, known).ConfigureAwait(false);
        try
        {
            FileSchema schema = view is null ? file.Schema : view.SchemaOf(file.Schema);
            BoundColumn[] columns = ParquetSchemaBinder.Bind(schema, T.Schema, name, nestedFilterPaths, options.MissingColumnsAsNull, view?.Partitions);
            return new ParquetFileReader<T>(file, new ParquetFileBinding(name, T.Schema, columns), options, memory);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens row group <paramref name="index"/> for reading in batches.</summary>
    /// <param name="index">The row group.</param>
    /// <param name="readAhead">Whether the next row group will be read next, so a reader with latency may fetch it ahead.</param>
    /// <param name="prefetch">Whether every chunk's first stretch is fetched now (false when a filter says which pages to fetch).</param>
    public RowGroupReader OpenRowGroup(int index, bool readAhead = false, bool prefetch = true) => RowGroupReader.Open(_file, _binding, index, Options.VerifyPageChecksums, readAhead, prefetch, Options.DecodeThreads);

    /// <summary>Reads the next <paramref name="rows"/> rows of <paramref name="rowGroup"/> into a new store.</summary>
    public async ValueTask<ColumnStore<T>> ReadBatchAsync(RowGroupReader rowGroup, int rows, CancellationToken cancellationToken)
    {
        ColumnStore<T> store = T.CreateColumnStore(rows, Options.BufferPool);
        try
        {
            PagedColumnReader reader = rowGroup.NextBatch(rows, sideBySide: true);
            await store.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
            await reader.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception error)
        {
            store.Dispose();
            if (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, _binding.FileName, rowGroup.Index);
            }

            throw;
        }
    }


    /// <summary>The open file, for planning what a filter reads.</summary>
    public ParquetFile File => _file;

    public ParquetFileBinding Binding => _binding;

    /// <summary>
    /// Reads the next <paramref name="rows"/> rows of <paramref name="rowGroup"/> and keeps those that pass
    /// <paramref name="filter"/>: its columns are decoded first and evaluated, then the store takes only the
    /// passing rows. Null when none passes (every column has still moved past the rows).
    /// </summary>
    public async ValueTask<ColumnStore<T>?> ReadFilteredBatchAsync(RowGroupReader rowGroup, int rows, FilterNode filter, CancellationToken cancellationToken)
    {
        DecodedColumns? decoded = null;
        int[] selected = ColumnArrays<int>.Pool.Rent(rows);
        ColumnStore<T>? store = null;
        try
        {
            PagedColumnReader reader = rowGroup.NextBatch(rows);
            decoded = await DecodedColumns.DecodeAsync(reader, filter.Columns(), _binding.Columns, rows, cancellationToken).ConfigureAwait(false);
            int count = RowSelection.Select(filter, decoded.ByColumn, _file.FirstRowOf(rowGroup.Index) + reader.FirstRow, rows, selected);
            store = T.CreateColumnStore(count, Options.BufferPool);
            await store.ReadAsync(new SelectedRowsReader(reader, decoded.ByColumn, selected, count), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                store.Dispose();
                return null;
            }

            return store;
        }
        catch (Exception error)
        {
            store?.Dispose();
            if (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, _binding.FileName, rowGroup.Index);
            }

            throw;
        }
        finally
        {
            decoded?.Dispose();
            ColumnArrays<int>.Pool.Return(selected);
        }
    }

    /// <summary>
    /// How many rows of the ranges <paramref name="plan"/> keeps pass <paramref name="filter"/>: decodes only the
    /// filter's columns (the others' chunk readers are never touched), the gaps between ranges included.
    /// </summary>
    public async ValueTask<long> CountMatchesAsync(RowGroupReader rowGroup, RowGroupPlan plan, FilterNode filter, CancellationToken cancellationToken)
    {
        const int CountRows = 65_536;
        int[] columns = filter.Columns();
        int[] selected = ColumnArrays<int>.Pool.Rent(CountRows);
        long position = 0, count = 0;
        try
        {
            foreach (RowRange range in plan.Ranges)
            {
                while (position < range.End)
                {
                    bool inRange = position >= range.Start;
                    int rows = (int)Math.Min(CountRows, (inRange ? range.End : range.Start) - position);
                    using (DecodedColumns decoded = await DecodedColumns.DecodeAsync(rowGroup.NextBatch(rows), columns, _binding.Columns, rows, cancellationToken).ConfigureAwait(false))
                    {
                        if (inRange)
                        {
                            count += RowSelection.Select(filter, decoded.ByColumn, _file.FirstRowOf(rowGroup.Index) + position, rows, selected);
                        }
                    }

                    position += rows;
                }
            }

            return count;
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw ParquetErrors.Translate(error, _binding.FileName, rowGroup.Index);
        }
        finally
        {
            ColumnArrays<int>.Pool.Return(selected);
        }
    }

    /// <summary>
    /// The one row-group loop every read goes through: each range of <paramref name="reading"/> sought to (by the
    /// offset index where loaded), read a batch at a time (whole, or the rows the filter keeps; a batch that keeps
    /// none is not handed out), with what the page readers hold counted in the pass's memory as it changes.
    /// </summary>
    public async IAsyncEnumerable<ColumnStore<T>> ReadBatchesAsync(RowGroupReader rowGroup, RowGroupReading reading, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long reported = 0;
        long position = 0;
        try
        {
            foreach (RowRange range in reading.Ranges)
            {
                if (reading.ByPages)
                {
                    AlimentarMetrics.BytesReadCounter.Add(rowGroup.FocusOn(range, reading.OffsetIndexes));
                }

                if (range.Start != position)
                {
                    // Most passes read whole row groups, from their first row: nothing to skip, no call to make.
                    await SkipRowsAsync(rowGroup, range.Start - position, reading.OffsetIndexes, cancellationToken).ConfigureAwait(false);
                }

                position = range.Start;
                while (position < range.End)
                {
                    int rows = (int)Math.Min(rowGroup.BatchRows(reading.BatchSize, reading.BatchBytes), range.End - position);
                    ColumnStore<T>? store = reading.Filter is { } filter
                        ? await ReadFilteredBatchAsync(rowGroup, rows, filter, cancellationToken).ConfigureAwait(false)
                        : await ReadBatchAsync(rowGroup, rows, cancellationToken).ConfigureAwait(false);
                    position += rows;
                    if (reading.Memory is { } tracker)
                    {
                        long held = rowGroup.HeldBytes;
                        tracker.Add(held - reported);
                        reported = held;
                    }

                    if (store is not null)
                    {
                        yield return store;
                    }
                }
            }
        }
        finally
        {
            reading.Memory?.Remove(reported);
        }
    }

    /// <summary>Moves <paramref name="rowGroup"/> <paramref name="rows"/> rows on without handing them out or building a value (<see cref="RowGroupReader.SkipAsync"/>).</summary>
    public ValueTask SkipRowsAsync(RowGroupReader rowGroup, long rows, IReadOnlyList<OffsetIndex?> offsets, CancellationToken cancellationToken) =>
        rowGroup.SkipAsync(rows, offsets, cancellationToken);

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
