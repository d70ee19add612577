using System.Buffers;

namespace Alimentar;

/// <summary>
/// The shared pool of column-sized arrays of <typeparamref name="T"/>: a bounded number of arrays per size and
/// no per-thread caches, so what it keeps is bounded by the row groups in flight rather than by the threads that ran.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class ColumnArrays<T>
{
    private const int MaxArrayLength = 1 << 30;
    // Enough for every column of a wide row type across the row groups in flight (a 32-column store,
    // decoded one ahead, holds 64 arrays of one size); never more than was in use at once.
    private const int ArraysPerSize = 64;

    /// <summary>The pool; rent and return through it, or through <see cref="ColumnBufferPool"/> to have rentals counted.</summary>
    public static ArrayPool<T> Pool { get; } = ArrayPool<T>.Create(MaxArrayLength, ArraysPerSize);
}
