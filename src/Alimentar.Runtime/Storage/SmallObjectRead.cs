namespace Alimentar.Storage;

/// <summary>
/// Bytes of an object read whole or in one range before a dataset is read (a Delta log's commits, a deletion vector),
/// with the retries a dataset's reads get, so a failure is a <see cref="SourceUnavailableException"/> naming the object.
/// </summary>
internal static class SmallObjectRead
{
    /// <summary>A whole (small) object as UTF-8 text.</summary>
    public static string Text(IObjectStore store, ObjectInfo target, ObjectReadOptions options) =>
        System.Text.Encoding.UTF8.GetString(Range(store, target, 0, checked((int)target.Length), options));

    /// <summary><paramref name="count"/> bytes of an object from <paramref name="offset"/>.</summary>
    public static byte[] Range(IObjectStore store, ObjectInfo target, long offset, int count, ObjectReadOptions options)
    {
        byte[] bytes = new byte[count];
        StoreRequest.RetryAsync(ObjectRangeReader.NameOf(store, target.Key), "the object", options, async token =>
        {
            await store.ReadAsync(target, offset, bytes, token).ConfigureAwait(false);
            return true;
        }, null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return bytes;
    }
}
