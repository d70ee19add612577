namespace Alimentar;

/// <summary>
/// Implemented by the source generator on every <see cref="StreamingDatasetAttribute"/> type: everything
/// the runtime needs to know about a row type, reached through <c>where T : IStreamingRow&lt;T&gt;</c>
/// instead of reflection.
/// </summary>
/// <typeparam name="TSelf">The row type itself.</typeparam>
public interface IStreamingRow<TSelf> where TSelf : IStreamingRow<TSelf>
{
    /// <summary>The row's columns, in declaration order.</summary>
    static abstract RowSchema Schema { get; }

    /// <summary>Creates an empty columnar store able to hold <paramref name="capacity"/> rows.</summary>
    /// <param name="capacity">The most rows the store will hold.</param>
    /// <param name="pool">Where the store rents its column buffers; it returns them on dispose.</param>
    static abstract ColumnStore<TSelf> CreateColumnStore(int capacity, ColumnBufferPool pool);
}
