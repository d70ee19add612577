using System.Runtime.CompilerServices;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Fills one batch of a row group from the row group's column chunk readers: each call takes the next
/// <see cref="RowCount"/> rows of one column, across page boundaries, and converts them to the member's
/// type. The chunk readers keep their place, so the next batch continues where this one stopped.
/// </summary>
internal sealed class PagedColumnReader : IColumnReader
{
    private readonly ColumnChunkReader[] _chunks;
    private readonly ParquetFileBinding _binding;
    private readonly ScratchBuffers _scratch;
    private readonly int _rowGroup;
    private readonly long _firstRow;
    private readonly ColumnFanOut? _fanOut;

    /// <param name="chunks">One reader per bound column, positioned at the batch's first row.</param>
    /// <param name="binding">The bound columns and their string pools.</param>
    /// <param name="scratch">Decoding scratch space, reused batch after batch.</param>
    /// <param name="batchArrays">Arrays a record or nested list column is assembled from, until the row group's next batch.</param>
    /// <param name="rowGroup">The row group, for error messages.</param>
    /// <param name="firstRow">The batch's first row within the row group, for error messages.</param>
    /// <param name="rowCount">The rows this batch takes from every column.</param>
    /// <param name="fanOut">Where column reads are queued to be decoded side by side by <see cref="CompleteAsync"/>; null to read each when asked.</param>
    public PagedColumnReader(ColumnChunkReader[] chunks, ParquetFileBinding binding, ScratchBuffers scratch, BatchArrays batchArrays, int rowGroup, long firstRow, int rowCount, ColumnFanOut? fanOut = null)
    {
        _chunks = chunks;
        _binding = binding;
        _scratch = scratch;
        BatchArrays = batchArrays;
        _rowGroup = rowGroup;
        _firstRow = firstRow;
        RowCount = rowCount;
        _fanOut = fanOut;
    }

    /// <summary>The same batch, decoded with other scratch space: what a helper thread of a <see cref="ColumnFanOut"/> reads through.</summary>
    internal PagedColumnReader WithScratch(ScratchBuffers scratch) =>
        new(_chunks, _binding, scratch, BatchArrays, _rowGroup, _firstRow, RowCount);

    /// <summary>
    /// Decodes the reads queued for side-by-side decoding (none unless the batch was opened with a fan-out): call
    /// once the store has asked for every column, before its buffers are used.
    /// </summary>
    public ValueTask CompleteAsync(CancellationToken cancellationToken) =>
        _fanOut is { } fanOut ? fanOut.RunAsync(this, cancellationToken) : ValueTask.CompletedTask;

    public int RowCount { get; }

    /// <summary>Whether the store's column reads are queued and decoded side by side by <see cref="CompleteAsync"/>.</summary>
    internal bool DecodesSideBySide => _fanOut is not null;

    /// <summary>Arrays that may be used until this batch's store is filled.</summary>
    internal BatchArrays BatchArrays { get; }

    public ValueTask ReadValuesAsync<T>(int column, Memory<T> destination, CancellationToken cancellationToken)
        where T : struct =>
        typeof(T) == typeof(ParquetVariant)
            ? ReadVariantsAsync(column, Unsafe.As<Memory<T>, Memory<ParquetVariant>>(ref destination), default, cancellationToken)
            : ReadSegmentsAsync(column, new ValueSegments<T>(destination), cancellationToken);

    public ValueTask ReadNullableValuesAsync<T>(int column, Memory<T?> destination, CancellationToken cancellationToken)
        where T : struct =>
        typeof(T) == typeof(ParquetVariant)
            ? ReadVariantsAsync(column, default, Unsafe.As<Memory<T?>, Memory<ParquetVariant?>>(ref destination), cancellationToken)
            : ReadSegmentsAsync(column, new NullableValueSegments<T>(destination), cancellationToken);

    public ValueTask ReadStringsAsync(int column, Memory<string?> destination, CancellationToken cancellationToken)
    {
        // A DECIMAL read as text is exact at any precision: the member type for values beyond System.Decimal.
        FileColumnType type = _binding.Columns[column].FileType;
        ColumnSegments segments = type.Kind != FileValueKind.Decimal
            ? new ReferenceSegments<string?, StringConverter>(destination, new StringConverter(_binding.StringPoolFor(column)))
            : type.Physical is PhysicalType.Int32 or PhysicalType.Int64
                ? new IntegerDecimalTextSegments(destination)
                : new ReferenceSegments<string?, DecimalTextConverter>(destination, new DecimalTextConverter(type.Scale));
        return ReadSegmentsAsync(column, segments, cancellationToken);
    }

    public ValueTask ReadBinaryAsync(int column, Memory<byte[]?> destination, CancellationToken cancellationToken) =>
        ReadSegmentsAsync(column, new ReferenceSegments<byte[]?, BinaryConverter>(destination, default), cancellationToken);

    public ValueTask ReadListsAsync<T>(int column, ListBuffer<T> destination, CancellationToken cancellationToken)
        where T : struct =>
        typeof(T) == typeof(ParquetVariant)
            ? ReadVariantListsAsync(column, Unsafe.As<ListBuffer<ParquetVariant>>(destination), static (records, entry) => records.Required<ParquetVariant>(1, entry), cancellationToken)
            : Read(column, destination, static (reader, column, destination, token) => new ListColumnReader(reader, column).ReadValueListsAsync<T, T>(destination, static value => value, elementsNullable: false, token), cancellationToken);

    public ValueTask ReadNullableElementListsAsync<T>(int column, ListBuffer<T?> destination, CancellationToken cancellationToken)
        where T : struct =>
        typeof(T) == typeof(ParquetVariant)
            ? ReadVariantListsAsync(column, Unsafe.As<ListBuffer<ParquetVariant?>>(destination), static (records, entry) => records.Nullable<ParquetVariant>(1, entry), cancellationToken)
            : Read(column, destination, static (reader, column, destination, token) => new ListColumnReader(reader, column).ReadValueListsAsync<T, T?>(destination, static value => value, elementsNullable: true, token), cancellationToken);

    public ValueTask ReadStringListsAsync(int column, ListBuffer<string?> destination, CancellationToken cancellationToken) =>
        Read(column, destination, static (reader, column, destination, token) => new ListColumnReader(reader, column).ReadByteArrayListsAsync(destination, new StringConverter(reader._binding.StringPoolFor(column)), token), cancellationToken);

    public ValueTask ReadBinaryListsAsync(int column, ListBuffer<byte[]?> destination, CancellationToken cancellationToken) =>
        Read(column, destination, static (reader, column, destination, token) => new ListColumnReader(reader, column).ReadByteArrayListsAsync(destination, default(BinaryConverter), token), cancellationToken);

    public ValueTask ReadNestedListsAsync<T, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<T>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct =>
        typeof(T) == typeof(ParquetVariant)
            ? ReadNestedVariantListsAsync(column, destination, Unsafe.As<Func<NestedLists<ParquetVariant>, int, TElement>>(element), static (records, node, entry) => records.Required<ParquetVariant>(node, entry), cancellationToken)
            : Read(column, (destination, element), static (reader, column, state, token) => new ListColumnReader(reader, column).ReadNestedValueListsAsync<T, T, TElement>(state.destination, static value => value, state.element, token), cancellationToken);

    public ValueTask ReadNestedNullableElementListsAsync<T, TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<T?>, int, TElement> element, CancellationToken cancellationToken)
        where T : struct =>
        typeof(T) == typeof(ParquetVariant)
            ? ReadNestedVariantListsAsync(column, destination, Unsafe.As<Func<NestedLists<ParquetVariant?>, int, TElement>>(element), static (records, node, entry) => records.Nullable<ParquetVariant>(node, entry), cancellationToken)
            : Read(column, (destination, element), static (reader, column, state, token) => new ListColumnReader(reader, column).ReadNestedValueListsAsync<T, T?, TElement>(state.destination, static value => value, state.element, token), cancellationToken);

    public ValueTask ReadNestedStringListsAsync<TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<string?>, int, TElement> element, CancellationToken cancellationToken) =>
        Read(column, (destination, element), static (reader, column, state, token) => new ListColumnReader(reader, column).ReadNestedByteArrayListsAsync(state.destination, new StringConverter(reader._binding.StringPoolFor(column)), state.element, token), cancellationToken);

    public ValueTask ReadNestedBinaryListsAsync<TElement>(int column, ListBuffer<TElement> destination, Func<NestedLists<byte[]?>, int, TElement> element, CancellationToken cancellationToken) =>
        Read(column, (destination, element), static (reader, column, state, token) => new ListColumnReader(reader, column).ReadNestedByteArrayListsAsync(state.destination, default(BinaryConverter), state.element, token), cancellationToken);

    /// <summary>
    /// Runs a read that only fills the store's buffers now, or queues it to be decoded side by side with the batch's
    /// other columns when the batch has a fan-out. The reads are static lambdas over a state, so reading now allocates
    /// nothing; only a queued read is wrapped.
    /// </summary>
    private ValueTask Read<TState>(int column, TState state, Func<PagedColumnReader, int, TState, CancellationToken, ValueTask> read, CancellationToken cancellationToken) =>
        _fanOut is { } fanOut ? Defer(fanOut, column, state, read) : read(this, column, state, cancellationToken);

    private static ValueTask Defer<TState>(ColumnFanOut fanOut, int column, TState state, Func<PagedColumnReader, int, TState, CancellationToken, ValueTask> read) =>
        fanOut.Defer(column, (reader, token) => read(reader, column, state, token));

    /// <summary>
    /// Reads a value or string column now, or queues it for side-by-side decoding. Unlike <see cref="Read{TState}"/>
    /// this is not generic: the per-type part is only the segments' <c>Read</c>, so a process compiles one async method
    /// here for every value type, not an async method, its builder, a lambda and a closure per type on the way to
    /// its first batch (a precompiled package cannot hold instantiations over the application's choice of types).
    /// The price is one small segments object per column and batch.
    /// </summary>
    private ValueTask ReadSegmentsAsync(int column, ColumnSegments segments, CancellationToken cancellationToken) =>
        _fanOut is { } fanOut
            ? fanOut.Defer(column, (reader, token) => reader.ReadColumnAsync(column, segments, token))
            : ReadColumnAsync(column, segments, cancellationToken);

    public ValueTask<RecordColumn> ReadRecordsAsync(int column, CancellationToken cancellationToken) =>
        new RecordColumnReader(this, column).ReadAsync(cancellationToken);

    /// <summary>A <see cref="ParquetVariant"/> member: its VARIANT group read as a record whose node 0 is the variants (<see cref="RecordNodeKind.Variant"/>).</summary>
    private async ValueTask ReadVariantsAsync(int column, Memory<ParquetVariant> required, Memory<ParquetVariant?> nullable, CancellationToken cancellationToken)
    {
        RecordColumn records = await ReadRecordsAsync(column, cancellationToken).ConfigureAwait(false);
        bool isNullable = Bound(column).Descriptor.IsNullable;
        for (int row = 0; row < records.Rows; row++)
        {
            if (isNullable)
            {
                nullable.Span[row] = records.Nullable<ParquetVariant>(0, row);
            }
            else
            {
                required.Span[row] = records.Required<ParquetVariant>(0, row);
            }
        }
    }

    /// <summary>A list of <see cref="ParquetVariant"/>: node 0 the list, node 1 its elements' variants.</summary>
    private async ValueTask ReadVariantListsAsync<T>(int column, ListBuffer<T> destination, Func<RecordColumn, int, T> element, CancellationToken cancellationToken)
    {
        RecordColumn records = await ReadRecordsAsync(column, cancellationToken).ConfigureAwait(false);
        bool isNullable = Bound(column).Descriptor.IsNullable;
        destination.Clear();
        for (int row = 0; row < records.Rows; row++)
        {
            if (records.IsNullList(0, row, isNullable))
            {
                destination.AppendNull();
                continue;
            }

            int start = records.Start(0, row);
            Span<T> list = destination.AppendList(records.LengthOf(0, row));
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = element(records, start + i);
            }
        }
    }

    /// <summary>
    /// Lists of lists of <see cref="ParquetVariant"/>: the VARIANT groups read as records (a list node per depth, then the
    /// variants), whose offsets and null lists are the layout <see cref="NestedLists{T}"/> describes.
    /// </summary>
    private async ValueTask ReadNestedVariantListsAsync<TValue, TElement>(
        int column, ListBuffer<TElement> destination, Func<NestedLists<TValue>, int, TElement> element, Func<RecordColumn, int, int, TValue> variant, CancellationToken cancellationToken)
    {
        RecordColumn records = await ReadRecordsAsync(column, cancellationToken).ConfigureAwait(false);
        BoundColumn bound = Bound(column);
        int depth = bound.Descriptor.ListDepth;
        var offsets = new int[depth][];
        var nulls = new bool[depth][];
        for (int d = 0; d < depth; d++)
        {
            RecordColumnNode list = records.Nodes[d];
            offsets[d] = list.Offsets!;
            nulls[d] = list.NullLists!;
        }

        var values = new TValue[offsets[depth - 1][^1]];
        for (int entry = 0; entry < values.Length; entry++)
        {
            values[entry] = variant(records, depth, entry);
        }

        ParquetFileBinding binding = _binding;
        int rowGroup = _rowGroup;
        long firstRow = _firstRow;
        new NestedLists<TValue>(offsets, nulls, values, (row, what) => ParquetErrors.UnexpectedNull(binding, bound, rowGroup, firstRow + row, what))
            .FillRows(destination, bound.Descriptor.IsNullable, element);
    }

    internal ColumnChunkReader Chunk(int column) => _chunks[column];

    internal BoundColumn Bound(int column) => _binding.Columns[column];

    internal ScratchBuffers Scratch => _scratch;

    internal ParquetFileBinding Binding => _binding;

    internal int RowGroup => _rowGroup;

    internal long FirstRow => _firstRow;

    /// <summary>Moves to a page with slots left when needed; returns how many of the batch's rows the current page can give.</summary>
    private async ValueTask<int> SegmentAsync(ColumnChunkReader chunk, BoundColumn bound, int row, CancellationToken cancellationToken)
    {
        if (chunk.PageSlotsLeft == 0 && !await chunk.NextPageAsync(cancellationToken).ConfigureAwait(false))
        {
            throw ParquetErrors.Corrupt(_binding.FileName, _rowGroup, bound.FileColumnName,
                $"its pages end after {_firstRow + row} rows, before the row group's last row");
        }

        return Math.Min(RowCount - row, chunk.PageSlotsLeft);
    }

    private void ReadValues<T>(ColumnChunkReader chunk, BoundColumn bound, Span<T> destination, int row)
        where T : struct
    {
        PageSlots slots = chunk.Take(destination.Length);
        int firstNull = slots.FirstAbsent();
        if (firstNull >= 0)
        {
            throw ParquetErrors.UnexpectedNull(_binding, bound, _rowGroup, _firstRow + row + firstNull);
        }

        int misfit = TypedValueDecoder.Decode(slots.Values, bound.FileType, destination, _scratch);
        if (misfit >= 0)
        {
            throw ParquetErrors.Misfit(_binding, bound, _rowGroup, _firstRow + row + misfit);
        }
    }

    private void ReadNullableValues<T>(ColumnChunkReader chunk, BoundColumn bound, Span<T?> destination, int row)
        where T : struct
    {
        PageSlots slots = chunk.Take(destination.Length);
        int present = slots.CountPresent();
        ReadOnlySpan<T> values;
        if (TypedValueDecoder.IsStoredAs<T>(bound.FileType) && slots.Values.TryTakePlain(present, out ReadOnlySpan<T> plain))
        {
            // Nullable columns are the common case (Arrow and DuckDB write every column OPTIONAL): spread PLAIN values
            // straight from the page rather than copying them into scratch first.
            values = plain;
        }
        else
        {
            Span<T> decoded = _scratch.Get<T>(2, present);
            int misfit = TypedValueDecoder.Decode(slots.Values, bound.FileType, decoded, _scratch);
            if (misfit >= 0)
            {
                throw ParquetErrors.Misfit(_binding, bound, _rowGroup, _firstRow + row + slots.SlotOfValue(misfit));
            }

            values = decoded;
        }

        if (present == destination.Length)
        {
            // No nulls in this stretch (the common case): no level to look at per row.
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = values[i];
            }
        }
        else if (present == 0)
        {
            destination.Clear();
        }
        else
        {
            LevelScatter.Spread(slots.Definitions, (byte)bound.Field.MaxDefinitionLevel, values, destination);
        }
    }

    /// <summary>Reads the batch's rows of one column page by page, each page's share through <paramref name="segments"/>.</summary>
    private async ValueTask ReadColumnAsync(int column, ColumnSegments segments, CancellationToken cancellationToken)
    {
        BoundColumn bound = _binding.Columns[column];
        ColumnChunkReader chunk = _chunks[column];
        int row = 0;
        try
        {
            while (row < RowCount)
            {
                int take = await SegmentAsync(chunk, bound, row, cancellationToken).ConfigureAwait(false);
                segments.Read(this, chunk, bound, row, take);
                row += take;
            }
        }
        catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
        {
            throw Translate(error, bound, chunk);
        }
    }

    /// <summary>Decodes the present values to the front of the destination, then spreads them out to their rows from the back.</summary>
    private void ReadReferences<TValue, TConverter>(ColumnChunkReader chunk, BoundColumn bound, Span<TValue> destination, int row, ref TConverter converter)
        where TValue : class?
        where TConverter : struct, IByteArrayConverter<TValue>
    {
        PageSlots slots = chunk.Take(destination.Length);
        if (slots.Definitions.IsEmpty)
        {
            slots.Values.ReadByteArrays(destination, ref converter);
            return;
        }

        int present = slots.CountPresent();
        if (present < destination.Length && !bound.Descriptor.IsNullable)
        {
            throw ParquetErrors.UnexpectedNull(_binding, bound, _rowGroup, _firstRow + row + slots.FirstAbsent());
        }

        if (present == 0)
        {
            destination.Clear();
            return;
        }

        ReadOnlySpan<byte> definitions = slots.Definitions;
        byte maxLevel = (byte)bound.Field.MaxDefinitionLevel;
        if (present < destination.Length && slots.Values.TryTakeDictionaryIndices(present, out ReadOnlySpan<int> indices, out ColumnDictionary? dictionary))
        {
            // Each value goes straight to its row, and a null row is stored as the constant null, which needs no write barrier.
            int value = 0;
            for (int i = 0; i < destination.Length; i++)
            {
                if (definitions[i] == maxLevel)
                {
                    destination[i] = converter.FromDictionary(dictionary, indices[value++]);
                }
                else
                {
                    destination[i] = default!;
                }
            }

            return;
        }

        slots.Values.ReadByteArrays(destination[..present], ref converter);
        int next = present;
        for (int i = destination.Length - 1; i >= 0 && next != i + 1; i--)
        {
            destination[i] = definitions[i] == maxLevel ? destination[--next] : default!;
        }
    }

    /// <summary>A column's destination, filled one page's share at a time: rows <c>row</c> to <c>row + count</c> of the batch.</summary>
    private abstract class ColumnSegments
    {
        public abstract void Read(PagedColumnReader reader, ColumnChunkReader chunk, BoundColumn bound, int row, int count);
    }

    private sealed class ValueSegments<T>(Memory<T> destination) : ColumnSegments
        where T : struct
    {
        public override void Read(PagedColumnReader reader, ColumnChunkReader chunk, BoundColumn bound, int row, int count) =>
            reader.ReadValues(chunk, bound, destination.Span.Slice(row, count), row);
    }

    private sealed class NullableValueSegments<T>(Memory<T?> destination) : ColumnSegments
        where T : struct
    {
        public override void Read(PagedColumnReader reader, ColumnChunkReader chunk, BoundColumn bound, int row, int count) =>
            reader.ReadNullableValues(chunk, bound, destination.Span.Slice(row, count), row);
    }

    private sealed class ReferenceSegments<TValue, TConverter>(Memory<TValue> destination, TConverter converter) : ColumnSegments
        where TValue : class?
        where TConverter : struct, IByteArrayConverter<TValue>
    {
        private TConverter _converter = converter;

        public override void Read(PagedColumnReader reader, ColumnChunkReader chunk, BoundColumn bound, int row, int count) =>
            reader.ReadReferences(chunk, bound, destination.Span.Slice(row, count), row, ref _converter);
    }

    /// <summary>DECIMAL stored as INT32 or INT64 (always within <see cref="decimal"/>), as its text with every digit of the scale.</summary>
    private sealed class IntegerDecimalTextSegments(Memory<string?> destination) : ColumnSegments
    {
        public override void Read(PagedColumnReader reader, ColumnChunkReader chunk, BoundColumn bound, int row, int count)
        {
            Span<string?> texts = destination.Span.Slice(row, count);
            decimal?[] rented = ColumnArrays<decimal?>.Pool.Rent(count);
            try
            {
                Span<decimal?> values = rented.AsSpan(0, count);
                reader.ReadNullableValues(chunk, bound, values, row);
                for (int i = 0; i < values.Length; i++)
                {
                    if (values[i] is null && !bound.Descriptor.IsNullable)
                    {
                        throw ParquetErrors.UnexpectedNull(reader._binding, bound, reader._rowGroup, reader._firstRow + row + i);
                    }

                    texts[i] = values[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            finally
            {
                ColumnArrays<decimal?>.Pool.Return(rented);
            }
        }
    }

    internal AlimentarException Translate(Exception error, BoundColumn bound, ColumnChunkReader chunk) =>
        ParquetErrors.Translate(error, _binding.FileName, _rowGroup, bound.FileColumnName,
            $"page {chunk.PageIndex}, {chunk.Layout.Codec.ToString().ToUpperInvariant()}");
}
