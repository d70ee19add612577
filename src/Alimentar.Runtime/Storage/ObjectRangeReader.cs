
namespace Alimentar.Storage;

/// <summary>
/// Reads one object of an <see cref="IObjectStore"/> by byte range for the page reader. Opening fetches the
/// object's tail (the footer, usually whole) with one request; a row group's ranges, announced through
/// <see cref="Prefetch"/>, are merged when close and fetched in parallel ahead of the reads. Every request is
/// pinned to the ETag seen at open, retried on transient failures with backoff and jitter, bounded by a
/// timeout, and counted. Bytes fetched ahead count in the pass's memory until read.
/// </summary>
internal sealed class ObjectRangeReader : IRangeReader
{
    private readonly IObjectStore _store;
    private readonly ObjectInfo _object;
    private readonly ObjectReadOptions _options;
    private readonly string _name;
    private readonly SemaphoreSlim _requests;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly MemoryTracker? _tracker;
    private readonly List<Block> _blocks = [];
    private Task<byte[]>? _tail;
    private readonly long _tailStart;

    private ObjectRangeReader(IObjectStore store, ObjectInfo target, ObjectReadOptions options, string name, MemoryTracker? tracker)
    {
        _tracker = tracker;
        _store = store;
        _object = target;
        _options = options;
        _name = name;
        _requests = new SemaphoreSlim(Math.Max(1, options.MaxParallelRequests));
        _tailStart = target.Length - Math.Min(options.FooterGuessBytes, target.Length);
    }

    public long Length => _object.Length;

    public int PreferredReadBytes => _options.RangeBytes;

    public bool SmallReadsAreCheap => false;

    /// <summary>
    /// Opens <paramref name="key"/> (described by <paramref name="known"/> when a listing already did) and fetches its
    /// tail; bytes fetched ahead count in <paramref name="tracker"/> (the pass's memory) until read.
    /// </summary>
    public static async ValueTask<ObjectRangeReader> OpenAsync(IObjectStore store, string key, ObjectInfo? known, ObjectReadOptions options, MemoryTracker? tracker, CancellationToken cancellationToken)
    {
        string name = NameOf(store, key);
        ObjectInfo target = known ?? await StoreRequest.RetryAsync(name, "its length and ETag", options, token => store.GetInfoAsync(key, token), null, cancellationToken).ConfigureAwait(false);
        return new ObjectRangeReader(store, target, options, name, tracker);
    }

    /// <summary>The object this reader is pinned to.</summary>
    public ObjectInfo Object => _object;

    /// <summary>How an object is named in messages: the store's name and the key.</summary>
    public static string NameOf(IObjectStore store, string key) => $"{store.Name.TrimEnd('/')}/{key.TrimStart('/')}";

    public async ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (offset < 0 || offset + destination.Length > Length)
        {
            throw new EndOfStreamException($"the object ends at {Length} bytes, before byte {offset + destination.Length} that the metadata points to");
        }

        if (offset < _tailStart && offset + destination.Length > _tailStart)
        {
            // A range running into the tail: its head from a block or a request, the rest from the tail.
            int head = (int)(_tailStart - offset);
            await ReadAsync(offset, destination[..head], cancellationToken).ConfigureAwait(false);
            await ReadAsync(_tailStart, destination[head..], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (offset >= _tailStart)
        {
            // The tail (the footer, mostly) is fetched once, by the first read that needs it: a reopened file whose footer is known never does.
            Task<byte[]> tail = LazyInitializer.EnsureInitialized(ref _tail, () => FetchBlockAsync(_tailStart, (int)(Length - _tailStart)));
            byte[] bytes = await tail.WaitAsync(cancellationToken).ConfigureAwait(false);
            bytes.AsMemory((int)(offset - _tailStart), destination.Length).CopyTo(destination);
            return;
        }

        if (Holding(offset) is { } block)
        {
            // What the block holds comes from it; a read running past its end goes on with the next block or a request.
            int part = (int)Math.Min(destination.Length, block.Start + block.Length - offset);
            byte[] bytes = await block.Bytes.WaitAsync(cancellationToken).ConfigureAwait(false);
            bytes.AsMemory((int)(offset - block.Start), part).CopyTo(destination);
            Consumed(block, part);
            if (part < destination.Length)
            {
                await ReadAsync(offset + part, destination[part..], cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await FetchAsync(offset, destination, cancellationToken).ConfigureAwait(false);
    }

    public void Prefetch(IReadOnlyList<(long Offset, long Length)> ranges, bool readAhead)
    {
        if (readAhead && !_options.ReadAheadRowGroup)
        {
            return;
        }

        // Each merged range remembers how many of its bytes were asked for: the gaps in it are never read.
        var merged = new List<(long Start, long End, long Wanted)>();
        foreach ((long offset, long length) in ranges.Where(r => r.Length > 0 && r.Offset >= 0 && r.Offset < _tailStart).OrderBy(r => r.Offset))
        {
            long end = Math.Min(offset + length, _tailStart);
            if (merged.Count > 0 && offset - merged[^1].End <= _options.MergeGapBytes && end - merged[^1].Start <= _options.RangeBytes)
            {
                (long start, long last, long wanted) = merged[^1];
                merged[^1] = (start, Math.Max(last, end), wanted + Math.Max(0, end - Math.Max(offset, last)));
            }
            else
            {
                merged.Add((offset, end, end - offset));
            }
        }

        lock (_blocks)
        {
            foreach ((long start, long end, long wanted) in merged)
            {
                if (_blocks.Any(b => b.Start < end && start < b.Start + b.Length))
                {
                    continue; // Already on its way.
                }

                int length = (int)(end - start);
                var block = new Block(start, length, wanted);
                _tracker?.Add(length);
                block.Bytes = FetchBlockAsync(start, length);
                _blocks.Add(block);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        Block[] blocks;
        lock (_blocks)
        {
            blocks = [.. _blocks];
            _blocks.Clear();
        }

        foreach (Block block in blocks)
        {
            _tracker?.Remove(block.Length);
            await ReturnAsync(block.Bytes).ConfigureAwait(false);
        }

        if (_tail is { } tail)
        {
            await ReturnAsync(tail).ConfigureAwait(false);
        }

        _lifetime.Dispose();
    }

    /// <summary>Fetches a range into a pooled buffer (at least as long as the range), which goes back to the pool once read or at dispose.</summary>
    private async Task<byte[]> FetchBlockAsync(long start, int length)
    {
        byte[] bytes = ColumnArrays<byte>.Pool.Rent(length);
        try
        {
            await FetchAsync(start, bytes.AsMemory(0, length), _lifetime.Token).ConfigureAwait(false);
            return bytes;
        }
        catch
        {
            ColumnArrays<byte>.Pool.Return(bytes);
            throw;
        }
    }

    private static async ValueTask ReturnAsync(Task<byte[]> fetch)
    {
        try
        {
            ColumnArrays<byte>.Pool.Return(await fetch.ConfigureAwait(false));
        }
        catch (Exception)
        {
            // A read ahead that failed or was cancelled was never needed; its buffer went back when it failed.
        }
    }

    private Block? Holding(long offset)
    {
        lock (_blocks)
        {
            return _blocks.FirstOrDefault(b => b.Start <= offset && offset < b.Start + b.Length);
        }
    }

    /// <summary>A block is let go once as many of its bytes have been read as were asked for: every range in it was read once.</summary>
    private void Consumed(Block block, int bytes)
    {
        if (Interlocked.Add(ref block.Unread, -bytes) > 0)
        {
            return;
        }

        lock (_blocks)
        {
            if (!_blocks.Remove(block))
            {
                return;
            }
        }

        _tracker?.Remove(block.Length);

        // Every byte of it has been copied out, so no reader holds it: the buffer goes back now.
        ColumnArrays<byte>.Pool.Return(block.Bytes.Result);
    }

    private Task FetchAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        StoreRequest.RetryAsync(_name, $"bytes {offset}-{offset + destination.Length - 1}", _options, async token =>
        {
            await _store.ReadAsync(_object, offset, destination, token).ConfigureAwait(false);
            AlimentarMetrics.StorageBytesCounter.Add(destination.Length);
            return true;
        }, _requests, cancellationToken).AsTask();

    private sealed class Block(long start, int length, long wanted)
    {
        public long Start { get; } = start;

        public int Length { get; } = length;

        public long Unread = wanted;

        public Task<byte[]> Bytes { get; set; } = Task.FromResult(Array.Empty<byte>());
    }
}
