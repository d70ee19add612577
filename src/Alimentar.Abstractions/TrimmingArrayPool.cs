using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar;

/// <summary>
/// An array pool that keeps every array returned to it, up to a byte budget shared by all its element types, and
/// gives back at full collections the arrays nobody rented since the previous one.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ArrayPool{T}.Create(int, int)"/> keeps a fixed number of arrays per size and never gives any back. A fixed
/// number is wrong both ways for column arrays: a table of 1,100 columns keeps about 4,400 arrays of one size in flight
/// (a batch's columns in each buffered batch), so with 512 kept the rest were allocated afresh for every batch (1.4 GB a
/// pass over 100,000 rows, most of it on the large object heap, and a working set that grew to 3 GB); and whatever it
/// keeps, it keeps for the life of the process.
/// </para>
/// <para>
/// This pool keeps what was in use at once, so a steady pass allocates nothing, and trims like
/// <see cref="ArrayPool{T}.Shared"/>: at each gen 2 collection, the arrays of each size that sat in the pool since the
/// previous trim (at least <see cref="IdleBeforeTrim"/> ago) are dropped, and under high memory load all are.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class TrimmingArrayPool<T> : ArrayPool<T>
{
    /// <summary>How long an array must sit unrented before a full collection drops it.</summary>
    public static readonly TimeSpan IdleBeforeTrim = TimeSpan.FromSeconds(10);

    private const int SmallestBucketLength = 16;

    private readonly Bucket[] _buckets;
    private readonly PoolBudget _budget;
    private readonly TimeSpan _idleBeforeTrim;
    private long _lastTrim = Environment.TickCount64;

    /// <summary>Creates a pool.</summary>
    /// <param name="maxArrayLength">The longest array pooled; longer ones are allocated when asked for and dropped when returned.</param>
    /// <param name="budget">The bytes all pools sharing it may keep between them.</param>
    /// <param name="idleBeforeTrim">How long since the previous trim a trim waits for.</param>
    /// <param name="trimAtFullCollections">Whether gen 2 collections trim the pool; tests that choose the moment call <see cref="Trim"/>.</param>
    public TrimmingArrayPool(int maxArrayLength, PoolBudget budget, TimeSpan idleBeforeTrim, bool trimAtFullCollections = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArrayLength, SmallestBucketLength);
        _budget = budget;
        _idleBeforeTrim = idleBeforeTrim;
        _buckets = new Bucket[BucketIndex(maxArrayLength) + 1];
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new Bucket(SmallestBucketLength << i);
        }

        if (trimAtFullCollections)
        {
            FullCollectionCallback.Register(this);
        }
    }

    /// <summary>The arrays the pool keeps now, of every size.</summary>
    internal int RetainedArrays
    {
        get
        {
            int count = 0;
            foreach (Bucket bucket in _buckets)
            {
                count += bucket.Count;
            }

            return count;
        }
    }

    /// <inheritdoc />
    public override T[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        if (minimumLength == 0)
        {
            return [];
        }

        int index = BucketIndex(minimumLength);
        if (index >= _buckets.Length)
        {
            return new T[minimumLength];
        }

        Bucket bucket = _buckets[index];
        if (bucket.TryPop(out T[]? array))
        {
            _budget.Release(BytesOf(array.Length));
            return array;
        }

        return new T[bucket.Length];
    }

    /// <inheritdoc />
    public override void Return(T[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0)
        {
            return;
        }

        int index = BucketIndex(array.Length);
        if (index >= _buckets.Length)
        {
            return;
        }

        Bucket bucket = _buckets[index];
        if (array.Length != bucket.Length)
        {
            throw new ArgumentException($"An array of {array.Length} {typeof(T).Name} was not rented from this pool.", nameof(array));
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        // Past the budget the array goes to the collector, as it would have without a pool.
        long bytes = BytesOf(array.Length);
        if (_budget.TryReserve(bytes))
        {
            bucket.Push(array);
        }
    }

    /// <summary>
    /// Drops the arrays of each size that nobody rented since the previous trim, or all of them when
    /// <paramref name="all"/>; waits when the previous trim was less than the idle time ago, so a collection soon
    /// after another does not drop arrays a pass is about to take again.
    /// </summary>
    /// <param name="all">Whether to drop every array kept, as under high memory load.</param>
    /// <returns>The arrays dropped.</returns>
    internal int Trim(bool all = false)
    {
        long now = Environment.TickCount64;
        if (!all && now - Interlocked.Read(ref _lastTrim) < (long)_idleBeforeTrim.TotalMilliseconds)
        {
            return 0;
        }

        Interlocked.Exchange(ref _lastTrim, now);
        int dropped = 0;
        foreach (Bucket bucket in _buckets)
        {
            int count = bucket.DropIdle(all);
            dropped += count;
            _budget.Release(count * BytesOf(bucket.Length));
        }

        return dropped;
    }

    // The array's header counts too, so that a great many tiny arrays do not count as nothing against the budget.
    private static long BytesOf(int length) => ((long)length * Unsafe.SizeOf<T>()) + IntPtr.Size * 3;

    private static int BucketIndex(int length) =>
        BitOperations.Log2((uint)(length - 1) | (SmallestBucketLength - 1)) - (BitOperations.Log2(SmallestBucketLength) - 1);

    /// <summary>The arrays of one length, most recently returned last, and how few of them there were since the last trim.</summary>
    private sealed class Bucket(int length)
    {
        private readonly Lock _lock = new();
        private T[]?[] _arrays = new T[]?[4];
        private int _count;

        // The fewest arrays the bucket held since the last trim: that many sat at its bottom the whole time, unrented.
        private int _fewestSinceTrim;

        public int Length { get; } = length;

        public int Count => Volatile.Read(ref _count);

        public bool TryPop([NotNullWhen(true)] out T[]? array)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    array = null;
                    return false;
                }

                array = _arrays[--_count]!;
                _arrays[_count] = null;
                _fewestSinceTrim = Math.Min(_fewestSinceTrim, _count);
                return true;
            }
        }

        public void Push(T[] array)
        {
            lock (_lock)
            {
                if (_count == _arrays.Length)
                {
                    Array.Resize(ref _arrays, _arrays.Length * 2);
                }

                _arrays[_count++] = array;
            }
        }

        public int DropIdle(bool all)
        {
            lock (_lock)
            {
                int idle = all ? _count : _fewestSinceTrim;
                if (idle > 0)
                {
                    _arrays.AsSpan(idle, _count - idle).CopyTo(_arrays);
                    _arrays.AsSpan(_count - idle, idle).Clear();
                    _count -= idle;
                }

                _fewestSinceTrim = _count;

                // A bucket that grew for a wide pass shrinks with it, so its slots do not outlive its arrays; when even
                // the smaller slots cannot be had, the larger stay, and the arrays are dropped all the same.
                if (_arrays.Length > 4 && _count < _arrays.Length / 4)
                {
                    try
                    {
                        Array.Resize(ref _arrays, Math.Max(4, _arrays.Length / 2));
                    }
                    catch (OutOfMemoryException)
                    {
                    }
                }

                return idle;
            }
        }
    }

    /// <summary>
    /// An object the collector finalizes at each gen 2 collection, once it has been promoted there, and that
    /// re-registers itself for as long as its pool lives: the way the runtime's own pools hear of full collections.
    /// </summary>
    /// <remarks>
    /// It holds its pool by a weak handle rather than a <see cref="WeakReference{T}"/>: a weak reference is an object
    /// with a finalizer of its own, unreachable along with this one, and finalized in the same collection, after which
    /// it no longer finds its target.
    /// </remarks>
    private sealed class FullCollectionCallback
    {
        private GCHandle _pool;

        private FullCollectionCallback(TrimmingArrayPool<T> pool) => _pool = GCHandle.Alloc(pool, GCHandleType.Weak);

        ~FullCollectionCallback()
        {
            if (_pool.Target is not TrimmingArrayPool<T> pool)
            {
                _pool.Free();
                return;
            }

            try
            {
                GCMemoryInfo memory = GC.GetGCMemoryInfo();
                pool.Trim(all: memory.MemoryLoadBytes >= memory.HighMemoryLoadThresholdBytes * 9 / 10);
            }
            catch (OutOfMemoryException)
            {
                // Trimming allocates a little (the collector's figures, a bucket's smaller slots); an exception on the
                // finalizer thread would end the process, so a trim that finds no memory waits for the next collection.
            }

            GC.ReRegisterForFinalize(this);
        }

        public static void Register(TrimmingArrayPool<T> pool) => _ = new FullCollectionCallback(pool);
    }
}
