using System.Reflection;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// Writes one Parquet file to a stream: the magic, then each row group's column chunks as their pages complete, then
/// the Bloom filters of the row group, and at the end the column and offset indexes and the footer. It holds one row
/// group's encoded pages per column (the chunks must lie one after another in the file) and the page being built;
/// with <see cref="ParquetWriteOptions.SpillBytes"/>, finished pages past that many bytes wait in a temporary file.
/// </summary>
internal sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _output;
    private readonly WriteSchema _schema;
    private readonly LeafWriter[] _leaves;
    private readonly PageColumnWriter _columns;
    private readonly ParquetWriteOptions _options;
    private readonly List<WrittenRowGroup> _rowGroups = [];
    private readonly SortingColumn[] _sorting;
    private readonly PageSpill? _spill;
    private long _position;
    private long _rowCount;

    public ParquetFileWriter(Stream output, RowSchema rowSchema, ParquetWriteOptions options)
    {
        _output = output;
        _options = options;
        _schema = WriteSchema.Of(rowSchema);
        IReadOnlyList<LeafColumn> leaves = _schema.File.Leaves;
        _leaves = new LeafWriter[leaves.Count];
        try
        {
            for (int i = 0; i < _leaves.Length; i++)
            {
                _leaves[i] = LeafTypes.CreateWriter(leaves[i], _schema.LeafDescriptors[i], SettingsFor(leaves[i].Path, options));
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        _columns = new PageColumnWriter(_schema, _leaves, rowSchema, options.MaxDegreeOfParallelism);
        _sorting = options.SortingColumns.Select(s => new SortingColumn(LeafIndexOf(s.Column), s.Descending, s.NullsFirst)).ToArray();
        _spill = options.SpillBytes is null ? null : new PageSpill(options.SpillDirectory ?? Path.GetTempPath());
    }

    /// <summary>Where generated code writes a slice of rows.</summary>
    public PageColumnWriter Columns => _columns;

    /// <summary>Bytes written to the output so far.</summary>
    public long BytesWritten => _position;

    /// <summary>Encoded bytes of the row group being written, in memory or spilled.</summary>
    public long RowGroupBytes => _leaves.Sum(l => l.BufferedBytes + l.SpilledBytes);

    /// <summary>Encoded bytes of the row group being written held in memory.</summary>
    public long BufferedBytes => _leaves.Sum(l => l.BufferedBytes);

    /// <summary>The spill file while it exists (for tests).</summary>
    internal string? SpillPath => _spill?.Path;

    /// <summary>
    /// Moves every column's finished pages to the spill file once the row group holds more than
    /// <see cref="ParquetWriteOptions.SpillBytes"/> in memory. Pages being built and dictionaries stay: they are still changing.
    /// </summary>
    public async ValueTask SpillIfOverAsync(CancellationToken cancellationToken)
    {
        if (_spill is null || BufferedBytes <= _options.SpillBytes)
        {
            return;
        }

        foreach (LeafWriter leaf in _leaves)
        {
            long? offset = null;
            long length = 0;
            foreach (ReadOnlyMemory<byte> pages in leaf.FinishedPages)
            {
                // Segments go to the end of the spill file one after another, so the chunk's pages stay one run there.
                long at = await _spill.AppendAsync(pages, cancellationToken).ConfigureAwait(false);
                offset ??= at;
                length += pages.Length;
            }

            if (offset is long first)
            {
                leaf.PagesSpilled(new SpilledPages(first, length));
            }
        }
    }

    public async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        await WriteAsync(Magic, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the row group whose slices went to <see cref="Columns"/>: its chunks, then its Bloom filters.</summary>
    public async ValueTask FinishRowGroupAsync(long rows, CancellationToken cancellationToken)
    {
        var chunks = new ColumnChunkMetadata[_leaves.Length];
        var offsetIndexes = new OffsetIndex?[_leaves.Length];
        var columnIndexes = new ColumnIndex?[_leaves.Length];
        var bloomFilters = new BloomFilter?[_leaves.Length];
        long uncompressed = 0;
        EncodedChunk?[] finished = FinishChunks();
        for (int i = 0; i < _leaves.Length; i++)
        {
            using EncodedChunk chunk = finished[i]!;
            long start = _position;
            await WriteAsync(chunk.DictionaryPage.Memory, cancellationToken).ConfigureAwait(false);
            foreach (SpilledPages spilled in chunk.Spilled)
            {
                await _spill!.CopyToAsync(_output, spilled, cancellationToken).ConfigureAwait(false);
                _position += spilled.Length;
            }

            foreach (ReadOnlyMemory<byte> pages in chunk.Pages.Segments)
            {
                await WriteAsync(pages, cancellationToken).ConfigureAwait(false);
            }

            chunks[i] = chunk.Metadata with
            {
                DataPageOffset = chunk.Metadata.DataPageOffset + start,
                DictionaryPageOffset = chunk.Metadata.DictionaryPageOffset + start,
            };
            offsetIndexes[i] = chunk.OffsetIndex is { } index ? index with { Offsets = index.Offsets.Select(o => o + start).ToArray() } : null;
            columnIndexes[i] = chunk.ColumnIndex;
            bloomFilters[i] = chunk.BloomFilter;
            uncompressed += chunk.Metadata.TotalUncompressedSize;
        }

        using var buffer = new ByteBuffer();
        for (int i = 0; i < _leaves.Length; i++)
        {
            if (bloomFilters[i] is { } filter)
            {
                buffer.Clear();
                filter.WriteTo(buffer);
                chunks[i] = chunks[i] with { BloomFilterOffset = _position, BloomFilterLength = buffer.Length };
                await WriteAsync(buffer.Memory, cancellationToken).ConfigureAwait(false);
            }
        }

        _spill?.Reset();
        _rowGroups.Add(new WrittenRowGroup(new RowGroupMetadata(rows, uncompressed, chunks) { SortingColumns = _sorting }, offsetIndexes, columnIndexes));
        _rowCount += rows;
    }

    /// <summary>Flushes every leaf's last page, in parallel as slices are encoded; on an error, the chunks made are released.</summary>
    private EncodedChunk?[] FinishChunks()
    {
        var finished = new EncodedChunk?[_leaves.Length];
        try
        {
            ColumnParallelism.For(_leaves.Length, _options.MaxDegreeOfParallelism, i => finished[i] = _leaves[i].FinishChunk());
        }
        catch
        {
            foreach (EncodedChunk? chunk in finished)
            {
                chunk?.Dispose();
            }

            throw;
        }

        return finished;
    }

    /// <summary>Writes the page indexes and the footer; the stream then holds a complete file.</summary>
    public async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        using var buffer = new ByteBuffer();
        var rowGroups = _rowGroups.Select(g => g.Metadata.Columns.ToArray()).ToArray();
        for (int g = 0; g < _rowGroups.Count; g++)
        {
            for (int c = 0; c < rowGroups[g].Length; c++)
            {
                if (_rowGroups[g].ColumnIndexes[c] is { } columnIndex)
                {
                    buffer.Clear();
                    columnIndex.WriteTo(buffer);
                    rowGroups[g][c] = rowGroups[g][c] with { ColumnIndexOffset = _position, ColumnIndexLength = buffer.Length };
                    await WriteAsync(buffer.Memory, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        for (int g = 0; g < _rowGroups.Count; g++)
        {
            for (int c = 0; c < rowGroups[g].Length; c++)
            {
                if (_rowGroups[g].OffsetIndexes[c] is { } offsetIndex)
                {
                    buffer.Clear();
                    offsetIndex.WriteTo(buffer);
                    rowGroups[g][c] = rowGroups[g][c] with { OffsetIndexOffset = _position, OffsetIndexLength = buffer.Length };
                    await WriteAsync(buffer.Memory, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var metadata = new FileMetadata(
            _rowCount,
            CreatedBy,
            _schema.File,
            _rowGroups.Select((g, i) => g.Metadata with { Columns = rowGroups[i] }).ToArray(),
            _options.Metadata.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)).ToArray());
        buffer.Clear();
        FooterWriter.Write(buffer, metadata);
        int footerLength = buffer.Length;
        buffer.WriteInt32(footerLength);
        buffer.Write(Magic);
        await WriteAsync(buffer.Memory, cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (LeafWriter? leaf in _leaves)
        {
            leaf?.Dispose();
        }

        _columns?.Dispose();
        _spill?.Dispose();
    }

    /// <summary>The <c>created_by</c> string, in the form readers parse: "name version x.y.z (build hash)".</summary>
    internal static string CreatedBy { get; } = $"Alimentar version {VersionOf(typeof(ParquetFileWriter).Assembly)}";

    private static string VersionOf(Assembly assembly)
    {
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = version.IndexOf('+');
        return plus < 0 ? version : $"{version[..plus]} (build {version[(plus + 1)..]})";
    }

    private static LeafWriteSettings SettingsFor(ColumnPath path, ParquetWriteOptions options)
    {
        ParquetColumnOptions? column = null;
        int best = -1;
        string dotted = string.Join('.', path.Parts);
        foreach ((string name, ParquetColumnOptions candidate) in options.Columns)
        {
            if (Covers(name, dotted) && name.Length > best)
            {
                column = candidate;
                best = name.Length;
            }
        }

        return new LeafWriteSettings
        {
            Codec = CodecOf(column?.Compression ?? options.Compression),
            CompressionLevel = column?.CompressionLevel ?? options.CompressionLevel,
            PageSize = options.PageSize,
            PageRowLimit = options.PageRowLimit,
            Dictionary = (column?.Dictionary ?? options.Dictionary) && (column?.Encoding ?? ParquetValueEncoding.Auto) == ParquetValueEncoding.Auto,
            Encoding = column?.Encoding ?? ParquetValueEncoding.Auto,
            DictionaryPageSize = options.DictionaryPageSize,
            DataPageV2 = options.DataPageV2,
            PageChecksums = options.PageChecksums,
            PageIndex = options.PageIndex,
            BloomFilterFalsePositiveRate = column?.BloomFilterFalsePositiveRate,
            BloomFilterDistinctValues = column?.BloomFilterDistinctValues ?? ParquetColumnOptions.DefaultBloomFilterDistinctValues,
        };
    }

    private static bool Covers(string name, string dotted) =>
        dotted.Equals(name, StringComparison.Ordinal) || (dotted.StartsWith(name, StringComparison.Ordinal) && dotted[name.Length] == '.');

    private int LeafIndexOf(string column)
    {
        for (int i = 0; i < _schema.File.Leaves.Count; i++)
        {
            if (Covers(column, string.Join('.', _schema.File.Leaves[i].Path.Parts)))
            {
                return i;
            }
        }

        throw new ArgumentException($"The sorting column '{column}' is not a column of the file.", nameof(ParquetWriteOptions.SortingColumns));
    }

    private static CompressionCodec CodecOf(ParquetCompression compression) => compression switch
    {
        ParquetCompression.None => CompressionCodec.Uncompressed,
        ParquetCompression.Snappy => CompressionCodec.Snappy,
        ParquetCompression.Gzip => CompressionCodec.Gzip,
        ParquetCompression.Zstd => CompressionCodec.Zstd,
        ParquetCompression.Lz4 => CompressionCodec.Lz4Raw,
        ParquetCompression.Brotli => CompressionCodec.Brotli,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown compression."),
    };

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        _position += bytes.Length;
    }

    private sealed record WrittenRowGroup(RowGroupMetadata Metadata, OffsetIndex?[] OffsetIndexes, ColumnIndex?[] ColumnIndexes);
}
