namespace Alimentar.Storage;

/// <summary>
/// The objects under a prefix, listed once before a dataset built from them is read, with the retries its reads get:
/// a dropped connection or a 503 part way through the listing lists again, and a listing that cannot be had is a
/// <see cref="SourceUnavailableException"/> naming the prefix, never a bare network exception.
/// </summary>
internal static class ObjectListing
{
    /// <summary>Every object under <paramref name="prefix"/> of <paramref name="store"/>, in the store's order.</summary>
    public static List<ObjectInfo> Take(IObjectStore store, string prefix, ObjectReadOptions options)
    {
        // A listing is many requests (a page of keys each), so the whole is not held to one request's timeout;
        // each page is, by the store's own client.
        ObjectReadOptions listing = options with { RequestTimeout = Timeout.InfiniteTimeSpan };
        return StoreRequest.RetryAsync(ObjectRangeReader.NameOf(store, prefix), "the listing", listing, async token =>
        {
            var objects = new List<ObjectInfo>();
            await foreach (ObjectInfo found in store.ListAsync(prefix, token).ConfigureAwait(false))
            {
                objects.Add(found);
            }

            return objects;
        }, null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }
}
