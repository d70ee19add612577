using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Alimentar;

/// <summary>
/// The shared pool of column-sized arrays of <typeparamref name="T"/>: it keeps as many arrays as were in use at once
/// (the columns of the batches in flight, however wide the row), within a budget shared by every element type, gives
/// back at full collections those left unrented, and has no per-thread caches, so what it keeps follows the batches
/// in flight rather than the threads that ran.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class ColumnArrays<T>
{
    // Arrays of more than 64 MiB are allocated when asked for and left to the collector when returned: a
    // damaged or hostile file that once asked for a giant page must not leave the process holding it.
    private const int MaxPooledBytes = 64 << 20;

    /// <summary>The largest array (in bytes asked for) that poisoning hands out larger than asked for.</summary>
    private const int MaxVariedBytes = 64 << 10;

    /// <summary>The pool; rent and return through it, or through <see cref="ColumnBufferPool"/> to have rentals counted.</summary>
    public static ArrayPool<T> Pool { get; } = new PoisoningPool(new TrimmingArrayPool<T>(Math.Max(1 << 16, MaxPooledBytes / Unsafe.SizeOf<T>()), PoolBudget.ColumnArrays, TrimmingArrayPool<T>.IdleBeforeTrim));

    /// <summary>
    /// When <see cref="ColumnBufferPool.PoisonReturnedBuffers"/> is on, overwrites returned value arrays with a fill
    /// pattern, so any read of a buffer after its return, or of slots a decoder never wrote, shows garbage rather than
    /// plausible values of an earlier page or batch; refuses an array returned twice, which would otherwise be
    /// handed to two renters at once and corrupt both only when their uses happen to overlap; and hands out every other
    /// array of up to 64 KiB larger than asked for.
    /// </summary>
    private sealed class PoisoningPool(ArrayPool<T> inner) : ArrayPool<T>
    {
        // The arrays returned and not rented since; weak, so an array the inner pool drops is still collected.
        private static readonly ConditionalWeakTable<T[], object> Returned = new();

        private static int _rents;

        public override T[] Rent(int minimumLength)
        {
            if (!ColumnBufferPool.PoisonReturnedBuffers)
            {
                return inner.Rent(minimumLength);
            }

            // Every other small array is a size larger than asked for, as the pool hands out when the asked size has
            // none left: code that takes two arrays rented alike to be alike in length fails at once, not once in a long
            // run. Small ones only (levels, offsets, a batch's values: the arrays rented in pairs), since doubling page
            // and chunk buffers at random would swamp what tests of memory accounting measure.
            if ((Interlocked.Increment(ref _rents) & 1) == 0 && minimumLength > 0 && (long)minimumLength * Unsafe.SizeOf<T>() <= MaxVariedBytes)
            {
                minimumLength = Math.Max(minimumLength * 2, 32);
            }

            T[] array = inner.Rent(minimumLength);
            Returned.Remove(array);
            return array;
        }

        public override void Return(T[] array, bool clearArray = false)
        {
            if (ColumnBufferPool.PoisonReturnedBuffers)
            {
                // The empty array is one shared instance, never pooled.
                if (array.Length > 0 && !Returned.TryAdd(array, Returned))
                {
                    throw new InvalidOperationException($"An array of {array.Length} {typeof(T).Name} was returned to the column pool twice.");
                }

                if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
                {
                    MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length * Unsafe.SizeOf<T>()).Fill(0xDB);
                }
            }

            inner.Return(array, clearArray);
        }
    }
}
