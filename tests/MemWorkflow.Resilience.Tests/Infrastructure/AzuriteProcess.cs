using System.Diagnostics;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.LocalHost;

namespace MemWorkflow.Resilience.Tests.Infrastructure;

/// <summary>The repository's pinned Azurite on fixed loopback ports, in memory or with its data in a folder,
/// that a suite can stop and start again on the same ports. A stop is SIGTERM: Azurite keeps its metadata
/// in LokiJS databases saved every 5 s and on shutdown, so a SIGKILL would lose writes it had already
/// acknowledged, a failure of the emulator that Azure Storage does not have.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly string? location;
    private LocalStorageEmulator? emulator;

    private AzuriteProcess(string? location)
    {
        this.location = location;
        (BlobPort, QueuePort, TablePort) = (TestPorts.Free(), TestPorts.Free(), TestPorts.Free());
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString => LocalStorageEmulator.ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <param name="location">A folder for its data (it survives a restart), or null for memory only.</param>
    public static async Task<AzuriteProcess> StartAsync(string? location)
    {
        var azurite = new AzuriteProcess(location);
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts Azurite on this instance's ports and waits until all three services answer. It ends
    /// with the test run even when a test fails before its own clean-up.</summary>
    public async Task StartAgainAsync()
    {
        var started = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location, BlobPort, QueuePort, TablePort);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => started.DisposeAsync().AsTask().GetAwaiter().GetResult();
        emulator = started;
    }

    /// <summary>SIGTERM, and waits for Azurite to save its databases and exit. Answers how long that took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var stopping = Stopwatch.StartNew();
        var running = emulator ?? throw new InvalidOperationException("Azurite is not running.");
        Assert.True(await running.StopAsync(TimeSpan.FromSeconds(60)),
            "Azurite did not stop within 60 s of SIGTERM: it was killed, and what it had not saved is lost.");
        await running.DisposeAsync();
        emulator = null;
        return stopping.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (emulator is not null)
            await emulator.DisposeAsync();
        if (location is not null && Directory.Exists(location))
            Directory.Delete(location, recursive: true);
    }
}
