using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

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
internal sealed class TrimmingArrayPool<T> : ArrayPool<T>, ITrimmable
{
    /// <summary>How long an array must sit unrented before a full collection drops it.</summary>
    public static readonly TimeSpan IdleBeforeTrim = TimeSpan.FromSeconds(10);

    private const int SmallestBucketLength = 16;

    private readonly IdleStack<T[]>[] _buckets;
    private readonly PoolBudget _budget;
    private readonly TrimSchedule _schedule;

    /// <summary>Creates a pool.</summary>
    /// <param name="maxArrayLength">The longest array pooled; longer ones are allocated when asked for and dropped when returned.</param>
    /// <param name="budget">The bytes all pools sharing it may keep between them.</param>
    /// <param name="idleBeforeTrim">How long since the previous trim a trim waits for.</param>
    /// <param name="trimAtFullCollections">Whether gen 2 collections trim the pool; tests that choose the moment call <see cref="Trim"/>.</param>
    public TrimmingArrayPool(int maxArrayLength, PoolBudget budget, TimeSpan idleBeforeTrim, bool trimAtFullCollections = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArrayLength, SmallestBucketLength);
        _budget = budget;
        _schedule = new TrimSchedule(idleBeforeTrim);
        _buckets = new IdleStack<T[]>[BucketIndex(maxArrayLength) + 1];
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new IdleStack<T[]>();
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
            foreach (IdleStack<T[]> bucket in _buckets)
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

        if (_buckets[index].TryPop(out T[]? array))
        {
            _budget.Release(BytesOf(array.Length));
            return array;
        }

        return new T[BucketLength(index)];
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

        if (array.Length != BucketLength(index))
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
            _buckets[index].TryPush(array);
        }
    }

    /// <summary>
    /// Drops the arrays of each size that nobody rented since the previous trim, or all of them when
    /// <paramref name="all"/>; waits when the previous trim was less than the idle time ago, so a collection soon
    /// after another does not drop arrays a pass is about to take again.
    /// </summary>
    /// <param name="all">Whether to drop every array kept, as under high memory load.</param>
    /// <returns>The arrays dropped.</returns>
    public int Trim(bool all = false)
    {
        if (!_schedule.TryStart(all))
        {
            return 0;
        }

        int dropped = 0;
        for (int i = 0; i < _buckets.Length; i++)
        {
            int count = _buckets[i].DropIdle(all);
            dropped += count;
            _budget.Release(count * BytesOf(BucketLength(i)));
        }

        return dropped;
    }

    // The array's header counts too, so that a great many tiny arrays do not count as nothing against the budget.
    private static long BytesOf(int length) => ((long)length * Unsafe.SizeOf<T>()) + IntPtr.Size * 3;

    private static int BucketLength(int index) => SmallestBucketLength << index;

    private static int BucketIndex(int length) =>
        BitOperations.Log2((uint)(length - 1) | (SmallestBucketLength - 1)) - (BitOperations.Log2(SmallestBucketLength) - 1);
}
