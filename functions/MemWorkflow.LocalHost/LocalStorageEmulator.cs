using System.Diagnostics;
using System.Net.Sockets;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.LocalHost;

/// <summary>Azurite, the storage emulator, as the repository pins it in tools/azurite (npm
/// azurite@3.35.0, the last release that runs on Node 20). Used by local runs, tests and benchmarks.</summary>
public sealed class LocalStorageEmulator : IAsyncDisposable
{
    public const string Flags = "--skipApiVersionCheck --disableTelemetry";

    private readonly Process process;

    private LocalStorageEmulator(Process process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>The well-known development account on these loopback ports.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite and waits until all three services answer.</summary>
    /// <param name="location">Folder for its data, or null to keep everything in memory.</param>
    public static async Task<LocalStorageEmulator> StartAsync(
        string searchFrom, string? location, int blobPort = 0, int queuePort = 0, int tablePort = 0, CancellationToken cancellationToken = default)
    {
        var script = FindScript(searchFrom) ?? throw new InvalidOperationException(
            $"Azurite is not installed: run 'npm ci' in tools/azurite (searched upwards from {searchFrom}). The build does this itself.");
        (blobPort, queuePort, tablePort) = (Free(blobPort), Free(queuePort), Free(tablePort));
        var arguments = $"\"{script}\" {Flags} --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 " +
            $"--blobPort {blobPort} --queuePort {queuePort} --tablePort {tablePort} " +
            (location is null ? "--inMemoryPersistence" : $"--location \"{location}\"");
        var process = Process.Start(new ProcessStartInfo("node", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var emulator = new LocalStorageEmulator(process, blobPort, queuePort, tablePort);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await AnswersAsync(blobPort) && await AnswersAsync(queuePort) && await AnswersAsync(tablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await emulator.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start on ports {blobPort}/{queuePort}/{tablePort}.");
            }
            await Task.Delay(100, cancellationToken);
        }
        return emulator;
    }

    public static async Task<bool> AnswersAsync(int port, string host = "127.0.0.1")
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The repository's Azurite entry point, searched upwards from a folder inside the repository.</summary>
    public static string? FindScript(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
            if (File.Exists(script))
                return script;
        }
        return null;
    }

    private static int Free(int port)
    {
        if (port != 0)
            return port;
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var free = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return free;
    }

    /// <summary>Stops Azurite the way it saves what it holds: SIGTERM, then waits for it to write its
    /// databases (with a data folder) and exit. A SIGKILL would lose writes it had already acknowledged,
    /// since it saves them only every 5 s. False when it did not exit within <paramref name="patience"/>
    /// and was killed. (On Windows, where there is no SIGTERM, it is killed.)</summary>
    public async Task<bool> StopAsync(TimeSpan patience)
    {
        if (process.HasExited)
            return true;
        if (!OperatingSystem.IsWindows())
        {
            using var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await terminate.WaitForExitAsync();
            using var wait = new CancellationTokenSource(patience);
            try
            {
                await process.WaitForExitAsync(wait.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
            }
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return false;
    }

    // Idempotent: a test's clean-up and its process-exit handler may both dispose the same emulator.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private int disposed;
}
