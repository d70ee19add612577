using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Alimentar.Testing;

/// <summary>
/// A storage emulator (moto_server for S3, Azurite for Azure Blob) run as a child process for one test class:
/// started on a free port, waited for until it accepts connections, killed with its children on dispose.
/// </summary>
internal sealed class Emulator : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workDirectory;

    private Emulator(Process process, int port, string workDirectory)
    {
        _process = process;
        Port = port;
        _workDirectory = workDirectory;
    }

    public int Port { get; }

    /// <summary>The repository root, baked in at build time: where <c>.ci/run</c> installs Azurite.</summary>
    public static string RepositoryRoot { get; } = typeof(Emulator).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The first candidate that exists, as a path or on PATH; null when none does.</summary>
    public static string? Find(params string[] candidates)
    {
        foreach (string candidate in candidates)
        {
            if (Path.IsPathRooted(candidate))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                continue;
            }

            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                string path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>Starts <paramref name="executable"/> with arguments built for a free port and a scratch directory, and waits for the port.</summary>
    public static async Task<Emulator> StartAsync(string executable, Func<int, string, string> arguments)
    {
        int port = FreePort();
        string work = Directory.CreateTempSubdirectory("alimentar-emulator-").FullName;
        var start = new ProcessStartInfo(executable, arguments(port, work))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new Emulator(process, port, work);
        for (int attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                await emulator.DisposeAsync();
                throw new InvalidOperationException($"{Path.GetFileName(executable)} exited with code {process.ExitCode}: {output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return emulator;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await emulator.DisposeAsync();
        throw new TimeoutException($"{Path.GetFileName(executable)} did not listen on port {port} within 30 s: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // The emulator may still hold a file for a moment; a temporary folder left behind is harmless.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A fact that needs an emulator: skipped, with the reason shown, when the tool is not installed here.</summary>
internal sealed class EmulatorFactAttribute : FactAttribute
{
    public EmulatorFactAttribute(string tool, string install)
    {
        if (EmulatorTools.Path(tool) is null)
        {
            Skip = $"{tool} is not installed on this machine ({install}); .ci/run installs it.";
        }
    }
}

/// <summary>Where each emulator is found: Azurite in the repository's tools folder (as <c>.ci/run</c> installs it) or on PATH; moto_server on PATH.</summary>
internal static class EmulatorTools
{
    public const string Moto = "moto_server";
    public const string Azurite = "azurite-blob";

    public static string? Path(string tool) => tool == Azurite
        ? Emulator.Find(System.IO.Path.Combine(Emulator.RepositoryRoot, "tools", "azurite", "node_modules", ".bin", "azurite-blob"), "azurite-blob")
        : Emulator.Find(tool);
}
