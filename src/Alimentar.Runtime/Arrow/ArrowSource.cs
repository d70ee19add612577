using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Alimentar;

/// <summary>
/// Streams an Arrow IPC stream or file (Feather v2) as typed batches, one per record batch, binding fields to
/// <typeparamref name="T"/>'s columns by the same name rules as Parquet files; LZ4 and ZSTD bodies are decompressed.
/// </summary>
/// <remarks>
/// It takes part in shuffled, sharded and resumed passes with record batches as its units: planning reads
/// the stream's framing once (stepping over bodies, by seeking where the stream can) to count each batch's
/// rows, and a unit is then read on its own, by its offset. A stream with dictionary batches is read in order
/// up to the unit instead, since its batches depend on the dictionaries before them.
/// </remarks>
/// <example><code>var source = new ArrowSource&lt;Trip&gt;("trips.arrows");</code></example>
/// <typeparam name="T">The row type.</typeparam>
public sealed class ArrowSource<T> : IBatchSource<T>, IUnitSource<T>
    where T : IStreamingRow<T>
{
    private readonly Func<CancellationToken, ValueTask<Stream>> _open;
    private readonly bool _leaveOpen;
    private readonly bool _readOnce;

    /// <summary>Decompresses LZ4_FRAME and ZSTD bodies, which pyarrow's Feather writer and Polars write on request.</summary>
    private static readonly Apache.Arrow.Compression.CompressionCodecFactory Codecs = new();

    // A stream given once is shared by every reader of it: they take turns.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ArrowIpcIndex? _index;

    /// <summary>Streams the Arrow IPC stream or file at <paramref name="path"/>.</summary>
    /// <param name="path">An Arrow IPC stream (<c>.arrows</c>) or file (<c>.arrow</c>, <c>.feather</c>).</param>
    /// <exception cref="SourceUnavailableException">The file does not exist.</exception>
    public ArrowSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw AlimentarThrow.Unavailable(path, "the file does not exist");
        }

        Name = path;
        _open = _ => ValueTask.FromResult<Stream>(File.OpenRead(path));
    }

    /// <summary>Streams whatever <paramref name="openStream"/> opens; called once per pass, the stream disposed after.</summary>
    /// <param name="openStream">Opens an Arrow IPC stream.</param>
    /// <param name="name">What messages and positions call it.</param>
    public ArrowSource(Func<CancellationToken, ValueTask<Stream>> openStream, string name)
    {
        ArgumentNullException.ThrowIfNull(openStream);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _open = openStream;
    }

    /// <summary>Streams an Arrow IPC stream; a seekable stream rewinds for each pass and stays open.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="name">What messages and positions call it.</param>
    public ArrowSource(Stream stream, string name = "arrow stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        Name = name;
        _leaveOpen = true;
        _readOnce = !stream.CanSeek;
        _open = _ =>
        {
            if (stream.CanSeek)
            {
                stream.Position = 0;
            }

            return ValueTask.FromResult(stream);
        };
    }

    /// <summary>Whether this source can be read only once: a stream that cannot seek back to its start.</summary>
    internal bool ReadsOnce => _readOnce;

    /// <summary>The path or name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Stream stream = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = CheckedArrowStream.OpenReader(stream, Codecs, leaveOpen: true);
            ArrowBinding? binding = null;
            for (int index = 0; ; index++)
            {
                RecordBatch? recordBatch = await ReadNextAsync(reader, cancellationToken).ConfigureAwait(false);
                if (recordBatch is null)
                {
                    yield break;
                }

                Batch<T> batch;
                try
                {
                    binding ??= ArrowBinding.Bind(recordBatch.Schema, T.Schema, Name);
                    batch = await ToBatchAsync(recordBatch, binding, index, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Release(recordBatch);
                }

                yield return batch;
            }
        }
        finally
        {
            if (!_leaveOpen)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<Batch<T>> ToBatchAsync(RecordBatch recordBatch, ArrowBinding binding, int index, CancellationToken cancellationToken)
    {
        ColumnStore<T>? store = null;
        try
        {
            if (!HoldsItsRows(recordBatch, binding))
            {
                throw AlimentarThrow.Unreadable(Name, $"record batch {index} claims {recordBatch.Length} rows, more than its columns' buffers hold");
            }

            if (Misfit(recordBatch, binding) is { } misfit)
            {
                throw AlimentarThrow.Unreadable(Name, $"record batch {index} does not decode: {misfit}");
            }

            store = T.CreateColumnStore(recordBatch.Length, ColumnBufferPool.Shared);
            await store.ReadAsync(new ArrowColumnReader(recordBatch, binding, index), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            store?.Dispose();
            if (error is AlimentarException or OperationCanceledException)
            {
                throw;
            }

            // Arrays whose buffers disagree with their type surface from Arrow as casts, ranges and nulls.
            throw AlimentarThrow.Unreadable(Name, $"record batch {index} does not decode ({error.GetType().Name}: {error.Message})", error);
        }

        return Batch<T>.FromStore(store, new BatchPosition(Name, index, 0));
    }

    bool IUnitSource<T>.CanReadTwice => !ReadsOnce;

    int IUnitSource<T>.BatchRows => (int)Math.Clamp(Volatile.Read(ref _index)?.Batches.Select(b => b.Rows).DefaultIfEmpty(1).Max() ?? 1, 1, int.MaxValue);

    async ValueTask<IReadOnlyList<long>> IUnitSource<T>.GetUnitRowCountsAsync(CancellationToken cancellationToken) =>
        (await IndexAsync(cancellationToken).ConfigureAwait(false)).Batches.Select(b => b.Rows).ToArray();

    async IAsyncEnumerable<Batch<T>> IUnitSource<T>.ReadUnitAsync(int unit, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArrowIpcIndex index = await IndexAsync(cancellationToken).ConfigureAwait(false);
        RecordBatch recordBatch = index.HasDictionaries
            ? await ReadInOrderAsync(unit, cancellationToken).ConfigureAwait(false)
            : await ReadAloneAsync(index, unit, cancellationToken).ConfigureAwait(false);
        Batch<T> whole;
        try
        {
            whole = await ToBatchAsync(recordBatch, ArrowBinding.Bind(recordBatch.Schema, T.Schema, Name), unit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(recordBatch);
        }

        using (whole)
        {
            yield return whole.Slice((int)skip, (int)take, new BatchPosition(Name, unit, skip));
        }
    }

    /// <summary>The stream's record batches, from its framing alone; built once per source.</summary>
    private async ValueTask<ArrowIpcIndex> IndexAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _index) is { } known)
        {
            return known;
        }

        ArrowIpcIndex index = await WithStreamAsync(async stream =>
        {
            try
            {
                return await ArrowIpcIndex.BuildAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is InvalidDataException or OverflowException or ArgumentException or IOException)
            {
                // Damaged framing shows as bad data, or as a length too large to seek to or count.
                throw AlimentarThrow.Unreadable(Name, $"it is not a readable Arrow IPC stream ({error.Message})", error);
            }
        }, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _index, index);
        return index;
    }

    /// <summary>Reads record batch <paramref name="unit"/> on its own: its message's bytes, after the schema, as a stream of one batch.</summary>
    private async ValueTask<RecordBatch> ReadAloneAsync(ArrowIpcIndex index, int unit, CancellationToken cancellationToken)
    {
        ArrowIpcBatch batch = index.Batches[unit];
        byte[] bytes = new byte[index.Preamble.Length + batch.Length + ArrowIpcIndex.EndOfStream.Length];
        index.Preamble.CopyTo(bytes, 0);
        ArrowIpcIndex.EndOfStream.CopyTo(bytes.AsSpan(bytes.Length - ArrowIpcIndex.EndOfStream.Length));
        await WithStreamAsync(async stream =>
        {
            Memory<byte> message = bytes.AsMemory(index.Preamble.Length, batch.Length);
            if (stream.CanSeek)
            {
                stream.Position = batch.Offset;
            }
            else
            {
                await ArrowIpcIndex.SkipAsync(stream, batch.Offset, cancellationToken).ConfigureAwait(false);
            }

            await stream.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

        using var reader = CheckedArrowStream.OpenReader(new MemoryStream(bytes, writable: false), Codecs, leaveOpen: false);
        return await ReadNextAsync(reader, cancellationToken).ConfigureAwait(false)
            ?? throw AlimentarThrow.Unreadable(Name, $"record batch {unit} is missing where the stream's framing put it");
    }

    /// <summary>Reads the stream in order up to record batch <paramref name="unit"/>, for streams whose batches depend on dictionaries before them.</summary>
    private async ValueTask<RecordBatch> ReadInOrderAsync(int unit, CancellationToken cancellationToken) =>
        await WithStreamAsync(async stream =>
        {
            using var reader = CheckedArrowStream.OpenReader(stream, Codecs, leaveOpen: true);
            for (int index = 0; ; index++)
            {
                RecordBatch recordBatch = await ReadNextAsync(reader, cancellationToken).ConfigureAwait(false)
                    ?? throw AlimentarThrow.Unreadable(Name, $"the stream ends before record batch {unit}");
                if (index == unit)
                {
                    return recordBatch;
                }

                Release(recordBatch);
            }
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Whether the batch's buffers could hold its rows: every row takes at least a bit in each bound column (a value, an
    /// offset, an index or a validity bit). A longer claim is damage, and believed it would size the column store for it.
    /// </summary>
    private static bool HoldsItsRows(RecordBatch recordBatch, ArrowBinding binding)
    {
        long bits = 0;
        int columns = binding.RowSchema.Columns.Count;
        for (int column = 0; column < columns; column++)
        {
            bits += BufferBits(recordBatch.Column(binding.FieldIndex(column)).Data);
        }

        return columns == 0 || recordBatch.Length <= bits;

        static long BufferBits(ArrayData data) =>
            ((data.Buffers?.Sum(buffer => (long)buffer.Length) ?? 0) * 8) + (data.Children?.Sum(BufferBits) ?? 0) + (data.Dictionary is { } dictionary ? BufferBits(dictionary) : 0);
    }

    /// <summary>The first bound column whose length is not the batch's, or whose arrays do not fit their buffers (<see cref="ArrowArrayCheck"/>).</summary>
    private static string? Misfit(RecordBatch recordBatch, ArrowBinding binding)
    {
        for (int column = 0; column < binding.RowSchema.Columns.Count; column++)
        {
            ArrayData data = recordBatch.Column(binding.FieldIndex(column)).Data;
            string? problem = data.Length != recordBatch.Length
                ? $"it holds {data.Length} values in a batch of {recordBatch.Length} rows"
                : ArrowArrayCheck.Problem(data) is { } inside ? $"its {inside}" : null;
            if (problem is not null)
            {
                return $"column '{binding.FieldName(column)}': {problem}";
            }
        }

        return null;
    }

    /// <summary>
    /// Frees a record batch once its values are copied out, but not one whose schema holds a dictionary: the reader hands
    /// every batch the same dictionary arrays, and disposing one batch's frees them under the next (with compressed
    /// bodies the next read then fails inside Arrow); such batches are left to the collector.
    /// </summary>
    private static void Release(RecordBatch recordBatch)
    {
        if (!recordBatch.Schema.FieldsList.Any(field => HoldsDictionary(field.DataType)))
        {
            recordBatch.Dispose();
        }
    }

    private static bool HoldsDictionary(IArrowType type) => type switch
    {
        DictionaryType => true,
        NestedType nested => nested.Fields.Any(field => HoldsDictionary(field.DataType)),
        _ => false,
    };

    /// <summary>Runs <paramref name="read"/> over a stream of its own, or over the shared stream, rewound, in turn with other readers.</summary>
    private async ValueTask<TResult> WithStreamAsync<TResult>(Func<Stream, Task<TResult>> read, CancellationToken cancellationToken)
    {
        bool shared = _leaveOpen;
        if (shared)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            Stream stream = await OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await read(stream).ConfigureAwait(false);
            }
            finally
            {
                if (!shared)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (shared)
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Opens the stream at its first message, past an IPC file's header; Arrow's reader reads it through a <see cref="CheckedArrowStream"/>.</summary>
    private async ValueTask<Stream> OpenAsync(CancellationToken cancellationToken) =>
        await ArrowFileMagic.SkipHeaderAsync(await _open(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async ValueTask<RecordBatch?> ReadNextAsync(ArrowStreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException and not AlimentarException)
        {
            throw AlimentarThrow.Unreadable(Name, $"it is not a readable Arrow IPC stream ({error.GetType().Name}: {error.Message})", error);
        }
    }
}
