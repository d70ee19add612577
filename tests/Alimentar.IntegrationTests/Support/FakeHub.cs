using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Alimentar.Testing;

/// <summary>
/// An in-process stand-in for the Hugging Face Hub's dataset API, as its own client library (huggingface_hub) calls
/// it: <c>revision/{rev}</c> giving a commit's <c>sha</c>, a recursive <c>tree</c> listing in pages linked by
/// <c>Link: &lt;…&gt;; rel="next"</c>, <c>paths-info</c>, and <c>resolve</c> URLs that redirect to a content server
/// answering range requests. Branches move as <see cref="Commit"/> adds commits; a gated hub wants a bearer token on
/// its own URLs, and its content server refuses any request that carries one (a client must not forward it).
/// </summary>
internal sealed class FakeHub : IAsyncDisposable
{
    private const int PageSize = 3;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, byte[]>> _commits = new();
    private readonly ConcurrentDictionary<string, string> _branches = new();
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();

    private FakeHub(WebApplication app, string dataset)
    {
        _app = app;
        Dataset = dataset;
    }

    /// <summary>The one dataset the hub holds, <c>owner/name</c>.</summary>
    public string Dataset { get; }

    /// <summary>The token the hub's own URLs want, or null for a public dataset.</summary>
    public string? Token { get; set; }

    /// <summary>When set, the body every tree listing answers with instead of the commit's files (a damaged answer).</summary>
    public string? TreeAnswer { get; set; }

    /// <summary>When set, the <c>Link</c> header every tree listing answers with instead of its next page (a damaged answer).</summary>
    public string? TreeLink { get; set; }

    /// <summary>Whether the hub lists the files without the token and wants it only to resolve them, as a gated dataset may.</summary>
    public bool ListsWithoutToken { get; set; }

    public Uri Endpoint { get; private set; } = new("http://localhost/");

    /// <summary>The path and query of every request, in order of arrival.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeHub> StartAsync(string dataset)
    {
        FakeHub? created = null;
        (_, Uri endpoint) = await LocalWebHost.StartAsync(app => created = Configure(app, dataset));
        created!.Endpoint = endpoint;
        return created;
    }

    private static FakeHub Configure(WebApplication app, string dataset)
    {
        var hub = new FakeHub(app, dataset);
        app.Use(async (context, next) =>
        {
            hub.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            bool content = context.Request.Path.StartsWithSegments("/cdn");
            bool bearer = context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization;
            if (content && bearer)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            bool listing = context.Request.Path.StartsWithSegments("/api");
            if (!content && !(listing && hub.ListsWithoutToken) && hub.Token is { } token && context.Request.Headers.Authorization.ToString() != $"Bearer {token}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        string api = $"/api/datasets/{dataset}";
        app.MapGet(api + "/revision/{**revision}", (string revision) =>
            hub._branches.TryGetValue(Uri.UnescapeDataString(revision), out string? sha) || hub._commits.ContainsKey(sha = revision)
                ? Results.Json(new { id = dataset, sha })
                : Results.NotFound());
        app.MapGet(api + "/tree/{sha}", (HttpContext context, string sha) => hub.Tree(context, sha, string.Empty));
        app.MapGet(api + "/tree/{sha}/{**path}", (HttpContext context, string sha, string path) => hub.Tree(context, sha, Uri.UnescapeDataString(path)));
        app.MapPost(api + "/paths-info/{sha}", async (HttpContext context, string sha) =>
        {
            IFormCollection form = await context.Request.ReadFormAsync();
            return hub._commits.TryGetValue(sha, out var files)
                ? Results.Json(form["paths"].Where(p => p is not null && files.ContainsKey(p)).Select(p => Entry(p!, files[p!])).ToArray())
                : Results.NotFound();
        });
        app.MapMethods($"/datasets/{dataset}/resolve/{{sha}}/{{**path}}", ["GET", "HEAD"], (string sha, string path) =>
            hub._commits.TryGetValue(sha, out var files) && files.TryGetValue(Uri.UnescapeDataString(path), out byte[]? bytes)
                ? Results.Redirect($"{hub.Endpoint}cdn/{Hash(bytes)}")
                : Results.NotFound());
        app.MapMethods("/cdn/{hash}", ["GET", "HEAD"], (string hash) =>
            hub._blobs.TryGetValue(hash, out byte[]? bytes)
                ? Results.Bytes(bytes, "application/octet-stream", entityTag: new EntityTagHeaderValue($"\"{hash}\""), enableRangeProcessing: true)
                : Results.NotFound());
        return hub;
    }

    /// <summary>Adds a commit on <paramref name="branch"/>: its files, with <paramref name="changes"/> written over them (null deletes).</summary>
    /// <returns>The new commit's hash.</returns>
    public string Commit(IReadOnlyDictionary<string, byte[]?> changes, string branch = "main")
    {
        var files = _branches.TryGetValue(branch, out string? parent) ? new Dictionary<string, byte[]>(_commits[parent]) : [];
        foreach ((string path, byte[]? bytes) in changes)
        {
            if (bytes is null)
            {
                files.Remove(path);
            }
            else
            {
                files[path] = bytes;
                _blobs[Hash(bytes)] = bytes;
            }
        }

        string sha = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        _commits[sha] = files;
        _branches[branch] = sha;
        return sha;
    }

    /// <summary>The content hash the hub gives a file as its LFS object id.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A page of the files and folders below <paramref name="folder"/>, with a link to the next page when there is one.</summary>
    private IResult Tree(HttpContext context, string sha, string folder)
    {
        if (!_commits.TryGetValue(sha, out var files))
        {
            return Results.NotFound();
        }

        if (TreeAnswer is { } answer)
        {
            return Results.Text(answer, "application/json");
        }

        string under = folder.Length == 0 ? string.Empty : folder.TrimEnd('/') + "/";
        if (under.Length > 0 && !files.Keys.Any(p => p.StartsWith(under, StringComparison.Ordinal)))
        {
            return Results.NotFound();
        }

        var entries = new List<object>();
        foreach (string path in files.Keys.Where(p => p.StartsWith(under, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // A recursive listing names each folder before the files in it, as the Hub's does.
            string[] parts = path[under.Length..].Split('/');
            for (int depth = 1; depth < parts.Length; depth++)
            {
                string directory = under + string.Join('/', parts[..depth]);
                if (!entries.OfType<DirectoryEntry>().Any(d => d.path == directory))
                {
                    entries.Add(new DirectoryEntry("directory", Convert.ToHexStringLower(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(directory))), 0, directory));
                }
            }

            entries.Add(Entry(path, files[path]));
        }

        int cursor = int.TryParse(context.Request.Query["cursor"], out int start) ? start : 0;
        if (TreeLink is { } link)
        {
            context.Response.Headers.Link = link;
        }
        else if (cursor + PageSize < entries.Count)
        {
            string next = $"{Endpoint}api/datasets/{Dataset}/tree/{sha}{(folder.Length == 0 ? string.Empty : "/" + folder)}?recursive=True&cursor={cursor + PageSize}";
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return Results.Json(entries.Skip(cursor).Take(PageSize).ToArray(), JsonOptions);
    }

    /// <summary>A file as the Hub describes it: Parquet files kept in LFS (with the content's SHA-256), others in git.</summary>
    private static object Entry(string path, byte[] bytes) => path.EndsWith(".parquet", StringComparison.Ordinal)
        ? new LfsFileEntry("file", Convert.ToHexStringLower(SHA1.HashData(bytes)), bytes.Length, new Lfs(Hash(bytes), bytes.Length, 134), path)
        : new FileEntry("file", Convert.ToHexStringLower(SHA1.HashData(bytes)), bytes.Length, path);

    private static readonly JsonSerializerOptions JsonOptions = new();

    private sealed record DirectoryEntry(string type, string oid, long size, string path);

    private sealed record FileEntry(string type, string oid, long size, string path);

    private sealed record LfsFileEntry(string type, string oid, long size, Lfs lfs, string path);

    private sealed record Lfs(string oid, long size, long pointerSize);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
