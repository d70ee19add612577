using System.Runtime.CompilerServices;
using Alimentar.ArrowInterop;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Alimentar;

/// <summary>
/// Streams an Arrow IPC stream as typed batches, one per record batch, binding fields to
/// <typeparamref name="T"/>'s columns by the same name rules as Parquet files.
/// </summary>
/// <example><code>var source = new ArrowSource&lt;Trip&gt;("trips.arrows");</code></example>
/// <typeparam name="T">The row type.</typeparam>
public sealed class ArrowSource<T> : IBatchSource<T>
    where T : IStreamingRow<T>
{
    private readonly Func<CancellationToken, ValueTask<Stream>> _open;
    private readonly bool _leaveOpen;

    /// <summary>Streams the Arrow IPC stream file at <paramref name="path"/>.</summary>
    /// <param name="path">An Arrow IPC stream (<c>.arrows</c>).</param>
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
        _open = _ =>
        {
            if (stream.CanSeek)
            {
                stream.Position = 0;
            }

            return ValueTask.FromResult(stream);
        };
    }

    /// <summary>The path or name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Stream stream = await _open(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = new ArrowStreamReader(stream, leaveOpen: true);
            ArrowBinding? binding = null;
            for (int index = 0; ; index++)
            {
                RecordBatch? recordBatch = await ReadNextAsync(reader, cancellationToken).ConfigureAwait(false);
                if (recordBatch is null)
                {
                    yield break;
                }

                using (recordBatch)
                {
                    binding ??= ArrowBinding.Bind(recordBatch.Schema, T.Schema, Name);
                    ColumnStore<T> store = T.CreateColumnStore(recordBatch.Length, ColumnBufferPool.Shared);
                    try
                    {
                        await store.ReadAsync(new ArrowColumnReader(recordBatch, binding, index), cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        store.Dispose();
                        throw;
                    }

                    yield return Batch<T>.FromStore(store, new BatchPosition(Name, index, 0));
                }
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
