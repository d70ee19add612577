using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Alimentar.Testing;

/// <summary>One request the <see cref="RangeServer"/> answered.</summary>
internal sealed record ServedRequest(string Method, string Path, string? Range, int Status, long Bytes);

/// <summary>
/// An in-process HTTP server (Kestrel) serving a directory with range requests and ETags, as object stores
/// do. It logs every request, and a test can put a fault in front of any of them or add latency.
/// </summary>
internal sealed class RangeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private RangeServer(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
    }

    /// <summary>Every request answered so far, in order of completion.</summary>
    public ConcurrentQueue<ServedRequest> Requests { get; } = new();

    /// <summary>Runs before a request is served; returns true when it answered the request itself (a fault).</summary>
    public Func<HttpContext, Task<bool>>? Fault { get; set; }

    /// <summary>Added before every response, as a distant store would.</summary>
    public TimeSpan Latency { get; set; }

    public Uri BaseUri { get; private set; } = new("http://localhost/");

    /// <summary>The range requests answered (GETs with a Range header).</summary>
    public ServedRequest[] RangeGets => Requests.Where(r => r.Method == "GET" && r.Range is not null).ToArray();

    public static async Task<RangeServer> StartAsync(string directory)
    {
        RangeServer? server = null;
        (_, Uri baseUri) = await LocalWebHost.StartAsync(app =>
        {
            server = new RangeServer(app, directory);
            app.Use(async (context, next) =>
            {
                if (server.Latency > TimeSpan.Zero)
                {
                    await Task.Delay(server.Latency, context.RequestAborted);
                }

                if (server.Fault is { } fault && await fault(context))
                {
                    server.Log(context);
                    return;
                }

                await next(context);
                server.Log(context);
            });
            app.MapMethods("/{**key}", ["GET", "HEAD"], (string key) =>
            {
                var file = new FileInfo(Path.Combine(directory, key));
                if (!file.Exists)
                {
                    return Results.NotFound();
                }

                var tag = new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"");
                return Results.File(file.FullName, "application/octet-stream", lastModified: file.LastWriteTimeUtc, entityTag: tag, enableRangeProcessing: true);
            });
        });
        server!.BaseUri = baseUri;
        return server;
    }

    /// <summary>The full path of a key in the served directory.</summary>
    public string PathOf(string key) => Path.Combine(_directory, key);

    private void Log(HttpContext context) => Requests.Enqueue(new ServedRequest(
        context.Request.Method,
        context.Request.Path.Value ?? string.Empty,
        context.Request.Headers.Range.FirstOrDefault(),
        context.Response.StatusCode,
        context.Request.Method == "GET" ? context.Response.ContentLength ?? 0 : 0));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
