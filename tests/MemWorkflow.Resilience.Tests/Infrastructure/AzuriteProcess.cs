using System.Diagnostics;
using MemWorkflow.Functions.Shell;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Resilience.Tests.Infrastructure;

/// <summary>The repository's pinned Azurite on fixed loopback ports, in memory or with its data in a folder,
/// that a suite can stop and start again on the same ports. A stop is SIGTERM: Azurite keeps its metadata
/// in LokiJS databases saved every 5 s and on shutdown, so a SIGKILL would lose writes it had already
/// acknowledged, a failure of the emulator that Azure Storage does not have.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly string? location;
    private Process? process;

    private AzuriteProcess(string? location)
    {
        this.location = location;
        (BlobPort, QueuePort, TablePort) = (TestPorts.Free(), TestPorts.Free(), TestPorts.Free());
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <param name="location">A folder for its data (it survives a restart), or null for memory only.</param>
    public static async Task<AzuriteProcess> StartAsync(string? location)
    {
        var azurite = new AzuriteProcess(location);
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts Azurite on this instance's ports and waits until all three services answer.</summary>
    public async Task StartAgainAsync()
    {
        var script = LocalStorageEmulator.FindScript(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Azurite is not installed: the build of MemWorkflow.Functions runs 'npm ci' in tools/azurite.");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--skipApiVersionCheck", "--disableTelemetry", "--silent",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", $"{BlobPort}", "--queuePort", $"{QueuePort}", "--tablePort", $"{TablePort}" })
            start.ArgumentList.Add(argument);
        if (location is null)
            start.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        ChildProcesses.KillOnExit(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!(await LocalStorageEmulator.AnswersAsync(BlobPort) && await LocalStorageEmulator.AnswersAsync(QueuePort)
            && await LocalStorageEmulator.AnswersAsync(TablePort)))
        {
            if (process.HasExited)
                Assert.Fail($"Azurite exited at start (code {process.ExitCode}); its ports {BlobPort}/{QueuePort}/{TablePort}.");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "Azurite did not answer within 30 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM, and waits for Azurite to save its databases and exit. Answers how long that took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var stopping = Stopwatch.StartNew();
        var running = process ?? throw new InvalidOperationException("Azurite is not running.");
        using (var kill = Process.Start("kill", ["-TERM", $"{running.Id}"]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await running.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            running.Kill(entireProcessTree: true);
            Assert.Fail("Azurite did not stop within 60 s of SIGTERM: it was killed, and what it had not saved is lost.");
        }
        running.Dispose();
        process = null;
        return stopping.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        if (location is not null && Directory.Exists(location))
            Directory.Delete(location, recursive: true);
    }
}
