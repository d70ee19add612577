using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Alimentar.Parquet.Format;
using Alimentar.Parquet.Writing.Encoding;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// The page writer of one leaf column holding values of <typeparamref name="T"/>. Values are kept per page and
/// encoded when the page is cut: a page ends at a row boundary once its estimated size reaches the page size or its
/// rows the row limit. Values go through a dictionary until it stops paying (its first page would be smaller PLAIN)
/// or outgrows its limit; later pages of the chunk are PLAIN. Statistics, the page indexes and the Bloom filter are
/// gathered as values arrive, in the column's sort order from <typeparamref name="TCodec"/>.
/// </summary>
internal sealed class LeafWriter<T, TCodec> : LeafWriter<T>
    where T : notnull
    where TCodec : struct, IValueCodec<T>
{
    /// <summary>The values of a chunk's first page after which a dictionary of nearly only distinct values is dropped.</summary>
    /// <remarks>
    /// Just under 4,049, the capacity a <see cref="Dictionary{TKey, TValue}"/> has after growing past 1,931 entries: with
    /// 4,096, a column of distinct values grew its dictionary once more, to 8,419 entries, for its last 47 values, and the
    /// trim at the next chunk allocated it again at 4,099. A wide writer paid that per column per row group (200 MB a
    /// row group of 1,000 columns of measurements).
    /// </remarks>
    private const int DictionaryTrial = 4_000;

    /// <summary>
    /// Chunk dictionaries, shared by the writers of a process: a writer took one per column and grew it entry by entry,
    /// so each new file of a wide table allocated its dictionaries again (200 MB a file of 1,000 columns of
    /// measurements, twice each dictionary's final size in the tables it outgrew). Each comes back cleared and no
    /// larger than the trial, and the pool frees at full collections those left unused.
    /// </summary>
    private static readonly TrimmingObjectPool<Dictionary<T, int>> Dictionaries = new(static () => new Dictionary<T, int>(default(TCodec).Comparer));

    /// <summary>
    /// The most rows of a flat column taken between two looks at the page's size. Rows are taken in runs sized to
    /// reach about half the room left, so a page still ends close to the page size, and a dictionary that outgrows its
    /// limit in a run is dropped within this many rows.
    /// </summary>
    private const int MaxRowsBetweenChecks = 1_024;

    /// <summary>The first run of a page, before its bytes per row are known.</summary>
    private const int FirstRunRows = 256;

    private readonly TCodec _codec;
    private readonly PageCompressor _compressor;
    private readonly bool _hasDefinitions;
    private readonly bool _hasRepetitions;

    // The page being built.
    private readonly GrowableArray<T> _pageValues = new();
    private readonly GrowableArray<int> _pageIndexes = new();
    private readonly GrowableArray<int> _definitions = new();
    private readonly GrowableArray<int> _repetitions = new();
    private int _pageSlots;
    private int _pageRows;
    private int _rowsUntilCheck;
    private int _pageNulls;
    private long _pagePlainBytes;
    private Bounds _pageBounds;

    // The chunk being built.
    private readonly PageChain _pages = new();
    private readonly ByteBuffer _header = new(64);
    private readonly ByteBuffer _dictionaryPage = new(1 << 10);
    private readonly ByteBuffer _scratch = new(0);
    private readonly ByteBuffer _body = new(0);
    private readonly List<PageEntry> _pageEntries = [];
    private readonly List<SpilledPages> _spilled = [];
    private long _spilledBytes;
    private Dictionary<T, int>? _dictionary;
    private Dictionary<T, int>? _chunkDictionary;
    private readonly GrowableArray<T> _distinct = new();
    private readonly GrowableArray<int> _distinctSizes = new();
    private const int RecentReferences = 16;
    private readonly (object? Value, int Index)[] _recentReferences = new (object?, int)[RecentReferences];

    // Per dictionary entry, the number of the last page it was met on; pages count from 1.
    private readonly GrowableArray<int> _seenOnPage = new();
    private int _page = 1;
    private long _dictionaryBytes;
    private long _dictionaryUncompressed;
    private bool _dictionaryUsed;
    private readonly SortedSet<ParquetEncoding> _valueEncodings = [];
    private readonly ByteBuffer _plain = new(0);
    private bool _fallBackAtNextPage;
    private long _chunkSlots;
    private long _chunkRows;
    private long _chunkNulls;
    private long _uncompressedBytes;
    private Bounds _chunkBounds;
    private BloomFilterBuilder? _bloomFilter;

    // Size statistics: the chunk's level histograms and unencoded byte-array bytes, and each page's, flattened page after page.
    private readonly long[]? _chunkDefinitionHistogram;
    private readonly long[]? _chunkRepetitionHistogram;
    private long _chunkUnencodedBytes;
    private readonly List<long> _pageDefinitionHistograms = [];
    private readonly List<long> _pageRepetitionHistograms = [];
    private readonly List<long> _pageUnencodedBytes = [];

    public LeafWriter(LeafColumn leaf, LeafWriteSettings settings, TCodec codec)
        : base(leaf, settings)
    {
        _codec = codec;
        CheckEncoding(leaf, settings.Encoding, codec.Type);
        _compressor = new PageCompressor(settings.Codec, settings.CompressionLevel);
        _hasDefinitions = leaf.MaxDefinitionLevel > 0;
        _hasRepetitions = leaf.MaxRepetitionLevel > 0;

        // The spec lets a histogram go unwritten when its maximum level is 0: every slot is at level 0.
        _chunkDefinitionHistogram = _hasDefinitions ? new long[leaf.MaxDefinitionLevel + 1] : null;
        _chunkRepetitionHistogram = _hasRepetitions ? new long[leaf.MaxRepetitionLevel + 1] : null;
        StartChunk();
    }

    private static void CheckEncoding(LeafColumn leaf, ParquetValueEncoding encoding, PhysicalType type)
    {
        bool fits = encoding switch
        {
            ParquetValueEncoding.DeltaBinaryPacked => type is PhysicalType.Int32 or PhysicalType.Int64,
            ParquetValueEncoding.DeltaLengthByteArray or ParquetValueEncoding.DeltaByteArray => type == PhysicalType.ByteArray,
            // The format later allowed it for any fixed width, but DuckDB (1.5) still reads it for FLOAT and DOUBLE only.
            ParquetValueEncoding.ByteStreamSplit => type is PhysicalType.Float or PhysicalType.Double,
            _ => true,
        };
        if (!fits)
        {
            throw new ArgumentException($"Column '{leaf.Path}' is {type.ToString().ToUpperInvariant()}, which {encoding} cannot encode.", nameof(ParquetWriteOptions.Columns));
        }
    }

    public override long BufferedBytes => _pages.Length + _dictionaryBytes;

    public override long SpilledBytes => _spilledBytes;

    public override IEnumerable<ReadOnlyMemory<byte>> FinishedPages => _pages.Segments;

    public override void PagesSpilled(SpilledPages pages)
    {
        _spilled.Add(pages);
        _spilledBytes += pages.Length;
        _pages.Clear();
    }

    public override void Append(ReadOnlySpan<T> values, ReadOnlySpan<int> definitions, ReadOnlySpan<int> repetitions)
    {
        if (repetitions.IsEmpty)
        {
            AppendFlat(values, definitions);
            return;
        }

        // A page ends only where a row does (a repetition level of 0), so each row's slots are taken as one run: its
        // levels, counts and values a span at a time, as a flat column's runs are.
        int slots = definitions.IsEmpty ? values.Length : definitions.Length;
        int maxDefinition = Leaf.MaxDefinitionLevel;
        int slot = 0, value = 0;
        while (slot < slots)
        {
            if (repetitions[slot] == 0)
            {
                if (_pageSlots > 0 && PageIsFull())
                {
                    FlushPage();
                }

                _pageRows++;
            }

            int nextRow = repetitions[(slot + 1)..slots].IndexOf(0);
            int run = nextRow < 0 ? slots - slot : nextRow + 1;
            int present = run;
            if (!definitions.IsEmpty)
            {
                ReadOnlySpan<int> levels = definitions.Slice(slot, run);
                present = levels.Count(maxDefinition);
                if (_hasDefinitions)
                {
                    _definitions.AddRange(levels);
                }
            }
            else if (_hasDefinitions)
            {
                _definitions.AddRepeated(maxDefinition, run);
            }

            if (_hasRepetitions)
            {
                _repetitions.AddRange(repetitions.Slice(slot, run));
            }

            _pageSlots += run;
            _pageNulls += run - present;
            AddRange(values.Slice(value, present));
            slot += run;
            value += present;
        }
    }

    /// <summary>
    /// A column without repetition: every slot is a row, so rows are taken in runs between looks at the page's size,
    /// and a run's levels, counts, values and bounds are added a span at a time instead of slot by slot.
    /// </summary>
    private void AppendFlat(ReadOnlySpan<T> values, ReadOnlySpan<int> definitions)
    {
        int slots = definitions.IsEmpty ? values.Length : definitions.Length;
        int maxDefinition = Leaf.MaxDefinitionLevel;
        int slot = 0, value = 0;
        while (slot < slots)
        {
            if (_rowsUntilCheck == 0)
            {
                if (_pageSlots > 0 && PageIsFull())
                {
                    FlushPage();
                }

                _rowsUntilCheck = RowsBeforeNextCheck();
            }

            int run = Math.Min(slots - slot, _rowsUntilCheck);
            int present = run;
            if (!definitions.IsEmpty)
            {
                ReadOnlySpan<int> levels = definitions.Slice(slot, run);
                present = levels.Count(maxDefinition);
                _definitions.AddRange(levels);
            }
            else if (_hasDefinitions)
            {
                _definitions.AddRepeated(maxDefinition, run);
            }

            _pageSlots += run;
            _pageRows += run;
            _pageNulls += run - present;
            AddRange(values.Slice(value, present));
            slot += run;
            value += present;
            _rowsUntilCheck -= run;
        }
    }

    /// <summary>Rows to take before looking at the page's size again: about half the room left, at the bytes per row so far.</summary>
    private int RowsBeforeNextCheck()
    {
        int rowsLeft = Settings.PageRowLimit - _pageRows;
        if (_pageSlots == 0)
        {
            return Math.Clamp(rowsLeft, 1, FirstRunRows);
        }

        long used = PageBytes();
        long bytesPerRow = Math.Max(1, used / _pageRows);
        long rows = (Settings.PageSize - used) / bytesPerRow / 2;
        return (int)Math.Clamp(Math.Min(rows, rowsLeft), 1, MaxRowsBetweenChecks);
    }

    /// <summary>Adds a run's values; PLAIN values without a Bloom filter go in one copy, their bounds in one pass.</summary>
    private void AddRange(ReadOnlySpan<T> values)
    {
        if (_dictionary is not null || _bloomFilter is not null || typeof(T) == typeof(byte[]))
        {
            foreach (T value in values)
            {
                Add(value);
            }

            return;
        }

        _pageValues.AddRange(values);
        if (typeof(T) == typeof(bool))
        {
            // A bool's bounds are whether any is false and any true: two vector searches, not a compare per value.
            ReadOnlySpan<byte> flags = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(values)), values.Length);
            _pagePlainBytes += values.Length;
            IncludeBoolean(flags.Contains((byte)0), false);
            IncludeBoolean(flags.IndexOfAnyExcept((byte)0) >= 0, true);
            return;
        }

        long bytes = 0;
        foreach (T value in values)
        {
            bytes += _codec.PlainSize(value);
        }

        _pagePlainBytes += bytes;
        _pageBounds.IncludeAll(values, in _codec);
    }

    private void IncludeBoolean(bool present, bool value)
    {
        if (present)
        {
            _pageBounds.Include(Unsafe.As<bool, T>(ref value), in _codec);
        }
    }

    public override EncodedChunk FinishChunk()
    {
        if (_pageSlots > 0)
        {
            FlushPage();
        }

        _dictionaryPage.Clear();
        if (_dictionaryUsed)
        {
            _scratch.Clear();
            _codec.WritePlain(_distinct.Span, _scratch);
            WritePage(new PageHeader { Type = PageType.DictionaryPage, ValueCount = _distinct.Count, Encoding = ParquetEncoding.Plain }, _scratch.Span, ReadOnlySpan<byte>.Empty);
            _dictionaryPage.Write(_header.Span);
            _dictionaryPage.Write(_body.Span);
            ReleasePageBuffers();
        }

        long dictionaryLength = _dictionaryPage.Length;
        var encodings = new List<ParquetEncoding>();
        if (_dictionaryUsed)
        {
            encodings.Add(ParquetEncoding.Plain);
            encodings.Add(ParquetEncoding.RleDictionary);
        }

        encodings.AddRange(_valueEncodings.Where(e => !encodings.Contains(e)));

        if (_hasDefinitions || _hasRepetitions)
        {
            encodings.Add(ParquetEncoding.Rle);
        }

        var metadata = new ColumnChunkMetadata
        {
            Type = _codec.Type,
            Encodings = encodings,
            PathInSchema = Leaf.Path.Parts,
            Codec = _compressor.Codec,
            ValueCount = _chunkSlots,
            TotalUncompressedSize = _uncompressedBytes + (_dictionaryUsed ? _dictionaryUncompressed : 0),
            TotalCompressedSize = dictionaryLength + _spilledBytes + _pages.Length,
            DataPageOffset = dictionaryLength,
            DictionaryPageOffset = _dictionaryUsed ? 0 : null,
            Statistics = ChunkStatistics(),
            SizeStatistics = ChunkSizeStatistics(),
        };

        OffsetIndex? offsetIndex = null;
        ColumnIndex? columnIndex = null;
        if (Settings.PageIndex)
        {
            offsetIndex = new OffsetIndex(
                _pageEntries.Select(p => p.Offset + dictionaryLength).ToArray(),
                _pageEntries.Select(p => p.Size).ToArray(),
                _pageEntries.Select(p => p.FirstRow).ToArray())
            {
                UnencodedByteArrayDataBytes = IsByteArray ? _pageUnencodedBytes.ToArray() : null,
            };
            columnIndex = BuildColumnIndex() with
            {
                RepetitionLevelHistograms = _chunkRepetitionHistogram is null ? null : _pageRepetitionHistograms.ToArray(),
                DefinitionLevelHistograms = _chunkDefinitionHistogram is null ? null : _pageDefinitionHistograms.ToArray(),
            };
        }

        // The chunk lends this writer's page buffers until it is disposed; the next chunk starts then.
        return new EncodedChunk(_dictionaryPage, _spilled.ToArray(), _pages, metadata, offsetIndex, columnIndex, _bloomFilter?.Build(), StartChunk);
    }

    public override void Dispose()
    {
        _pageValues.Dispose();
        _pageIndexes.Dispose();
        _definitions.Dispose();
        _repetitions.Dispose();
        _distinct.Dispose();
        _distinctSizes.Dispose();
        _seenOnPage.Dispose();
        _pages.Dispose();
        _header.Dispose();
        _dictionaryPage.Dispose();
        _scratch.Dispose();
        _body.Dispose();
        _plain.Dispose();
        if (_chunkDictionary is { } dictionary)
        {
            _chunkDictionary = null;
            _dictionary = null;
            dictionary.Clear();
            dictionary.TrimExcess(DictionaryTrial);
            Dictionaries.Return(dictionary);
        }
    }

    private void StartChunk()
    {
        _pages.Clear();
        _spilled.Clear();
        _spilledBytes = 0;
        _pageEntries.Clear();
        _distinct.Clear();
        _distinctSizes.Clear();
        Array.Clear(_recentReferences);
        _seenOnPage.Clear();
        if (Settings.Dictionary && _codec.Dictionary)
        {
            // Kept from chunk to chunk, cleared, so a small dictionary's tables are allocated once per column; a
            // large one is trimmed so a wide file's writer does not keep megabytes per column between row groups.
            _chunkDictionary ??= Dictionaries.Rent();
            _chunkDictionary.Clear();
            _chunkDictionary.TrimExcess(DictionaryTrial);
            _dictionary = _chunkDictionary;
        }
        else
        {
            _dictionary = null;
        }
        _dictionaryBytes = 0;
        _dictionaryUncompressed = 0;
        _dictionaryUsed = false;
        _valueEncodings.Clear();
        _fallBackAtNextPage = false;
        _chunkSlots = 0;
        _chunkRows = 0;
        _chunkNulls = 0;
        _uncompressedBytes = 0;
        _chunkBounds = default;
        _chunkDefinitionHistogram?.AsSpan().Clear();
        _chunkRepetitionHistogram?.AsSpan().Clear();
        _chunkUnencodedBytes = 0;
        _pageDefinitionHistograms.Clear();
        _pageRepetitionHistograms.Clear();
        _pageUnencodedBytes.Clear();
        _bloomFilter = Settings.BloomFilterFalsePositiveRate is { } rate
            ? new BloomFilterBuilder(Settings.BloomFilterDistinctValues, rate)
            : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(T value)
    {
        if (typeof(T) == typeof(byte[]))
        {
            // A page is encoded when it fills and the dictionary when the chunk ends, after the write that handed the
            // array over has returned: keep a copy, so a caller that reuses its buffer for the next value loses nothing.
            value = (T)(object)((byte[])(object)value!).AsSpan().ToArray();
        }

        if (_dictionary is { } dictionary)
        {
            // A page in a dictionary already in use is written as indexes alone; until the first page decides
            // whether the dictionary pays, the values are kept for a PLAIN page too.
            if (!_dictionaryUsed)
            {
                _pageValues.Add(value);
            }

            int index = IndexOf(dictionary, value, out bool exists);
            if (exists)
            {
                // A repeated value's size is remembered: measuring a string's UTF-8 bytes again would cost a pass over it.
                _pagePlainBytes += _distinctSizes.ItemRef(index);
            }
            else
            {
                int size = _codec.PlainSize(value);
                _pagePlainBytes += size;
                _distinct.Add(value);
                _distinctSizes.Add(size);
                _seenOnPage.Add(0);
                _dictionaryBytes += size;
                InsertIntoBloomFilter(value);
                _fallBackAtNextPage |= _dictionaryBytes > Settings.DictionaryPageSize;
            }

            _pageIndexes.Add(index);
            if (!_dictionaryUsed && _pageIndexes.Count == DictionaryTrial && _distinct.Count > DictionaryTrial * 9 / 10)
            {
                // Nearly every value of the first few thousand is new (ids, timestamps, measurements): a dictionary
                // would not pay, and building it for the rest of the page would only cost time and memory.
                FallBackToPlain();
                if (_codec.IsOrdered(value))
                {
                    _pageBounds.Include(value, in _codec);
                }

                return;
            }

            // A value already met on this page cannot move its bounds: compare each distinct value once per page.
            ref int seen = ref _seenOnPage.ItemRef(index);
            if (seen == _page)
            {
                return;
            }

            seen = _page;
        }
        else
        {
            _pageValues.Add(value);
            _pagePlainBytes += _codec.PlainSize(value);
            InsertIntoBloomFilter(value);
        }

        if (_codec.IsOrdered(value))
        {
            _pageBounds.Include(value, in _codec);
        }
    }

    /// <summary>
    /// The value's dictionary index, adding it if new. Strings that repeat are mostly the same instances (a
    /// reader's dictionary values, a few labels), so a small cache by reference is tried before the dictionary,
    /// which would hash every char again. Only strings: they cannot change, where a byte array reused by the
    /// caller for another value would be the same reference with other bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOf(Dictionary<T, int> dictionary, T value, out bool exists)
    {
        if (typeof(T) == typeof(string))
        {
            ref (object? Value, int Index) cached = ref _recentReferences[RuntimeHelpers.GetHashCode(value) & (RecentReferences - 1)];
            if (ReferenceEquals(cached.Value, value))
            {
                exists = true;
                return cached.Index;
            }

            int index = Lookup(dictionary, value, out exists);
            cached = (value, index);
            return index;
        }

        return Lookup(dictionary, value, out exists);

        static int Lookup(Dictionary<T, int> dictionary, T value, out bool exists)
        {
            ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(dictionary, value, out exists);
            if (!exists)
            {
                index = dictionary.Count - 1;
            }

            return index;
        }
    }

    private void InsertIntoBloomFilter(T value)
    {
        if (_bloomFilter is { } filter)
        {
            _scratch.Clear();
            _codec.WriteBound(value, _scratch);
            filter.Insert(_scratch.Span);
        }
    }

    private bool PageIsFull()
    {
        if (_pageRows >= Settings.PageRowLimit || _fallBackAtNextPage)
        {
            return true;
        }

        return PageBytes() >= Settings.PageSize;
    }

    /// <summary>The page's size as it would be encoded now, about.</summary>
    private long PageBytes()
    {
        long valueBytes = _dictionary is null
            ? _pagePlainBytes
            : ((long)_pageIndexes.Count * RleHybridEncoder.BitWidth(Math.Max(0, _distinct.Count - 1)) / 8);
        long levelBytes = _hasDefinitions || _hasRepetitions ? _pageSlots / 4 : 0;
        return valueBytes + levelBytes;
    }

    private void FlushPage()
    {
        bool dictionary = _dictionary is not null;

        // The first page decides whether a dictionary pays: if it and its indexes are no smaller than the values PLAIN, drop it.
        if (dictionary && !_dictionaryUsed && _dictionaryBytes + ((long)_pageIndexes.Count * RleHybridEncoder.BitWidth(_distinct.Count) / 8) >= _pagePlainBytes)
        {
            FallBackToPlain();
            dictionary = false;
        }

        // The page's buffers are rented for this flush only (released below): a writer holds every column at once.
        _scratch.Clear();
        _scratch.EnsureCapacity((int)Math.Min(Array.MaxLength / 2, PageBytes() + 64));
        int repetitionLength = 0, definitionLength = 0;
        if (_hasRepetitions)
        {
            repetitionLength = WriteLevels(_repetitions.Span, Leaf.MaxRepetitionLevel);
        }

        if (_hasDefinitions)
        {
            definitionLength = WriteLevels(_definitions.Span, Leaf.MaxDefinitionLevel);
        }

        int levelsLength = _scratch.Length;
        ParquetEncoding valueEncoding = ParquetEncoding.RleDictionary;
        if (dictionary)
        {
            int bitWidth = RleHybridEncoder.BitWidth(Math.Max(0, _distinct.Count - 1));
            _scratch.WriteByte((byte)bitWidth);
            RleHybridEncoder.Encode(_pageIndexes.Span, bitWidth, _scratch);
            _dictionaryUsed = true;
        }
        else
        {
            valueEncoding = WriteValues(_scratch);
            _valueEncodings.Add(valueEncoding);
        }

        var header = new PageHeader
        {
            Type = Settings.DataPageV2 ? PageType.DataPageV2 : PageType.DataPage,
            ValueCount = _pageSlots,
            Encoding = valueEncoding,
            DefinitionLevelEncoding = ParquetEncoding.Rle,
            RepetitionLevelEncoding = ParquetEncoding.Rle,
            DefinitionLevelsLength = definitionLength,
            RepetitionLevelsLength = repetitionLength,
            NullCount = _pageNulls,
            RowCount = _pageRows,
            IsCompressed = true,
        };

        RecordSizeStatistics();
        long start = _pages.Length;
        ReadOnlySpan<byte> levels = Settings.DataPageV2 ? _scratch.Span[..levelsLength] : ReadOnlySpan<byte>.Empty;
        ReadOnlySpan<byte> compressible = Settings.DataPageV2 ? _scratch.Span[levelsLength..] : _scratch.Span;
        _uncompressedBytes += WritePage(header, compressible, levels);
        _pages.Append(_header.Span);
        _pages.Append(_body.Span);
        ReleasePageBuffers();
        _pageEntries.Add(new PageEntry(_spilledBytes + start, (int)(_pages.Length - start), _chunkRows, _pageNulls, _pageBounds));
        _chunkBounds.Include(_pageBounds, in _codec);
        _chunkSlots += _pageSlots;
        _chunkRows += _pageRows;
        _chunkNulls += _pageNulls;
        ResetPage();
        if (_fallBackAtNextPage && _dictionary is not null)
        {
            // Pages already written keep the dictionary; the rest of the chunk is PLAIN.
            _dictionary = null;
        }

        _fallBackAtNextPage = false;
    }

    /// <summary>Returns the buffers a page is encoded and compressed in to the pool, until the next page.</summary>
    private void ReleasePageBuffers()
    {
        _scratch.Release();
        _body.Release();
        _plain.Release();
    }

    /// <summary>Encodes the page's values as the column's encoding asks; Auto writes integers delta-packed where that is smaller.</summary>
    private ParquetEncoding WriteValues(ByteBuffer output)
    {
        ReadOnlySpan<T> values = _pageValues.Span;
        switch (Settings.Encoding)
        {
            case ParquetValueEncoding.DeltaBinaryPacked:
                WriteDelta(values, output);
                return ParquetEncoding.DeltaBinaryPacked;
            case ParquetValueEncoding.ByteStreamSplit:
                ReadOnlySpan<byte> plain = Plain(values);
                ByteStreamSplitEncoder.Encode(plain, plain.Length / Math.Max(1, values.Length), output);
                return ParquetEncoding.ByteStreamSplit;
            case ParquetValueEncoding.DeltaLengthByteArray:
                ByteArrayEncoders.DeltaLength(Plain(values), output);
                return ParquetEncoding.DeltaLengthByteArray;
            case ParquetValueEncoding.DeltaByteArray:
                ByteArrayEncoders.Delta(Plain(values), output);
                return ParquetEncoding.DeltaByteArray;
            case ParquetValueEncoding.Auto when Settings.AutoDelta && (typeof(T) == typeof(int) || typeof(T) == typeof(long)):
                int start = output.Length;
                WriteDelta(values, output);
                if (output.Length - start < (long)values.Length * Unsafe.SizeOf<T>())
                {
                    return ParquetEncoding.DeltaBinaryPacked;
                }

                output.Truncate(start);
                _codec.WritePlain(values, output);
                return ParquetEncoding.Plain;
            default:
                _codec.WritePlain(values, output);
                return ParquetEncoding.Plain;
        }
    }

    /// <summary>The page's values PLAIN, in <c>_plain</c>: what the encodings that rearrange them start from.</summary>
    private ReadOnlySpan<byte> Plain(ReadOnlySpan<T> values)
    {
        _plain.Clear();
        _plain.EnsureCapacity((int)Math.Min(Array.MaxLength / 2, _pagePlainBytes));
        _codec.WritePlain(values, _plain);
        return _plain.Span;
    }

    private static void WriteDelta(ReadOnlySpan<T> values, ByteBuffer output)
    {
        ref T first = ref MemoryMarshal.GetReference(values);
        if (typeof(T) == typeof(int))
        {
            DeltaBinaryPackedEncoder.Encode(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, int>(ref first), values.Length), output);
        }
        else
        {
            DeltaBinaryPackedEncoder.Encode(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, long>(ref first), values.Length), output);
        }
    }

    private void FallBackToPlain()
    {
        _chunkDictionary?.Clear();
        _dictionary = null;
        _distinct.Clear();
        _distinctSizes.Clear();
        Array.Clear(_recentReferences);
        _seenOnPage.Clear();
        _dictionaryBytes = 0;
    }

    /// <summary>Levels as the RLE hybrid, with v1's 4-byte length prefix; returns the bytes without the prefix.</summary>
    private int WriteLevels(ReadOnlySpan<int> levels, int maxLevel)
    {
        int start = _scratch.Length;
        if (!Settings.DataPageV2)
        {
            _scratch.WriteInt32(0);
        }

        int encodedStart = _scratch.Length;
        RleHybridEncoder.Encode(levels, RleHybridEncoder.BitWidth(maxLevel), _scratch);
        int length = _scratch.Length - encodedStart;
        if (!Settings.DataPageV2)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_scratch.Written(start, 4), length);
        }

        return length;
    }

    /// <summary>Encodes a page's header into <c>_header</c> and its body into <c>_body</c>: <paramref name="levels"/> as they are (v2), the rest compressed. Returns the uncompressed size with header.</summary>
    private int WritePage(PageHeader header, ReadOnlySpan<byte> compressible, ReadOnlySpan<byte> levels)
    {
        _body.Clear();
        _body.Write(levels);
        _compressor.Compress(compressible, _body);
        int uncompressed = levels.Length + compressible.Length;
        header = header with
        {
            UncompressedSize = uncompressed,
            CompressedSize = _body.Length,
            Crc = Settings.PageChecksums ? (int)Crc32.HashToUInt32(_body.Span) : null,
        };

        _header.Clear();
        header.WriteTo(_header);
        int headerLength = _header.Length;
        if (header.Type == PageType.DictionaryPage)
        {
            _dictionaryUncompressed = headerLength + uncompressed;
        }

        return headerLength + uncompressed;
    }

    /// <summary>Adds the page's level histograms and unencoded bytes to the page index's lists and the chunk's totals.</summary>
    private void RecordSizeStatistics()
    {
        AddHistogram(_definitions.Span, _chunkDefinitionHistogram, _pageDefinitionHistograms);
        AddHistogram(_repetitions.Span, _chunkRepetitionHistogram, _pageRepetitionHistograms);
        if (IsByteArray)
        {
            // PlainSize counts each value's 4-byte length prefix; the statistic is the values' bytes alone.
            long unencoded = _pagePlainBytes - (4L * (_pageSlots - _pageNulls));
            _pageUnencodedBytes.Add(unencoded);
            _chunkUnencodedBytes += unencoded;
        }
    }

    private static void AddHistogram(ReadOnlySpan<int> levels, long[]? chunk, List<long> pages)
    {
        if (chunk is null)
        {
            return;
        }

        Span<long> page = stackalloc long[chunk.Length];
        page.Clear();
        if (chunk.Length == 2)
        {
            // Levels of 0 and 1 (a flat optional column, a list of required values): one vectorized count.
            page[1] = levels.Count(1);
            page[0] = levels.Length - page[1];
        }
        else
        {
            foreach (int level in levels)
            {
                page[level]++;
            }
        }

        for (int level = 0; level < chunk.Length; level++)
        {
            chunk[level] += page[level];
            pages.Add(page[level]);
        }
    }

    private bool IsByteArray => _codec.Type == PhysicalType.ByteArray;

    private SizeStatistics ChunkSizeStatistics() => new(
        IsByteArray ? _chunkUnencodedBytes : null,
        (long[]?)_chunkRepetitionHistogram?.Clone(),
        (long[]?)_chunkDefinitionHistogram?.Clone());

    private void ResetPage()
    {
        _pageValues.Clear();
        _pageIndexes.Clear();
        _definitions.Clear();
        _repetitions.Clear();
        _pageSlots = 0;
        _pageRows = 0;
        _pageNulls = 0;
        _pagePlainBytes = 0;
        _pageBounds = default;
        _rowsUntilCheck = 0;
        _page++;
    }

    private ColumnStatistics ChunkStatistics()
    {
        var statistics = new ColumnStatistics
        {
            NullCount = _chunkNulls,
            DistinctCount = _dictionaryUsed && _valueEncodings.Count == 0 ? _distinct.Count : null,
        };

        if (!_chunkBounds.HasValue)
        {
            return statistics;
        }

        (byte[] min, byte[] max, bool exact) = BoundBytes(_chunkBounds);
        return statistics with { MinValue = min, MaxValue = max, IsExact = exact };
    }

    private ColumnIndex BuildColumnIndex()
    {
        int pages = _pageEntries.Count;
        var nullPages = new bool[pages];
        var mins = new byte[pages][];
        var maxes = new byte[pages][];
        var nullCounts = new long[pages];
        bool ascending = true, descending = true;
        Bounds previous = default;
        for (int page = 0; page < pages; page++)
        {
            PageEntry entry = _pageEntries[page];
            nullCounts[page] = entry.Nulls;
            nullPages[page] = !entry.Bounds.HasValue;
            if (!entry.Bounds.HasValue)
            {
                mins[page] = maxes[page] = [];
                continue;
            }

            (mins[page], maxes[page], _) = BoundBytes(entry.Bounds);
            if (previous.HasValue)
            {
                ascending &= _codec.Compare(previous.Min!, entry.Bounds.Min) <= 0 && _codec.Compare(previous.Max!, entry.Bounds.Max) <= 0;
                descending &= _codec.Compare(previous.Min!, entry.Bounds.Min) >= 0 && _codec.Compare(previous.Max!, entry.Bounds.Max) >= 0;
            }

            previous = entry.Bounds;
        }

        return new ColumnIndex(nullPages, mins, maxes, nullCounts) { BoundaryOrder = ascending ? 1 : descending ? 2 : 0 };
    }

    /// <summary>The bounds' statistics bytes, byte arrays past the bound length truncated to shorter bounds that still hold.</summary>
    private (byte[] Min, byte[] Max, bool Exact) BoundBytes(Bounds bounds)
    {
        T min = bounds.Min, max = bounds.Max;
        _codec.Widen(ref min, ref max);
        _scratch.Clear();
        _codec.WriteBound(min, _scratch);
        byte[] minBytes = _scratch.Span.ToArray();
        _scratch.Clear();
        _codec.WriteBound(max, _scratch);
        byte[] maxBytes = _scratch.Span.ToArray();
        if (_codec.Type != PhysicalType.ByteArray)
        {
            return (minBytes, maxBytes, true);
        }

        bool exact = true;
        if (minBytes.Length > Settings.BoundLength)
        {
            minBytes = BoundTruncation.Lower(minBytes, Settings.BoundLength);
            exact = false;
        }

        if (maxBytes.Length > Settings.BoundLength && BoundTruncation.Upper(maxBytes, Settings.BoundLength) is { } upper)
        {
            maxBytes = upper;
            exact = false;
        }

        return (minBytes, maxBytes, exact);
    }

    private readonly record struct PageEntry(long Offset, int Size, long FirstRow, long Nulls, Bounds Bounds);

    /// <summary>The least and greatest ordered values seen, in the codec's order.</summary>
    private struct Bounds
    {
        public bool HasValue;
        public T Min;
        public T Max;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Include(T value, in TCodec codec) => Widen(ref HasValue, ref Min, ref Max, value, in codec);

        /// <summary>Includes every ordered value of <paramref name="values"/>, keeping the bounds in locals for the pass.</summary>
        public void IncludeAll(ReadOnlySpan<T> values, in TCodec codec)
        {
            bool hasValue = HasValue;
            T min = Min, max = Max;
            foreach (T value in values)
            {
                if (codec.IsOrdered(value))
                {
                    Widen(ref hasValue, ref min, ref max, value, in codec);
                }
            }

            HasValue = hasValue;
            Min = min;
            Max = max;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Widen(ref bool hasValue, ref T min, ref T max, T value, in TCodec codec)
        {
            if (!hasValue)
            {
                hasValue = true;
                min = max = value;
            }
            else if (codec.Compare(value, min) < 0)
            {
                min = value;
            }
            else if (codec.Compare(value, max) > 0)
            {
                max = value;
            }
        }

        public void Include(Bounds other, in TCodec codec)
        {
            if (other.HasValue)
            {
                Include(other.Min, in codec);
                Include(other.Max, in codec);
            }
        }
    }
}
