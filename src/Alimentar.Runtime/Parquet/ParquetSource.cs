using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// Streams a Parquet file as typed batches of <see cref="ParquetReadOptions.BatchSize"/> rows: the seed's <c>ParquetSource</c>.
/// Each pass opens the file once, binds its schema to <typeparamref name="T"/>'s columns (exact name,
/// then case-insensitive, then snake_case to PascalCase; <see cref="ParquetColumnAttribute"/> overrides),
/// and reads only the bound columns.
/// </summary>
/// <remarks>
/// Pages are read and decoded by Alimentar's own page-level reader, a batch at a time: the batch is the
/// unit of memory, not the row group. A pass holds the batches decoded ahead (the dataset's buffer, or
/// <see cref="DecodeAhead(int)"/> when the source is read directly)
/// plus, per bound column, one window of the file, one page and its dictionary, whatever the size of the
/// file and of its row groups. A batch never spans two row groups, so the last batch of a row group may be
/// shorter. Every data page version, encoding and codec that Parquet writers use is read; page CRCs are
/// checked where the writer stored them (<see cref="VerifyPageChecksums(bool)"/>).
/// <para>Like every configurable type in Alimentar, its settings change the object they are called on and
/// return it, so <c>source.BatchSize(1024);</c> on its own line takes effect. They live in <see cref="Options"/>,
/// each named as the call that sets it; a pass (and each unit a planned pass reads) takes them as they are when it
/// opens the file.</para>
/// </remarks>
/// <example>
/// <code>
/// var source = new ParquetSource&lt;Trip&gt;("trips.parquet").BatchSize(1024);
/// using var streaming = new StreamingDataset&lt;Trip&gt;(source, bufferSize: 16);
/// </code>
/// </example>
/// <typeparam name="T">The row type.</typeparam>
public sealed partial class ParquetSource<T> : IBatchSource<T>, IUnitSource<T>, IPreparableSource
    where T : IStreamingRow<T>
{
    // Opens what one pass reads pages from: positional reads for a path, a locked stream otherwise.
    /// <summary>Opens what a pass reads pages from; an object store's reader counts the bytes it fetches ahead in the tracker given.</summary>
    private readonly Func<MemoryTracker?, CancellationToken, ValueTask<IRangeReader>> _open;
    private long[]? _unitRowCounts;

    // Sources pinned to one version of their file (object stores) parse its footer once, not once per unit, and keep
    // it in the process's footer cache (null for a local file, which may change between passes).
    private readonly FooterCache.Slot? _footerSlot;
    private readonly bool _sharesOneStream;
    private int _streamInUse;

    // A table's file (Delta's) is read with the table's column names and partition values, not its own.
    private TableFileView? _view;

    /// <summary>Streams the file at <paramref name="path"/>; every pass opens it anew, so passes may run at once.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <exception cref="SourceUnavailableException">The path is missing or is a directory.</exception>
    public ParquetSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw AlimentarThrow.Unavailable(path, "it is a directory, not a Parquet file");
        }

        if (!File.Exists(path))
        {
            throw AlimentarThrow.Unavailable(path, "the file does not exist");
        }

        Name = path;
        _open = (_, _) => ValueTask.FromResult<IRangeReader>(OpenFile(path));
    }

    /// <summary>Streams a seekable stream. Passes over one stream cannot overlap; the stream stays open.</summary>
    /// <param name="stream">A readable, seekable stream holding a Parquet file.</param>
    /// <param name="name">What error messages and batch positions call the stream.</param>
    /// <exception cref="ArgumentException">The stream cannot read or seek.</exception>
    public ParquetSource(Stream stream, string name = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("A Parquet stream must be readable and seekable.", nameof(stream));
        }

        Name = name;
        _sharesOneStream = true;
        var gate = new SemaphoreSlim(1, 1);
        _open = (_, _) => ValueTask.FromResult<IRangeReader>(new StreamRangeReader(stream, gate));
    }

    /// <summary>Streams whatever <paramref name="openStream"/> opens; it is called once per pass and the stream disposed after.</summary>
    /// <param name="openStream">Opens a readable, seekable stream holding a Parquet file.</param>
    /// <param name="name">What error messages and batch positions call the stream.</param>
    public ParquetSource(Func<CancellationToken, ValueTask<Stream>> openStream, string name)
    {
        ArgumentNullException.ThrowIfNull(openStream);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _open = async (_, cancellationToken) =>
        {
            Stream stream = await openStream(cancellationToken).ConfigureAwait(false);
            if (stream.CanRead && stream.CanSeek)
            {
                return new StreamRangeReader(stream);
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            throw AlimentarThrow.Unavailable(name, "the stream it opened cannot read and seek, which Parquet needs (its footer is at the end)");
        };
    }

    /// <summary>
    /// Streams the object <paramref name="key"/> of <paramref name="store"/> (S3, Azure Blob, HTTP or local) with range
    /// requests: the footer with one request, then the bound columns' chunks, merged and fetched ahead in parallel.
    /// The first pass pins the object's ETag; a later pass, or a read mid-pass, of a replaced object fails with
    /// <see cref="SourceUnavailableException"/> rather than mixing two versions. The footer is parsed once per source
    /// and kept for later units and passes in a cache the process shares (a thirty-second of its memory, at most
    /// 256 MiB); a footer let go from it is fetched again, at the version pinned.
    /// </summary>
    /// <param name="store">Where the object lives.</param>
    /// <param name="key">The object's key.</param>
    /// <param name="options">Request sizes, parallelism, retries and timeouts; <see cref="ObjectReadOptions.Default"/> when null.</param>
    public ParquetSource(IObjectStore store, string key, ObjectReadOptions? options = null)
        : this(store, key, known: null, options)
    {
    }

    /// <summary>As the public constructor, for an object a listing already described (its length and ETag), which saves a request.</summary>
    internal ParquetSource(IObjectStore store, string key, ObjectInfo? known, ObjectReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Name = ObjectRangeReader.NameOf(store, key);
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        ObjectInfo? pinned = known;
        _footerSlot = new FooterCache.Slot();
        _open = async (tracker, cancellationToken) =>
        {
            ObjectRangeReader reader = await ObjectRangeReader.OpenAsync(store, key, Volatile.Read(ref pinned), settings, tracker, cancellationToken).ConfigureAwait(false);
            Interlocked.CompareExchange(ref pinned, reader.Object, null);
            return reader;
        };
    }

    /// <summary>
    /// Every Parquet object under <paramref name="prefix"/> of <paramref name="store"/>, read one after another in
    /// ordinal key order (so every pass, and every rank, sees them alike); listed once, now, with lengths and
    /// ETags, so opening each file costs no extra request. A key with a part below the prefix's folder that starts
    /// with <c>_</c> or <c>.</c> is left out, as from a directory (<see cref="FromDirectory"/>). A Delta Lake table (a
    /// <c>_delta_log/</c> folder beside the prefix), or a partition folder of one, is read as its log says, as from a
    /// directory.
    /// </summary>
    /// <param name="store">Where the objects live.</param>
    /// <param name="prefix">The key prefix, e.g. <c>trips/</c>.</param>
    /// <param name="configure">Applied to each object's source, e.g. <c>s =&gt; s.BatchSize(1024)</c>.</param>
    /// <param name="options">Request sizes, parallelism, retries and timeouts.</param>
    /// <param name="suffix">Which keys are Parquet files (default <c>.parquet</c>; empty for every key).</param>
    /// <returns>A source over the objects.</returns>
    /// <exception cref="SourceUnavailableException">The listing failed after its retries (as reads are retried), or found no object.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">A Delta table uses what its log alone cannot honour, or the dataset is an Apache Iceberg or Hudi table (whose files are not all its rows), which is refused rather than read file by file.</exception>
    /// <exception cref="CorruptParquetFileException">A Delta table's deletion vector is damaged or disagrees with its log.</exception>
    public static IBatchSource<T> FromStore(IObjectStore store, string prefix, Func<ParquetSource<T>, ParquetSource<T>>? configure = null, ObjectReadOptions? options = null, string suffix = ".parquet")
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        List<ObjectInfo> listed = ObjectListing.Take(store, prefix, options ?? ObjectReadOptions.Default);
        string root = prefix[..(prefix.LastIndexOf('/') + 1)];
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        if (DeltaTableLocator.Find(store, root, listed, settings) is (string table, Dictionary<string, ObjectInfo> logObjects))
        {
            return DeltaFiles(DeltaTableListing.InStore(store, root, listed, table, logObjects, version: null, options), configure, options);
        }

        List<ObjectInfo> objects = DatasetPaths.StoreObjects(store, prefix, listed, suffix);
        return new ChainedSource<T>(objects.Select(o =>
        {
            var source = new ParquetSource<T>(store, o.Key, o, options);
            return configure is null ? source : configure(source);
        }));
    }

    /// <summary>
    /// Every Parquet file in a directory (and its subdirectories, as Spark and Hive partition them), read one
    /// after another in ordinal path order, so every pass visits them alike. As Spark, Hive and Arrow do, a path
    /// below the directory with a part that starts with <c>_</c> or <c>.</c> is left out (<c>_temporary</c>
    /// attempts, <c>.ipynb_checkpoints</c> copies, hidden files); name such a file in a <see cref="ChainedSource{T}"/> to read it.
    /// A Delta Lake table (a directory with a <c>_delta_log</c> folder), or a partition folder of one
    /// (<c>table/city=Lisbon</c>), is read as the table's commit log says: the files of its current version only, not
    /// those its updates and compactions replaced, less the rows their deletion vectors delete, with their partition
    /// values and (under column mapping) column names from the log (early commits cleaned up with no classic
    /// checkpoint are refused, not read wrongly).
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <param name="searchPattern">Which files to read.</param>
    /// <returns>A source over the files, each configured by <paramref name="configure"/> when given.</returns>
    /// <param name="configure">Applied to each file's source, e.g. <c>s =&gt; s.BatchSize(1024)</c>.</param>
    /// <exception cref="SourceUnavailableException">The directory is missing or holds no matching file, or a Delta table's log names a file that is not there.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">A Delta table uses what its log alone cannot honour, or the dataset is an Apache Iceberg or Hudi table (whose files are not all its rows), which is refused rather than read file by file.</exception>
    /// <exception cref="CorruptParquetFileException">A Delta table's deletion vector is damaged or disagrees with its log.</exception>
    public static IBatchSource<T> FromDirectory(string directory, string searchPattern = "*.parquet", Func<ParquetSource<T>, ParquetSource<T>>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw AlimentarThrow.Unavailable(directory, "the directory does not exist");
        }

        if (DeltaTableLocator.Find(directory) is { } table)
        {
            return DeltaFiles(DeltaTableListing.Local(directory, table, version: null), configure, options: null);
        }

        string[] files = DatasetPaths.LocalFiles(directory, searchPattern);
        return new ChainedSource<T>(files.Select(file => configure is null ? new ParquetSource<T>(file) : configure(new ParquetSource<T>(file))));
    }

    /// <summary>The path, or the name given to the stream.</summary>
    public string Name { get; }

    /// <summary>The rows per batch unless <see cref="BatchSize(int)"/> says otherwise.</summary>
    public const int DefaultBatchSize = ParquetReadOptions.DefaultBatchSize;

    /// <summary>The most bytes of decoded values a batch holds unless <see cref="BatchBytes(long)"/> says otherwise: 16 MiB.</summary>
    public const long DefaultBatchBytes = ParquetReadOptions.DefaultBatchBytes;

    /// <summary>How this source reads, each setting named as the fluent call that sets it; a pass reads them when it starts.</summary>
    public ParquetReadOptions Options { get; private set; } = ParquetReadOptions.Default;

    /// <summary>Rows per batch (<see cref="ParquetReadOptions.BatchSize"/>).</summary>
    [Obsolete("Use Options.BatchSize, named as the BatchSize call that sets it.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public int RowsPerBatch => Options.BatchSize;

    /// <summary>The most bytes of decoded values a batch holds (<see cref="ParquetReadOptions.BatchBytes"/>).</summary>
    [Obsolete("Use Options.BatchBytes, named as the BatchBytes call that sets it.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public long BytesPerBatch => Options.BatchBytes;

    /// <summary>Batches decoded ahead (<see cref="ParquetReadOptions.DecodeAhead"/>).</summary>
    [Obsolete("Use Options.DecodeAhead, named as the DecodeAhead call that sets it.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public int BatchesDecodedAhead => Options.DecodeAhead;

    /// <summary>Whether page CRCs are checked (<see cref="ParquetReadOptions.VerifyPageChecksums"/>).</summary>
    [Obsolete("Use Options.VerifyPageChecksums, named as the VerifyPageChecksums call that sets it.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public bool ChecksPageChecksums => Options.VerifyPageChecksums;

    /// <summary>Where column buffers are rented from (<see cref="ParquetReadOptions.BufferPool"/>).</summary>
    [Obsolete("Use Options.BufferPool, set by WithBufferPool.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public ColumnBufferPool Pool => Options.BufferPool;

    /// <summary>Reads with <paramref name="options"/> from the next pass on, replacing every setting at once.</summary>
    /// <param name="options">The options, for example read from configuration.</param>
    /// <returns>This source, configured.</returns>
    public ParquetSource<T> WithOptions(ParquetReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        return this;
    }

    /// <summary>Reads batches of at most <paramref name="rows"/> rows from the next pass on.</summary>
    /// <param name="rows">Rows per batch; a batch's memory is about this many rows of the bound columns.</param>
    /// <returns>This source, configured.</returns>
    public ParquetSource<T> BatchSize(int rows) => WithOptions(Options with { BatchSize = rows });

    /// <summary>
    /// Caps batches by bytes as well as rows, from the next pass on: in each row group, a batch holds at most as many
    /// rows as fit in <paramref name="bytes"/> by the row group's uncompressed size per row (never fewer than one,
    /// never more than <see cref="ParquetReadOptions.BatchSize"/>), and as many as fit a sixteenth of it by the size per row of its
    /// text and binary columns, records, maps and lists of lists, whose values are objects the collector traces (a
    /// record's or map's bytes count several times over, for the objects they become). The default, <see cref="DefaultBatchBytes"/>,
    /// changes nothing for rows of a few hundred bytes, keeps batches of long token lists near 16 MiB instead of
    /// 75 MB, and batches of long texts near 1 MiB, which are read while in cache and die young.
    /// </summary>
    /// <param name="bytes">Bytes per batch; <see cref="long.MaxValue"/> to size batches by rows alone.</param>
    /// <returns>This source, configured.</returns>
    public ParquetSource<T> BatchBytes(long bytes) => WithOptions(Options with { BatchBytes = bytes });

    /// <summary>
    /// Decodes <paramref name="batches"/> batches ahead on another thread, from the next pass on, when the source is
    /// read directly; under a dataset its buffer decodes ahead instead (<see cref="ParquetReadOptions.DecodeAhead"/>).
    /// </summary>
    /// <param name="batches">0 to decode only on the caller's thread; each more holds one more decoded batch.</param>
    /// <returns>This source, configured.</returns>
    public ParquetSource<T> DecodeAhead(int batches) => WithOptions(Options with { DecodeAhead = batches });

    /// <summary>
    /// Decodes each batch's columns on up to <paramref name="threads"/> threads side by side, from the next pass on: a
    /// batch of several columns is decoded in about the time of its largest columns rather than of all of them. Batches
    /// keep their order and memory is unchanged (one batch is decoded at a time); record columns are decoded on the
    /// decoding thread, as are batches whose columns but the largest hold under 64 KiB.
    /// </summary>
    /// <param name="threads">1 to decode a batch's columns one after another; the default is the processor count.</param>
    /// <returns>This source, configured.</returns>
    public ParquetSource<T> DecodeThreads(int threads) => WithOptions(Options with { DecodeThreads = threads });

    /// <summary>Checks page CRCs (the default) or skips the check for speed, from the next pass on.</summary>
    /// <param name="verify">False to skip the check.</param>
    /// <returns>This source, configured.</returns>
    public ParquetSource<T> VerifyPageChecksums(bool verify = true) => WithOptions(Options with { VerifyPageChecksums = verify });

    /// <summary>
    /// Reads a nullable member as null in every row of a file that lacks its column, from the next pass on: a dataset
    /// whose newer files gained a column reads its older files too. Applies to every nullable member of the row type:
    /// values (<c>double?</c>, <c>DateTime?</c>), <c>string?</c>, <c>byte[]?</c>, and lists, maps and records declared
    /// nullable. Records grow too: a nullable field of any type that a group of the file lacks reads as null wherever
    /// the group is present. A missing column for a member or field that is not nullable still fails with a
    /// <see cref="SchemaMismatchException"/> naming it, as does a column that is there with another type. A filter on
    /// such a member sees null in every row.
    /// </summary>
    /// <param name="enabled">False to fail on a missing column again (the default).</param>
    /// <returns>This source, configured.</returns>
    public ParquetSource<T> MissingColumnsAsNull(bool enabled = true) => WithOptions(Options with { MissingColumnsAsNull = enabled });

    /// <summary>Rents column buffers from <paramref name="pool"/>, from the next pass on.</summary>
    /// <param name="pool">The pool; count its outstanding buffers to find leaks.</param>
    /// <returns>This source, configured.</returns>
    public ParquetSource<T> WithBufferPool(ColumnBufferPool pool) => WithOptions(Options with { BufferPool = pool });

    /// <inheritdoc />
    public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_sharesOneStream && Interlocked.Exchange(ref _streamInUse, 1) != 0)
        {
            throw new InvalidOperationException($"'{Name}' is already being read: passes over one stream cannot overlap. Give the source a path or a stream factory to read it more than once at a time.");
        }

        try
        {
            ParquetReadOptions options = Options;
            // Under a dataset (or any pump) decoding is already off the consumer's thread and ahead of it, by the
            // dataset's buffer: a second pump would only hold more batches. Read directly, it is this source's own.
            if (options.DecodeAhead == 0 || PassContext.Current is not null)
            {
                await foreach (Batch<T> batch in DecodeAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }

                yield break;
            }

            // Decoding runs on another thread, up to DecodeAhead batches ahead of the caller.
            await using var pump = new BatchPump<T>(DecodeAsync, new FlowSettings(options.DecodeAhead, 0, 0, IsInner: true), tracker: null, cancellationToken);
            while (await pump.ReadAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                yield return batch;
            }
        }
        finally
        {
            if (_sharesOneStream)
            {
                Volatile.Write(ref _streamInUse, 0);
            }
        }
    }

    /// <summary>Reads the file's row groups in order, each a batch at a time.</summary>
    private async IAsyncEnumerable<Batch<T>> DecodeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (TableRulesOut())
        {
            yield break;
        }

        await using ParquetFileReader<T> reader = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        if (ActiveFilter is { } filter)
        {
            await foreach (Batch<T> batch in DecodeFilteredAsync(reader, filter, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        for (int index = 0; index < reader.RowGroupCount; index++)
        {
            using RowGroupReader rowGroup = reader.OpenRowGroup(index, readAhead: true);
            AlimentarMetrics.BytesReadCounter.Add(rowGroup.CompressedBytes);
            long offset = 0;
            await foreach (ColumnStore<T> store in reader.ReadBatchesAsync(rowGroup, Reading(reader, [new RowRange(0, rowGroup.Rows)], []), cancellationToken).ConfigureAwait(false))
            {
                yield return Batch<T>.FromStore(store, new BatchPosition(Name, index, (int)offset));
                offset += store.Count;
            }
        }
    }

    /// <summary>A read of a row group's <paramref name="ranges"/>, in the batch sizes <paramref name="reader"/> was opened with.</summary>
    private static RowGroupReading Reading(ParquetFileReader<T> reader, IReadOnlyList<RowRange> ranges, IReadOnlyList<OffsetIndex?> offsets, bool byPages = false, FilterNode? filter = null) =>
        new(ranges, offsets, byPages, filter, reader.Options.BatchSize, reader.Options.BatchBytes, reader.Memory);

    int IUnitSource<T>.BatchRows => Options.BatchSize;

    /// <summary>Over an object store, fetches and parses the footer now, so the pass that follows starts with its first row group.</summary>
    async Task IPreparableSource.PrepareAsync(CancellationToken cancellationToken)
    {
        if (_footerSlot is null || CachedFooter() is not null)
        {
            return;
        }

        try
        {
            await using ParquetFile file = await ParquetFile.OpenAsync(OpenPagesAsync, Name, cancellationToken).ConfigureAwait(false);
            Remember(file.Metadata);
        }
        catch (Exception error) when (error is AlimentarException or OperationCanceledException)
        {
            // The pass itself reports what went wrong, where it happens.
        }
    }

    async ValueTask<IReadOnlyList<long>> IUnitSource<T>.GetUnitRowCountsAsync(CancellationToken cancellationToken)
    {
        // The footer is read once per source: planning asks for it again for every unit a chain reads.
        if (Volatile.Read(ref _unitRowCounts) is { } known)
        {
            return known;
        }

        if (TableRulesOut())
        {
            return [];
        }

        // Opening binds the schema: a file of another schema is found while planning, before any rank reads a row.
        await using ParquetFileReader<T> reader = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        long[] counts = ActiveFilter is null
            ? reader.File.Metadata.RowGroups.Select(g => g.RowCount).ToArray()
            : await CountMatchingRowsAsync(reader, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _unitRowCounts, counts);
        return counts;
    }

    async IAsyncEnumerable<Batch<T>> IUnitSource<T>.ReadUnitAsync(int unit, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (ActiveFilter is not null)
        {
            await foreach (Batch<T> batch in ReadFilteredUnitAsync(unit, skip, take, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        await using ParquetFileReader<T> reader = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using RowGroupReader rowGroup = reader.OpenRowGroup(unit);
        AlimentarMetrics.BytesReadCounter.Add(rowGroup.CompressedBytes);

        // Rows before the stretch (a resume, a shard's share of the row group) are passed over by the offset
        // index where every column has one, so only the pages holding the stretch are read; otherwise they are
        // decoded and dropped, without a store for them. Less than a batch is not worth the index's read.
        IReadOnlyList<OffsetIndex?> offsets = skip >= reader.Options.BatchSize
            ? await new PageIndexReader(reader.File, reader.Binding).LoadOffsetIndexesAsync(unit, [], cancellationToken).ConfigureAwait(false)
            : [];
        long offset = skip;
        await foreach (ColumnStore<T> store in reader.ReadBatchesAsync(rowGroup, Reading(reader, [new RowRange(skip, take)], offsets), cancellationToken).ConfigureAwait(false))
        {
            yield return Batch<T>.FromStore(store, new BatchPosition(Name, unit, (int)offset));
            offset += store.Count;
        }
    }

    /// <summary>Opens the file for one pass or one unit, binding its schema; the footer comes from the cache when the source keeps one.</summary>
    private async ValueTask<ParquetFileReader<T>> OpenReaderAsync(CancellationToken cancellationToken)
    {
        // What the page readers hold (windows, pages, levels, dictionaries, bytes fetched ahead) counts in the
        // pass's memory: the one place a source learns which pass it serves (docs/architecture.md, "Decided").
        MemoryTracker? memory = PassContext.Current?.Memory;
        ParquetFileReader<T> reader = await ParquetFileReader<T>.OpenAsync(
            token => _open(memory, token), Name, Options, cancellationToken, CachedFooter(), _nestedFilterPaths, memory, _view).ConfigureAwait(false);
        Remember(reader.File.Metadata);
        return reader;
    }

    private void Remember(FileMetadata footer)
    {
        if (_footerSlot is { } slot)
        {
            FooterCache.Shared.Remember(slot, footer);
        }
    }

    private FileMetadata? CachedFooter() => _footerSlot is { } slot ? FooterCache.Shared.Footer(slot) : null;

    /// <summary>Opens what a pass, or planning, reads pages and footers from.</summary>
    private ValueTask<IRangeReader> OpenPagesAsync(CancellationToken cancellationToken) => _open(null, cancellationToken);

    private static FileRangeReader OpenFile(string path)
    {
        try
        {
            return FileRangeReader.Open(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw AlimentarThrow.Unavailable(path, error.Message.TrimEnd('.'), error);
        }
    }
}
