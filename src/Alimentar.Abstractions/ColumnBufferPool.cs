using System.Buffers;
using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// Rents the arrays that column stores hold and counts them, so that a leak (a buffer rented and never
/// returned) is a number you can assert on rather than a slow drift in memory.
/// </summary>
/// <remarks>
/// Arrays come from one pool per element type that keeps as many arrays of each size as were in use at once (the
/// columns of the batches in flight, however wide the row), within a quarter of the memory the process may use, and
/// gives back at full (gen 2) collections the arrays nobody rented for ten seconds or more. Unlike
/// <see cref="ArrayPool{T}.Shared"/>, which also caches per thread, it cannot hoard row-group-sized arrays on every
/// thread that ever touched one. Reference-typed arrays are cleared on return so a pooled array never keeps strings alive.
/// </remarks>
public sealed class ColumnBufferPool
{
    private long _rented;
    private long _returned;

    /// <summary>
    /// Whether returned value arrays are overwritten with a fill pattern, so that a span used after its batch
    /// was disposed shows garbage rather than plausible rows of a later batch; an array returned twice throws
    /// <see cref="InvalidOperationException"/> rather than being handed to two renters; and every other array of up to
    /// 64 KiB rented is larger than asked for, as the pool's may be whenever it has none of the asked size left. On in
    /// Debug builds of Alimentar; turn it on in any build with the <c>Alimentar.PoisonReturnedBuffers</c> AppContext switch.
    /// </summary>
    public static bool PoisonReturnedBuffers { get; } =
#if DEBUG
        true;
#else
        AppContext.TryGetSwitch("Alimentar.PoisonReturnedBuffers", out bool poison) && poison;
#endif

    /// <summary>The pool every source uses unless given another.</summary>
    public static ColumnBufferPool Shared { get; } = new();

    /// <summary>Buffers rented from this pool and not yet returned.</summary>
    public long OutstandingBuffers => Interlocked.Read(ref _rented) - Interlocked.Read(ref _returned);

    /// <summary>All buffers ever rented from this pool.</summary>
    public long RentedBuffers => Interlocked.Read(ref _rented);

    /// <summary>Rents an array of at least <paramref name="minimumLength"/> elements.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="minimumLength">The fewest elements the array must hold.</param>
    /// <returns>A pooled array; its length may exceed <paramref name="minimumLength"/>.</returns>
    public T[] Rent<T>(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        T[] array = ColumnArrays<T>.Pool.Rent(Math.Max(1, minimumLength));
        Interlocked.Increment(ref _rented);
        return array;
    }

    /// <summary>Returns an array rented from this pool. Each array is returned exactly once.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The array to return.</param>
    public void Return<T>(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        ColumnArrays<T>.Pool.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        Interlocked.Increment(ref _returned);
    }
}
