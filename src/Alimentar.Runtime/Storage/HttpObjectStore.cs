using System.Net;
using System.Net.Http.Headers;

namespace Alimentar;

/// <summary>
/// Objects behind plain HTTP(S): a key is a path under a base URI, read with <c>Range: bytes=a-b</c> requests
/// pinned by <c>If-Match</c> to the ETag the server gave. Any server that honours range requests will do
/// (a CDN, nginx, a presigned S3 or SAS URL: a key may carry a query, which is sent as it is). HTTP has no
/// listing, so <see cref="ListAsync"/> is not supported.
/// </summary>
public sealed class HttpObjectStore : IObjectStore
{
    private readonly HttpClient _client;
    private readonly Uri _baseUri;

    /// <summary>A store for keys under <paramref name="baseUri"/>.</summary>
    /// <param name="client">The client requests go through; its handler sets credentials, proxies and connection limits.</param>
    /// <param name="baseUri">The URI keys are relative to; a trailing <c>/</c> is added when missing.</param>
    public HttpObjectStore(HttpClient client, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseUri);
        _client = client;
        _baseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }

    /// <inheritdoc />
    public string Name => _baseUri.AbsoluteUri;

    /// <inheritdoc />
    public async ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        using (var head = new HttpRequestMessage(HttpMethod.Head, UriOf(key)))
        using (HttpResponseMessage response = await SendAsync(head, key, cancellationToken).ConfigureAwait(false))
        {
            // A URL signed for GET alone (a presigned S3 or SAS link) refuses HEAD: ask for its first byte instead.
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented))
            {
                ThrowUnlessSuccess(response, key);
                long length = response.Content.Headers.ContentLength
                    ?? throw new ObjectStoreException($"the server gave no length for '{key}'", (int)response.StatusCode, isTransient: false);
                return new ObjectInfo(key, length, response.Headers.ETag?.ToString()) { LastModified = response.Content.Headers.LastModified };
            }
        }

        using var first = new HttpRequestMessage(HttpMethod.Get, UriOf(key));
        first.Headers.Range = new RangeHeaderValue(0, 0);
        using HttpResponseMessage ranged = await SendAsync(first, key, cancellationToken).ConfigureAwait(false);
        ThrowUnlessSuccess(ranged, key);
        long total = ranged.Content.Headers.ContentRange?.Length
            ?? throw new ObjectStoreException($"the server gave no length for '{key}' (no Content-Range on a range request)", (int)ranged.StatusCode, isTransient: false);
        return new ObjectInfo(key, total, ranged.Headers.ETag?.ToString()) { LastModified = ranged.Content.Headers.LastModified };
    }

    /// <inheritdoc />
    public async ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);

        // A server may answer with less than the range (some CDNs cap what one response holds): the rest is asked for.
        for (int done = 0; done < destination.Length;)
        {
            done += await ReadPartAsync(target, offset + done, destination[done..], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One range request for <paramref name="destination"/>'s bytes at <paramref name="offset"/>; returns how many of them the server sent, at least one.</summary>
    private async ValueTask<int> ReadPartAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, UriOf(target.Key));
        request.Headers.Range = new RangeHeaderValue(offset, offset + destination.Length - 1);
        bool strongTag = target.ETag is { } tag && !tag.StartsWith("W/", StringComparison.Ordinal);
        if (strongTag)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(target.ETag!));
        }

        using HttpResponseMessage response = await SendAsync(request, target.Key, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new ObjectStoreException($"'{target.Key}' was replaced while it was read (it no longer has ETag {target.ETag})", 412, isTransient: false);
        }

        ThrowUnlessSuccess(response, target.Key);
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            throw new ObjectStoreException($"the server answered a range request for '{target.Key}' with status {(int)response.StatusCode}, not 206: it does not serve ranges", (int)response.StatusCode, isTransient: false);
        }

        if (target.ETag is { } pinned && response.Headers.ETag?.ToString() is { } now && now != pinned)
        {
            throw new ObjectStoreException($"'{target.Key}' was replaced while it was read (ETag {pinned}, now {now})", 412, isTransient: false);
        }

        // Bytes from anywhere but the offset asked for would be read as the wrong part of the file, and are refused.
        int served = destination.Length;
        if (response.Content.Headers.ContentRange is { } answered)
        {
            if (answered.From is long from && from != offset)
            {
                throw new ObjectStoreException($"the server answered a range request for '{target.Key}' at offset {offset} with bytes from offset {from}: not the range asked for", 206, isTransient: false);
            }

            if (answered.To is long to && to < offset + destination.Length - 1)
            {
                served = to >= offset ? (int)(to - offset + 1) : throw new ObjectStoreException($"the server answered a range request for '{target.Key}' at offset {offset} with an empty range", 206, isTransient: false);
            }
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await body.ReadExactlyAsync(destination[..served], cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException error)
        {
            throw new ObjectStoreException($"the response for '{target.Key}' ended before the range did", (int)response.StatusCode, isTransient: true, error);
        }

        return served;
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: HTTP has no listing; name each object's key.</exception>
    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Name} is plain HTTP, which cannot list objects; name each file's key with new ParquetSource<T>(store, key).");

    /// <summary>The key's URI: its path parts escaped, and a query (a presigned URL's signature) kept as it is.</summary>
    private Uri UriOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        int query = key.IndexOf('?', StringComparison.Ordinal);
        string path = query < 0 ? key : key[..query];
        string escaped = string.Join('/', path.TrimStart('/').Split('/').Select(Uri.EscapeDataString));
        return new Uri(_baseUri, query < 0 ? escaped : escaped + key[query..]);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new ObjectStoreException($"the request for '{key}' failed: {error.Message}", (int?)error.StatusCode, isTransient: true, error);
        }
    }

    private static void ThrowUnlessSuccess(HttpResponseMessage response, string key)
    {
        if (!response.IsSuccessStatusCode)
        {
            int status = (int)response.StatusCode;
            throw new ObjectStoreException($"the server answered {status} ({response.ReasonPhrase}) for '{key}'", status, ObjectStoreException.IsTransientStatus(status));
        }
    }
}
