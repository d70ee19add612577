using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parquet;
using Parquet.Serialization;

namespace Alimentar.Benchmarks;

/// <summary>
/// One file in Azurite, read through a proxy that adds a fixed latency to every request, as a distant store
/// would: Alimentar's Azure object store, against Azure's <c>OpenRead</c> stream handed to Parquet.Net and to
/// ParquetSharp. Prints wall time, requests and bytes for each. Needs Azurite (<c>.ci/run</c> installs it in tools/azurite).
/// </summary>
internal static class StorageRunner
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static int Run(string[] args)
    {
        int latencyMs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        int rows = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        string? azurite = FindAzurite();
        if (azurite is null)
        {
            Console.Error.WriteLine("Azurite is not installed: run `npm install --prefix tools/azurite` (or .ci/run) first.");
            return 1;
        }

        return RunAsync(azurite, TimeSpan.FromMilliseconds(latencyMs), rows).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string azurite, TimeSpan latency, int rows)
    {
        int port = FreePort();
        string work = Directory.CreateTempSubdirectory("alimentar-azurite-").FullName;
        using Process emulator = Process.Start(new ProcessStartInfo(azurite, $"--blobHost 127.0.0.1 --blobPort {port} --location \"{work}\" --silent --disableTelemetry --skipApiVersionCheck")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            await WaitForPortAsync(port);
            string path = BenchmarkFiles.RidesFromArrow(rows, rowGroupSize: 100_000);
            var direct = new BlobContainerClient(Connection(port), "bench");
            await direct.CreateIfNotExistsAsync();
            await direct.GetBlobClient("rides.parquet").UploadAsync(path, overwrite: true);

            await using var proxy = await LatencyProxy.StartAsync(new Uri($"http://127.0.0.1:{port}"), latency);
            var container = new BlobContainerClient(Connection(proxy.Port), "bench");
            BlobClient blob = container.GetBlobClient("rides.parquet");
            Console.WriteLine($"{rows:N0} rows, {new FileInfo(path).Length / 1_048_576.0:N1} MB in {rows / 100_000} row groups; {latency.TotalMilliseconds:N0} ms added to every request");
            Console.WriteLine($"{"reader",-52} {"seconds",8} {"requests",9} {"MB fetched",11}");

            await MeasureAsync(proxy, "Alimentar ParquetSource over AzureBlobObjectStore", async () =>
            {
                double sum = 0;
                await foreach (Batch<Ride> batch in new ParquetSource<Ride>(new AzureBlobObjectStore(container), "rides.parquet").ReadBatchesAsync())
                {
                    using (batch)
                    {
                        foreach (Ride ride in batch)
                        {
                            sum += ride.UserId + ride.Label.Length;
                        }
                    }
                }

                return sum;
            });

            await MeasureAsync(proxy, "Parquet.Net ParquetSerializer over BlobClient.OpenRead", async () =>
            {
                await using Stream stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false));
                int rowGroups;
                await using (ParquetReader reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true))
                {
                    rowGroups = reader.RowGroupCount;
                }

                double sum = 0;
                for (int g = 0; g < rowGroups; g++)
                {
                    foreach (RidePoco ride in (await ParquetSerializer.DeserializeAsync<RidePoco>(stream, rowGroupIndex: g)).Data)
                    {
                        sum += ride.UserId + ride.Label.Length;
                    }
                }

                return sum;
            });

            await MeasureAsync(proxy, "ParquetSharp columns over BlobClient.OpenRead", async () =>
            {
                await using Stream stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false));
                using var file = new ParquetSharp.ParquetFileReader(new ParquetSharp.IO.ManagedRandomAccessFile(stream, leaveOpen: true));
                return Readers.ParquetSharpColumns(file);
            });
            return 0;
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task MeasureAsync(LatencyProxy proxy, string name, Func<Task<double>> read)
    {
        proxy.Reset();
        var clock = Stopwatch.StartNew();
        double checksum = await read();
        clock.Stop();
        Console.WriteLine($"{name,-52} {clock.Elapsed.TotalSeconds,8:N2} {proxy.Requests,9:N0} {proxy.Bytes / 1_048_576.0,11:N1}   (checksum {checksum:N0})");
    }

    private static string Connection(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    private static string? FindAzurite()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tools", "azurite", "node_modules", ".bin", "azurite-blob");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (int attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port}.");
    }

    /// <summary>Forwards every request to a target after a fixed delay, counting requests and response bytes.</summary>
    private sealed class LatencyProxy : IAsyncDisposable
    {
        private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Transfer-Encoding", "Connection", "Keep-Alive", "Host" };
        private readonly WebApplication _app;
        private long _requests;
        private long _bytes;

        private LatencyProxy(WebApplication app) => _app = app;

        public int Port { get; private set; }

        public long Requests => Interlocked.Read(ref _requests);

        public long Bytes => Interlocked.Read(ref _bytes);

        public void Reset()
        {
            Interlocked.Exchange(ref _requests, 0);
            Interlocked.Exchange(ref _bytes, 0);
        }

        public static async Task<LatencyProxy> StartAsync(Uri target, TimeSpan latency)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            WebApplication app = builder.Build();
            var proxy = new LatencyProxy(app);
            var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
            app.Run(async context =>
            {
                Interlocked.Increment(ref proxy._requests);
                await Task.Delay(latency);
                using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, context.Request.Path + context.Request.QueryString));
                if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
                {
                    request.Content = new StreamContent(context.Request.Body);
                }

                foreach (var header in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key)))
                {
                    if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                    {
                        request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
                    }
                }

                using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }

                await using Stream body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
                var counting = new byte[81_920];
                int read;
                while ((read = await body.ReadAsync(counting, context.RequestAborted)) > 0)
                {
                    Interlocked.Add(ref proxy._bytes, read);
                    await context.Response.Body.WriteAsync(counting.AsMemory(0, read), context.RequestAborted);
                }
            });
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            proxy.Port = new Uri(address).Port;
            return proxy;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
