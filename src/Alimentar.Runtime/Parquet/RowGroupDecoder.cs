namespace Alimentar.ParquetBinding;

/// <summary>
/// Decodes a file's row groups in order while decoding the next ones ahead on other threads, each on a
/// reader (and stream) of its own: with one row group ahead, one core decodes while another hands out
/// batches. A failed row group surfaces in its place, after every row group before it.
/// </summary>
internal sealed class RowGroupDecoder<T> : IAsyncDisposable
    where T : IStreamingRow<T>
{
    private readonly ParquetFileReader<T>?[] _readers;
    private readonly Func<CancellationToken, ValueTask<ParquetFileReader<T>>> _openReader;
    private readonly Queue<Task<StoreLease<T>?>> _pending = new();
    private readonly CancellationToken _cancellationToken;
    private int _next;

    private RowGroupDecoder(ParquetFileReader<T> first, int readers, Func<CancellationToken, ValueTask<ParquetFileReader<T>>> openReader, CancellationToken cancellationToken)
    {
        _readers = new ParquetFileReader<T>?[readers];
        _readers[0] = first;
        _openReader = openReader;
        _cancellationToken = cancellationToken;
        RowGroupCount = first.RowGroupCount;
    }

    public int RowGroupCount { get; }

    /// <summary>Opens the first reader and starts decoding the first row groups.</summary>
    /// <param name="openReader">Opens one more reader of the file, each with its own stream.</param>
    /// <param name="decodeAhead">Row groups decoded ahead of the one being handed out; 0 decodes on the caller's thread only.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    public static async ValueTask<RowGroupDecoder<T>> OpenAsync(Func<CancellationToken, ValueTask<ParquetFileReader<T>>> openReader, int decodeAhead, CancellationToken cancellationToken)
    {
        ParquetFileReader<T> first = await openReader(cancellationToken).ConfigureAwait(false);
        var decoder = new RowGroupDecoder<T>(first, decodeAhead + 1, openReader, cancellationToken);
        for (int i = 0; i <= decodeAhead; i++)
        {
            decoder.StartNext();
        }

        return decoder;
    }

    /// <summary>The next row group in order (null when it is empty), or false at the end.</summary>
    public async ValueTask<(bool Found, int Index, StoreLease<T>? Lease)> NextAsync()
    {
        if (!_pending.TryDequeue(out Task<StoreLease<T>?>? decoding))
        {
            return (false, -1, null);
        }

        int index = _next - _pending.Count - 1;
        StoreLease<T>? lease = await decoding.ConfigureAwait(false);
        return (true, index, lease);
    }

    /// <summary>Starts decoding the next row group not yet started; call after handing one out.</summary>
    public void StartNext()
    {
        if (_next >= RowGroupCount)
        {
            return;
        }

        int index = _next++;
        int slot = index % _readers.Length;
        _pending.Enqueue(slot == 0 && _readers.Length == 1
            ? _readers[0]!.ReadRowGroupAsync(index, _cancellationToken).AsTask()
            : Task.Run(() => DecodeAsync(slot, index)));
    }

    public async ValueTask DisposeAsync()
    {
        while (_pending.TryDequeue(out Task<StoreLease<T>?>? decoding))
        {
            try
            {
                (await decoding.ConfigureAwait(false))?.Release();
            }
            catch (Exception)
            {
                // The pass is over; a row group nobody will read has nowhere to report its failure.
            }
        }

        foreach (ParquetFileReader<T>? reader in _readers)
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<StoreLease<T>?> DecodeAsync(int slot, int index)
    {
        // Each reader decodes one row group at a time: the next one on this slot starts only after this one is handed out.
        ParquetFileReader<T> reader = _readers[slot] ??= await _openReader(_cancellationToken).ConfigureAwait(false);
        return await reader.ReadRowGroupAsync(index, _cancellationToken).ConfigureAwait(false);
    }
}
