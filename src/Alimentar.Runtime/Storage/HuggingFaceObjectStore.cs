using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alimentar;

/// <summary>
/// The files of a dataset repository on the Hugging Face Hub (or a mirror of its API): a key is a file's path in the
/// repository (<c>data/train-00000-of-00004.parquet</c>), listed with the Hub's tree API and read with range requests
/// on its <c>resolve</c> URLs. Read a dataset with <c>ParquetSource&lt;T&gt;.FromStore(store, "data/")</c>, or a
/// dataset the Hub converted to Parquet with revision <c>refs/convert/parquet</c> and a prefix such as
/// <c>default/train/</c>.
/// </summary>
/// <remarks>
/// <para>
/// The store reads one commit: the one its revision names when the store is first used (a branch, a tag, or a
/// commit's full hash). Every listing and read after that asks for that commit by its hash, so a pass never mixes
/// files of two commits however the branch moves; <see cref="ResolveCommitAsync"/> says which commit it is, for a
/// training log. A new store sees later commits. An object's ETag is its content hash (the LFS SHA-256, or the git
/// blob id of a file kept in git), so a resume state names the very bytes it read.
/// </para>
/// <para>
/// Gated and private datasets need a token: set it on the client
/// (<c>client.DefaultRequestHeaders.Authorization = new("Bearer", token)</c>). The Hub answers a file's URL by
/// redirecting to its content server, which the client must follow (it does by default); .NET does not send the
/// token on to that server.
/// </para>
/// </remarks>
public sealed partial class HuggingFaceObjectStore : IObjectStore
{
    /// <summary>The Hub's own address; pass another to the constructor for a mirror.</summary>
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co/");

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly string _dataset;
    private readonly string _revision;
    private readonly Lock _gate = new();
    private Task<string>? _commit;
    private HttpObjectStore? _files;

    /// <summary>A store for the files of <paramref name="dataset"/> at <paramref name="revision"/>.</summary>
    /// <param name="client">The client requests go through; its default headers carry a token where the dataset needs one.</param>
    /// <param name="dataset">The dataset repository, <c>owner/name</c> (<c>HuggingFaceFW/fineweb</c>).</param>
    /// <param name="revision">A branch, tag or full commit hash; <c>main</c> by default.</param>
    /// <param name="endpoint">The Hub's address; <see cref="DefaultEndpoint"/> when null (a mirror's, such as <c>HF_ENDPOINT</c> names, otherwise).</param>
    /// <exception cref="ArgumentException"><paramref name="dataset"/> is not <c>owner/name</c>, or <paramref name="revision"/> is empty.</exception>
    public HuggingFaceObjectStore(HttpClient client, string dataset, string revision = "main", Uri? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(revision);
        if (dataset is null || !RepositoryName().IsMatch(dataset))
        {
            throw new ArgumentException($"'{dataset}' is not a dataset repository's name: the Hub names one owner/name, as in HuggingFaceFW/fineweb.", nameof(dataset));
        }

        _client = client;
        _dataset = dataset;
        _revision = revision;
        Uri root = endpoint ?? DefaultEndpoint;
        _endpoint = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
    }

    /// <summary><c>hf://datasets/owner/name</c>, with <c>@revision</c> (escaped) unless it is <c>main</c>: with a key after it, the URI the Hub's own tools give a file.</summary>
    public string Name => $"hf://datasets/{_dataset}" + (_revision == "main" ? string.Empty : "@" + Uri.EscapeDataString(_revision));

    /// <summary>The commit the store reads: the revision's commit when the store was first used, asked of the Hub then and kept.</summary>
    /// <param name="cancellationToken">Stops waiting (the request, shared by every caller, goes on).</param>
    /// <returns>The commit's full hash.</returns>
    /// <exception cref="ObjectStoreException">The Hub has no such dataset or revision, or refused the token; a later call asks again.</exception>
    public Task<string> ResolveCommitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_commit is null || _commit.IsFaulted || _commit.IsCanceled)
            {
                _commit = CommitHash().IsMatch(_revision) ? Task.FromResult(_revision.ToLowerInvariant()) : FetchCommitAsync();
            }

            return _commit.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        string commit = await ResolveCommitAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiUri($"paths-info/{commit}"))
        {
            Content = new FormUrlEncodedContent([new("paths", key.TrimStart('/'))]),
        };
        using JsonDocument entries = await SendForJsonAsync(request, key, cancellationToken).ConfigureAwait(false);
        foreach (JsonElement entry in EntriesOf(entries, key))
        {
            if (FileOf(entry) is { } info)
            {
                return info;
            }
        }

        throw new ObjectStoreException($"{Name} has no file '{key}' at commit {commit}", 404, isTransient: false);
    }

    /// <inheritdoc />
    /// <remarks>No <c>If-Match</c> is sent: the file is read at the store's commit, whose bytes never change.</remarks>
    public async ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        HttpObjectStore files = await FilesAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await files.ReadAsync(target with { ETag = null }, offset, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException error) when (error.StatusCode is 401 or 403)
        {
            // A gated dataset's listing may be public while its files are not.
            throw new ObjectStoreException($"{error.Message}{TokenHint}", error.StatusCode, isTransient: false, error);
        }
    }

    /// <inheritdoc />
    /// <remarks>One request per page of the Hub's listing of the prefix's folder and everything below it.</remarks>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        string commit = await ResolveCommitAsync(cancellationToken).ConfigureAwait(false);
        string trimmed = prefix.TrimStart('/');
        string folder = trimmed[..(trimmed.LastIndexOf('/') + 1)].TrimEnd('/');
        Uri? page = ApiUri($"tree/{commit}{(folder.Length == 0 ? string.Empty : "/" + EscapePath(folder))}?recursive=True");
        var read = new HashSet<Uri>();
        while (page is not null)
        {
            // The next page is the server's word: one read already would list forever, and one on another host would be
            // sent the client's token.
            if (!read.Add(page))
            {
                throw Malformed($"a listing whose next page is one it has already given ({page}), for '{prefix}'");
            }

            if (Uri.Compare(page, _endpoint, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw Malformed($"a listing whose next page is on another server ({page.GetLeftPart(UriPartial.Authority)}), for '{prefix}'");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            using HttpResponseMessage response = await SendAsync(request, prefix, cancellationToken).ConfigureAwait(false);

            // A folder the commit does not have holds no file.
            if (response.StatusCode == HttpStatusCode.NotFound && folder.Length > 0)
            {
                yield break;
            }

            ThrowUnlessSuccess(response, prefix);
            page = NextPage(response);
            await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using JsonDocument entries = await ParseAsync(body, prefix, (int)response.StatusCode, cancellationToken).ConfigureAwait(false);
            foreach (JsonElement entry in EntriesOf(entries, prefix))
            {
                if (FileOf(entry) is { } info && info.Key.StartsWith(trimmed, StringComparison.Ordinal))
                {
                    yield return info;
                }
            }
        }
    }

    /// <summary>The entries of a tree or paths-info answer: a JSON array, or the answer is malformed.</summary>
    private JsonElement.ArrayEnumerator EntriesOf(JsonDocument answer, string what) => answer.RootElement.ValueKind == JsonValueKind.Array
        ? answer.RootElement.EnumerateArray()
        : throw Malformed($"a {answer.RootElement.ValueKind} where a list of files belongs, for '{what}'");

    /// <summary>A file entry of a tree or paths-info answer as an object; null for a folder.</summary>
    private ObjectInfo? FileOf(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String || type.GetString() != "file")
        {
            return null;
        }

        bool stored = entry.TryGetProperty("lfs", out JsonElement lfs) && lfs.ValueKind == JsonValueKind.Object;
        if (!entry.TryGetProperty("path", out JsonElement path) || path.ValueKind != JsonValueKind.String
            || !((stored && lfs.TryGetProperty("size", out JsonElement size)) || entry.TryGetProperty("size", out size))
            || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out long length) || length < 0)
        {
            throw Malformed($"a file entry without a path or a length: {entry.GetRawText()}");
        }

        string? hash = (stored && lfs.TryGetProperty("oid", out JsonElement lfsHash) ? lfsHash : entry.TryGetProperty("oid", out JsonElement oid) ? oid : default) is { ValueKind: JsonValueKind.String } text
            ? text.GetString()
            : null;
        return new ObjectInfo(path.GetString()!, length, hash is null ? null : $"\"{hash}\"");
    }

    /// <summary>The reader of the commit's files: plain HTTP ranges on their <c>resolve</c> URLs.</summary>
    private async ValueTask<HttpObjectStore> FilesAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _files) is { } files)
        {
            return files;
        }

        string commit = await ResolveCommitAsync(cancellationToken).ConfigureAwait(false);
        var resolved = new HttpObjectStore(_client, new Uri(_endpoint, $"datasets/{_dataset}/resolve/{commit}/"));
        return Interlocked.CompareExchange(ref _files, resolved, null) ?? resolved;
    }

    private async Task<string> FetchCommitAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiUri($"revision/{Uri.EscapeDataString(_revision)}"));
        using JsonDocument info = await SendForJsonAsync(request, "@" + _revision, CancellationToken.None).ConfigureAwait(false);
        return info.RootElement.ValueKind == JsonValueKind.Object && info.RootElement.TryGetProperty("sha", out JsonElement sha)
            && sha.ValueKind == JsonValueKind.String && sha.GetString() is { } hash && CommitHash().IsMatch(hash)
            ? hash
            : throw Malformed($"revision '{_revision}' without its commit's hash");
    }

    private Uri ApiUri(string rest) => new(_endpoint, $"api/datasets/{_dataset}/{rest}");

    private async Task<JsonDocument> SendForJsonAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(request, what, cancellationToken).ConfigureAwait(false);
        ThrowUnlessSuccess(response, what);
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await ParseAsync(body, what, (int)response.StatusCode, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> ParseAsync(Stream body, string what, int status, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            throw new ObjectStoreException($"{Name} answered for '{what}' with what is not JSON: {error.Message}", status, isTransient: false, error);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new ObjectStoreException($"the request to {Name} for '{what}' failed: {error.Message}", (int?)error.StatusCode, isTransient: true, error);
        }
    }

    private void ThrowUnlessSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            int status = (int)response.StatusCode;
            string hint = status is 401 or 403 ? TokenHint : string.Empty;
            throw new ObjectStoreException($"{Name} answered {status} ({response.ReasonPhrase}) for '{what}'{hint}", status, ObjectStoreException.IsTransientStatus(status));
        }
    }

    private const string TokenHint = ": a gated or private dataset needs a token the client sends (Authorization: Bearer)";

    private ObjectStoreException Malformed(string what) => new($"{Name} answered with {what}", null, isTransient: false);

    /// <summary>The next page a listing's <c>Link</c> header names (<c>&lt;…&gt;; rel="next"</c>), or null on the last page.</summary>
    private static Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out IEnumerable<string>? links))
        {
            return null;
        }

        foreach (Match link in NextLink().Matches(string.Join(',', links)))
        {
            return new Uri(response.RequestMessage?.RequestUri ?? DefaultEndpoint, link.Groups["uri"].Value);
        }

        return null;
    }

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex CommitHash();

    [GeneratedRegex("""<(?<uri>[^>]+)>\s*;[^,]*\brel="?next"?""")]
    private static partial Regex NextLink();
}
