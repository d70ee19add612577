using System.Buffers;

namespace Alimentar;

/// <summary>
/// The shared pool of column-sized arrays of <typeparamref name="T"/>: a few arrays per size, no per-thread
/// caches, so what it keeps is bounded by the row groups in flight rather than by the threads that ran.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class ColumnArrays<T>
{
    private const int MaxArrayLength = 1 << 30;
    private const int ArraysPerSize = 4;

    /// <summary>The pool; rent and return through it, or through <see cref="ColumnBufferPool"/> to have rentals counted.</summary>
    public static ArrayPool<T> Pool { get; } = ArrayPool<T>.Create(MaxArrayLength, ArraysPerSize);
}
