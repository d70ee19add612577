using System.IO.Hashing;
using System.Runtime.ExceptionServices;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Reads one column chunk page by page: takes the chunk's bytes from a <see cref="ChunkByteWindow"/>,
/// parses each page header, checks its CRC, decompresses the page into a pooled buffer, decodes its
/// levels and hands its slots out in runs (<see cref="Take"/>), each with its levels and values. What it
/// holds at once is one window, one page, its levels and the chunk's dictionary, whatever the size of
/// the chunk. Every size read from the file is checked before a buffer is rented for it. A reader told to
/// decompress ahead reads and decompresses the next page on another thread while the caller decodes this one.
/// </summary>
internal sealed class ColumnChunkReader : IDisposable
{
    /// <summary>The largest page accepted, compressed or not: larger sizes in a header are corruption, not data.</summary>
    public const int MaxPageBytes = 1 << 30;

    private const int MaxHeaderBytes = 16 << 20;

    /// <summary>The most level slots one page may claim: levels take a byte each, and no writer makes pages near this.</summary>
    private const int MaxPageSlots = 1 << 26;

    private readonly ColumnChunkLayout _layout;
    private readonly bool _verifyCrc;
    private bool _decompressAhead;
    private readonly PageDecompressor _decompressor;
    private readonly ChunkByteWindow _bytes;

    private byte[] _page = [];
    private byte[] _definitions = [];
    private byte[] _repetitions = [];
    private readonly LevelDecoder _levels = new();
    private ColumnDictionary? _dictionary;

    /// <summary>The next page, being read and decompressed on another thread; the reader leaves its bytes alone until it is awaited.</summary>
    private Task<AheadPage>? _ahead;
    private byte[] _aheadPage = [];
    private CancellationTokenSource? _stopAhead;

    /// <summary>Whether <see cref="_page"/> already holds the current page's values, decompressed ahead.</summary>
    private bool _pageDecompressed;

    /// <summary>The current page's values, standing at the first value of the first slot not yet taken.</summary>
    private readonly PageValueReader _values;

    private int _pageSlots;
    private int _slot;
    private long _slotsRead;

    /// <param name="file">The file.</param>
    /// <param name="layout">The chunk.</param>
    /// <param name="verifyCrc">Whether page CRCs are checked.</param>
    /// <param name="decompressAhead">
    /// Whether each data page's successor is read and decompressed on another thread while this one is decoded: for a
    /// compressed chunk that holds more than its share of a row group's work, so the thread decoding it would otherwise
    /// finish last. Reads ahead within the chunk only, so not where a filter says which pages to fetch.
    /// </param>
    public ColumnChunkReader(IRangeReader file, ColumnChunkLayout layout, bool verifyCrc, bool decompressAhead = false)
    {
        if (layout.MaxDefinitionLevel > byte.MaxValue || layout.MaxRepetitionLevel > byte.MaxValue)
        {
            throw new NotSupportedException($"nesting {layout.MaxDefinitionLevel} levels deep is not supported");
        }

        _layout = layout;
        _verifyCrc = verifyCrc;
        _decompressAhead = decompressAhead && layout.Codec != CompressionCodec.Uncompressed;
        _decompressor = new PageDecompressor(layout.Codec);
        _bytes = new ChunkByteWindow(file, layout.Start, layout.Start + layout.Length);
        _values = new PageValueReader(layout.Type, layout.TypeLength);
    }

    public ColumnChunkLayout Layout => _layout;

    /// <summary>Level slots of the current page not yet taken.</summary>
    public int PageSlotsLeft => _pageSlots - _slot;

    /// <summary>Whether the next data page is read and decompressed on another thread while this one is decoded.</summary>
    public bool DecompressesAhead => _decompressAhead;

    /// <summary>The data pages whose values were decompressed ahead, on another thread, so far.</summary>
    public int PagesDecompressedAhead { get; private set; }

    /// <summary>The page being read, counted from 0 (dictionary pages included), for error messages.</summary>
    public int PageIndex { get; private set; } = -1;

    /// <summary>The bytes this reader holds now: window, page, levels, dictionary and scratch.</summary>
    public long HeldBytes => _bytes.HeldBytes + _page.Length + _aheadPage.Length + _definitions.Length + _repetitions.Length
        + (_dictionary?.SizeInBytes ?? 0) + _values.ScratchBytes;

    /// <summary>The repetition levels of the page's slots not yet taken, to find where rows start before taking; empty for a column outside any list.</summary>
    public ReadOnlySpan<byte> RepetitionsLeft =>
        _layout.MaxRepetitionLevel == 0 ? default : _repetitions.AsSpan(_slot, PageSlotsLeft);

    /// <summary>The repetition level of the next slot, or 0 for a column outside any list.</summary>
    public int NextRepetition => _layout.MaxRepetitionLevel == 0 ? 0 : _repetitions[_slot];

    /// <summary>
    /// Takes the next <paramref name="slots"/> slots of the current page. They count as read from here on; the
    /// caller reads their present values from <see cref="PageSlots.Values"/> before it takes more.
    /// </summary>
    public PageSlots Take(int slots)
    {
        if ((uint)slots > (uint)PageSlotsLeft)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, $"the page has {PageSlotsLeft} slots left");
        }

        var taken = new PageSlots(
            slots,
            _layout.MaxDefinitionLevel == 0 ? default : _definitions.AsSpan(_slot, slots),
            _layout.MaxRepetitionLevel == 0 ? default : _repetitions.AsSpan(_slot, slots),
            _values,
            (byte)_layout.MaxDefinitionLevel);
        _slot += slots;
        return taken;
    }

    /// <summary>
    /// Passes over the next <paramref name="rows"/> rows, page after page, without building a value: levels are
    /// counted and values skipped (<see cref="PageValueReader.Skip"/>). The reader must stand at a row's start,
    /// and is left at the start of the row after the last one skipped.
    /// </summary>
    /// <returns>False when the chunk ends first.</returns>
    public async ValueTask<bool> SkipRowsAsync(long rows, CancellationToken cancellationToken)
    {
        long started = 0;
        while (rows > 0)
        {
            if (PageSlotsLeft == 0 && !await NextPageAsync(cancellationToken).ConfigureAwait(false))
            {
                return _layout.MaxRepetitionLevel > 0 && started == rows; // The chunk may end with the last row skipped.
            }

            int take;
            if (_layout.MaxRepetitionLevel == 0)
            {
                take = (int)Math.Min(rows, PageSlotsLeft);
                rows -= take;
            }
            else
            {
                // A row starts at repetition level 0 and may run onto the next page: stop before the row after the last.
                ReadOnlySpan<byte> repetitions = RepetitionsLeft;
                take = 0;
                for (; take < repetitions.Length; take++)
                {
                    if (repetitions[take] == 0 && ++started > rows)
                    {
                        break;
                    }
                }

                if (take < repetitions.Length)
                {
                    rows = 0;
                }
            }

            PageSlots skipped = Take(take);
            skipped.Values.Skip(skipped.CountPresent());
        }

        return true;
    }

    /// <summary>Moves to the next data page that holds slots; false at the end of the chunk.</summary>
    public async ValueTask<bool> NextPageAsync(CancellationToken cancellationToken)
    {
        while (_slotsRead < _layout.ValueCount && (_ahead is not null || _bytes.Remaining > 0))
        {
            PageHeader header;
            ReadOnlyMemory<byte> stored;
            if (_ahead is not null)
            {
                (header, stored) = await TakeAheadAsync().ConfigureAwait(false);
            }
            else
            {
                header = await ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
                PageIndex++;
                stored = await ReadBodyAsync(header, PageIndex, cancellationToken).ConfigureAwait(false);
            }

            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    LoadDictionary(header, stored);
                    _bytes.Shrink();
                    continue;
                case PageType.DataPage:
                    StartDataPage(header, stored);
                    break;
                case PageType.DataPageV2:
                    StartDataPageV2(header, stored);
                    break;
                default:
                    continue; // Index pages and page types from future writers carry nothing a reader needs.
            }

            _pageDecompressed = false;
            if (_layout.Codec != CompressionCodec.Uncompressed)
            {
                _bytes.Shrink();
            }

            _slotsRead += _pageSlots;
            if (_pageSlots > 0)
            {
                StartAhead();
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Moves to the data page at <paramref name="pageOffset"/>, whose first slot is the chunk's
    /// <paramref name="firstSlot"/>th (from the offset index), dropping what the window holds. The chunk's
    /// dictionary is read first when no page has been, since every later page may refer to it.
    /// </summary>
    /// <param name="pageOffset">Where the page starts.</param>
    /// <param name="firstSlot">The chunk's slots before it.</param>
    /// <param name="firstDataPage">Where the chunk's first data page starts: a dictionary, if any, lies before it.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async ValueTask SeekToPageAsync(long pageOffset, long firstSlot, long firstDataPage, CancellationToken cancellationToken)
    {
        // A chunk read by jumps reads each page where it lands: what was read ahead is dropped, and nothing is from here on.
        _decompressAhead = false;
        if (_ahead is { } ahead)
        {
            _ahead = null;
            await ahead.ConfigureAwait(false);
        }

        if (pageOffset < _layout.Start || pageOffset >= _layout.Start + _layout.Length)
        {
            throw new InvalidDataException($"the offset index puts a page at offset {pageOffset}, outside its column chunk");
        }

        if (PageIndex < 0 && firstDataPage > _layout.Start)
        {
            // Read the dictionary page alone: nothing past the first data page is fetched for it.
            _bytes.LimitReadAheadFor(firstDataPage);
            try
            {
                PageHeader header = await ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
                PageIndex++;
                if (header.Type != PageType.DictionaryPage)
                {
                    throw new InvalidDataException($"the chunk's first page, before its first data page, is a {header.Type} page of {header.CompressedSize} bytes, not a dictionary");
                }

                LoadDictionary(header, await ReadBodyAsync(header, PageIndex, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                _bytes.EndTemporaryLimit();
            }
        }

        _bytes.SeekTo(pageOffset);
        _pageSlots = 0;
        _slot = 0;
        _slotsRead = firstSlot;
    }

    /// <summary>
    /// Reads ahead no further than <paramref name="endOffset"/> (the end of the last page a filter keeps in a
    /// stretch of rows) until told otherwise; a page that runs past it is still read whole.
    /// </summary>
    public void LimitReadAhead(long endOffset)
    {
        // The page read ahead, if any, is still the next one and is kept; no other is read ahead past a limit.
        _decompressAhead = false;
        _ahead?.Wait();
        _bytes.LimitReadAhead(endOffset);
    }

    public void Dispose()
    {
        // The page being read ahead writes into this reader's buffers: it stops before any goes back to the pool.
        if (_ahead is { } ahead)
        {
            _ahead = null;
            _stopAhead!.Cancel();
            try
            {
                ahead.Wait();
            }
            catch (AggregateException) when (ahead.IsCanceled)
            {
                // Stopped before it started.
            }
        }

        _stopAhead?.Dispose();
        Return(ref _aheadPage);
        _bytes.Dispose();
        Return(ref _page);
        Return(ref _definitions);
        Return(ref _repetitions);
        _dictionary?.Dispose();
        _dictionary = null;
        _values.Dispose();
        _decompressor.Dispose();
    }

    /// <summary>
    /// Refuses a page whose header claims more than its codec can make of its bytes, or more than its whole chunk
    /// (when the footer says; older DuckDB wrote 0 there), before any buffer is rented for it.
    /// </summary>
    private void CheckSizes(PageHeader header, int page)
    {
        if (header.UncompressedSize > _decompressor.MostOutput(header.CompressedSize)
            || (_layout.UncompressedLength > 0 && header.UncompressedSize > Math.Max(_layout.UncompressedLength, header.CompressedSize)))
        {
            throw new InvalidDataException(
                $"page {page} claims {header.CompressedSize} bytes compressed, {header.UncompressedSize} uncompressed, in a chunk of {_layout.UncompressedLength} uncompressed");
        }

        if (header.CompressedSize > MaxPageBytes || header.UncompressedSize > MaxPageBytes)
        {
            throw new NotSupportedException(
                $"page {page} holds {Math.Max(header.CompressedSize, header.UncompressedSize)} bytes, more than the {MaxPageBytes} one page may hold in memory");
        }
    }

    private void CheckCrc(PageHeader header, ReadOnlySpan<byte> stored, int page)
    {
        if (_verifyCrc && header.Crc is int crc && Crc32.HashToUInt32(stored) != unchecked((uint)crc))
        {
            throw new InvalidDataException($"page {page} fails its CRC check (the page is corrupt)");
        }
    }

    /// <summary>Takes the stored bytes of the page whose header was just read, its sizes and CRC checked; errors name it <paramref name="page"/>.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(PageHeader header, int page, CancellationToken cancellationToken)
    {
        CheckSizes(header, page);
        await _bytes.EnsureAsync(header.CompressedSize, cancellationToken).ConfigureAwait(false);
        ReadOnlyMemory<byte> stored = _bytes.Take(header.CompressedSize);
        CheckCrc(header, stored.Span, page);
        return stored;
    }

    /// <summary>Starts reading the next page on another thread, when this reader decompresses ahead and the chunk has one.</summary>
    private void StartAhead()
    {
        if (!_decompressAhead || _slotsRead >= _layout.ValueCount || _bytes.Remaining == 0)
        {
            return;
        }

        _stopAhead ??= new CancellationTokenSource();
        int page = PageIndex + 1;
        CancellationToken stop = _stopAhead.Token;
        // Stopped before it starts, the read never runs: disposing need not wait for a pool thread to pick it up.
        _ahead = Task.Run(() => ReadAheadAsync(page, stop), stop);
    }

    /// <summary>
    /// Reads, checks and decompresses page <paramref name="page"/> as <see cref="NextPageAsync"/> would, into
    /// <see cref="_aheadPage"/>. What goes wrong is kept for the caller, who meets it only once every slot before
    /// the page is handed out, as without reading ahead.
    /// </summary>
    private async Task<AheadPage> ReadAheadAsync(int page, CancellationToken cancellationToken)
    {
        bool headerRead = false;
        try
        {
            PageHeader header = await ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            headerRead = true;
            ReadOnlyMemory<byte> stored = await ReadBodyAsync(header, page, cancellationToken).ConfigureAwait(false);
            bool decompressed = false;
            if (CompressedValues(header) is (int start, int length))
            {
                Rent(ref _aheadPage, length);
                _decompressor.Decompress(stored[start..], _aheadPage.AsMemory(0, length));
                decompressed = true;
            }

            return new AheadPage(header, stored, decompressed, headerRead, Error: null);
        }
        catch (Exception error)
        {
            return new AheadPage(default, default, Decompressed: false, headerRead, ExceptionDispatchInfo.Capture(error));
        }
    }

    /// <summary>Waits for the page read ahead and makes it the current one; its values, when decompressed, become <see cref="_page"/>.</summary>
    private async ValueTask<(PageHeader Header, ReadOnlyMemory<byte> Stored)> TakeAheadAsync()
    {
        AheadPage ahead = await _ahead!.ConfigureAwait(false);
        _ahead = null;
        if (ahead.HeaderRead)
        {
            PageIndex++;
        }

        ahead.Error?.Throw();
        if (ahead.Decompressed)
        {
            (_page, _aheadPage) = (_aheadPage, _page);
            _pageDecompressed = true;
            PagesDecompressedAhead++;
        }

        return (ahead.Header, ahead.Stored);
    }

    /// <summary>
    /// Where the compressed values of a data page lie in its stored bytes, exactly as <see cref="StartDataPage"/> and
    /// <see cref="StartDataPageV2"/> will decompress them; null for any other page, for a page whose values are not
    /// compressed, and for a codec that must grow its output as it goes.
    /// </summary>
    private (int Start, int Length)? CompressedValues(PageHeader header)
    {
        if (_decompressor.GrowsOutput)
        {
            return null;
        }

        if (header.Type == PageType.DataPage)
        {
            return (0, header.UncompressedSize);
        }

        int levelBytes = header.RepetitionLevelsLength + header.DefinitionLevelsLength;
        return header.Type == PageType.DataPageV2 && HasCompressedV2Values(header)
            ? (levelBytes, header.UncompressedSize - levelBytes)
            : null;
    }

    /// <summary>
    /// Whether a v2 page in a compressed chunk stores its values compressed: its levels never are, and its values are
    /// unless the header says otherwise or there are none (PageHeader.Parse has checked the levels fit both sizes).
    /// </summary>
    private static bool HasCompressedV2Values(PageHeader header) =>
        header.IsCompressed && header.UncompressedSize > header.RepetitionLevelsLength + header.DefinitionLevelsLength;

    /// <summary>A page read ahead: its header and stored bytes, whether its values were decompressed, or what went wrong.</summary>
    private readonly record struct AheadPage(PageHeader Header, ReadOnlyMemory<byte> Stored, bool Decompressed, bool HeaderRead, ExceptionDispatchInfo? Error);

    private async ValueTask<PageHeader> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        int want = 256;
        while (true)
        {
            long left = _bytes.Remaining;
            int ask = (int)Math.Min(want, left);
            await _bytes.EnsureAsync(ask, cancellationToken).ConfigureAwait(false);
            try
            {
                PageHeader header = PageHeader.Parse(_bytes.Peek(ask));
                _bytes.Take(header.HeaderLength);
                return header;
            }
            catch (ThriftEndOfInputException) when (ask < left && want < MaxHeaderBytes)
            {
                want *= 4; // Statistics with long values make a header longer than the first guess.
            }
            catch (ThriftEndOfInputException error)
            {
                throw new InvalidDataException($"a page header at offset {_bytes.Position} is cut off: {error.Message}", error);
            }
        }
    }

    private void LoadDictionary(PageHeader header, ReadOnlyMemory<byte> stored)
    {
        if (header.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw new NotSupportedException($"a dictionary page in the {header.Encoding.Name()} encoding is not supported");
        }

        ReadOnlyMemory<byte> page = Decompress(stored, header.UncompressedSize);
        _dictionary?.Dispose();
        _dictionary = null;
        _dictionary = ColumnDictionary.Load(page.Span, header.ValueCount, _layout.Type, _layout.TypeLength);

        // The dictionary is copied out; data pages are usually far smaller, so its buffer is not kept for them.
        Return(ref _page);
    }

    private void StartDataPage(PageHeader header, ReadOnlyMemory<byte> stored)
    {
        CheckSlots(header.ValueCount);
        ReadOnlyMemory<byte> page = Decompress(stored, header.UncompressedSize);
        int slots = header.ValueCount;
        int position = 0;
        if (_layout.MaxRepetitionLevel > 0)
        {
            position += _levels.DecodeV1(page[position..], header.RepetitionLevelEncoding, _layout.MaxRepetitionLevel, slots, ref _repetitions);
        }

        if (_layout.MaxDefinitionLevel > 0)
        {
            position += _levels.DecodeV1(page[position..], header.DefinitionLevelEncoding, _layout.MaxDefinitionLevel, slots, ref _definitions);
        }

        StartValues(page[position..], header, slots);
    }

    private void StartDataPageV2(PageHeader header, ReadOnlyMemory<byte> stored)
    {
        CheckSlots(header.ValueCount);
        int slots = header.ValueCount;
        int levelBytes = header.RepetitionLevelsLength + header.DefinitionLevelsLength;
        if (_layout.MaxRepetitionLevel > 0)
        {
            _levels.Decode(stored[..header.RepetitionLevelsLength], _layout.MaxRepetitionLevel, slots, ref _repetitions);
        }

        if (_layout.MaxDefinitionLevel > 0)
        {
            _levels.Decode(stored.Slice(header.RepetitionLevelsLength, header.DefinitionLevelsLength), _layout.MaxDefinitionLevel, slots, ref _definitions);
        }

        // In v2 the levels are never compressed, and the values only when the header says so.
        // An empty values section (a page of nulls only) may be stored as a few bytes of an empty compressed stream.
        bool empty = header.UncompressedSize == levelBytes;
        bool decompress = _layout.Codec != CompressionCodec.Uncompressed && HasCompressedV2Values(header);
        if (!empty && !decompress && header.UncompressedSize != header.CompressedSize)
        {
            throw new InvalidDataException($"an uncompressed v2 page of {header.CompressedSize} bytes claims {header.UncompressedSize}");
        }

        // Values left uncompressed in a compressed chunk (arrow-rs writes such pages whenever compression
        // does not pay) are copied out of the window: in a compressed chunk the window is given back to the
        // pool as soon as a page starts, and another reader may be filling it while this page is decoded.
        ReadOnlyMemory<byte> values = empty ? ReadOnlyMemory<byte>.Empty
            : decompress ? Decompress(stored[levelBytes..], header.UncompressedSize - levelBytes)
            : _layout.Codec != CompressionCodec.Uncompressed ? CopyToPage(stored[levelBytes..])
            : stored[levelBytes..];

        StartValues(values, header, slots);
    }

    /// <summary>Refuses a page claiming more slots than the chunk has left, before any level buffer is rented for them.</summary>
    private void CheckSlots(int slots)
    {
        if (slots > _layout.ValueCount - _slotsRead || slots > MaxPageSlots)
        {
            throw new InvalidDataException($"page {PageIndex} claims {slots} values where its column chunk has {_layout.ValueCount - _slotsRead} left");
        }
    }

    private void StartValues(ReadOnlyMemory<byte> values, PageHeader header, int slots)
    {
        int valueCount = _layout.MaxDefinitionLevel == 0
            ? slots
            : _definitions.AsSpan(0, slots).Count((byte)_layout.MaxDefinitionLevel);
        _values.Reset(values, header.Encoding, valueCount, _dictionary);
        _pageSlots = slots;
        _slot = 0;
    }

    private ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> stored, int uncompressedSize)
    {
        if (_layout.Codec == CompressionCodec.Uncompressed)
        {
            return stored.Length == uncompressedSize
                ? stored
                : throw new InvalidDataException($"an uncompressed page of {stored.Length} bytes claims {uncompressedSize}");
        }

        if (_decompressor.GrowsOutput)
        {
            int written = Codecs.BrotliCodec.DecompressGrowing(stored.Span, uncompressedSize, Math.Max(ChunkByteWindow.ReadAhead, stored.Length * 64), ref _page);
            return written == uncompressedSize
                ? _page.AsMemory(0, uncompressedSize)
                : throw new InvalidDataException($"a BROTLI page decompressed to {(written > uncompressedSize ? "more than " : "")}{Math.Min(written, uncompressedSize)} bytes where its header declares {uncompressedSize}");
        }

        if (_pageDecompressed)
        {
            _pageDecompressed = false;
            return _page.AsMemory(0, uncompressedSize);
        }

        Rent(ref _page, uncompressedSize);
        _decompressor.Decompress(stored, _page.AsMemory(0, uncompressedSize));
        return _page.AsMemory(0, uncompressedSize);
    }

    private ReadOnlyMemory<byte> CopyToPage(ReadOnlyMemory<byte> stored)
    {
        Rent(ref _page, stored.Length);
        stored.CopyTo(_page);
        return _page.AsMemory(0, stored.Length);
    }

    private static void Rent(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Return(ref buffer);
            buffer = ColumnArrays<byte>.Pool.Rent(length);
        }
    }

    private static void Return(ref byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ColumnArrays<byte>.Pool.Return(buffer);
            buffer = [];
        }
    }
}
