using Microsoft.ML;

namespace Alimentar;

/// <summary>ML.NET over Alimentar: a streaming dataset as an <see cref="IDataView"/>.</summary>
public static class StreamingDatasetDataViewExtensions
{
    /// <summary>
    /// The dataset as an ML.NET <see cref="IDataView"/>: one column per member ML.NET has a type for, whose cursors
    /// walk the dataset's typed batches column by column (no reflection, no object per row). Each cursor is a new
    /// pass, so the dataset's shuffle, shard and epoch apply; one cursor runs at a time.
    /// </summary>
    /// <remarks>
    /// Members map to ML.NET types as <c>LoadFromEnumerable</c> maps them: numbers, <see cref="bool"/>, text
    /// (<see cref="string"/>, and enums written as names), <see cref="DateTime"/>, <see cref="DateTimeOffset"/> and
    /// <see cref="TimeSpan"/>; nullable <see cref="float"/> and <see cref="double"/> give NaN for null; <see cref="Half"/>
    /// becomes <see cref="float"/> and <see cref="decimal"/> <see cref="double"/>; one-level lists of numbers,
    /// booleans or strings become variable-length vectors. Other members (records, maps, lists of lists, nullable
    /// integers, <see cref="Guid"/>, <see cref="DateOnly"/>, <see cref="TimeOnly"/>, byte arrays) are left out; select
    /// or project them in the row type.
    /// </remarks>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="streaming">The dataset; it stays the caller's, and must outlive the view's cursors.</param>
    /// <param name="vectorSizes">
    /// Lists of a known length by column name (an embedding of 768 floats): they become fixed-size vectors, which
    /// trainers take as features; a row whose list has another length is an error naming the row. Other lists are
    /// variable-length vectors.
    /// </param>
    /// <returns>The view. <see cref="IDataView.GetRowCount"/> is <see cref="StreamingDataset{T}.TotalRows"/> when the sources know it.</returns>
    public static IDataView AsDataView<T>(this StreamingDataset<T> streaming, IReadOnlyDictionary<string, int>? vectorSizes = null)
        where T : IStreamingRow<T>
    {
        ArgumentNullException.ThrowIfNull(streaming);
        return new StreamingDataView<T>(streaming, vectorSizes ?? new Dictionary<string, int>());
    }
}
