using MemWorkflow.Functions.Participants;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Shell;

/// <summary>Before the app takes requests: start Azurite if storage is the local emulator and nothing
/// answers, create the tables, make the bootstrap MEM Unit user exist, and bring a manual clock back to
/// the time it had reached.</summary>
public sealed class StorageStartup(
    StorageTables tables,
    StorageBlobs blobs,
    ParticipantDirectory participants,
    SignInRequests signInRequests,
    Rounds.RoundIndex index,
    IOptions<StorageOptions> storage,
    IOptions<MemOptions> mem,
    IHostEnvironment environment,
    TimeProvider time,
    ManualClockStore clockStore,
    ILogger<StorageStartup> logger) : IHostedService
{
    private LocalStorageEmulator? emulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.StartEmulator && !storage.Value.UsesIdentity && IsDevelopmentStorage(storage.Value.ConnectionString) && !await LocalStorageEmulator.AnswersAsync(10002))
        {
            var location = Path.Combine(RepositoryRoot(environment.ContentRootPath), ".azurite");
            Directory.CreateDirectory(location);
            logger.LogInformation("Nothing answers on 127.0.0.1:10002: starting Azurite with data in {Location}", location);
            emulator = await LocalStorageEmulator.StartAsync(environment.ContentRootPath, location, 10000, 10001, 10002, cancellationToken);
        }

        // Every cold start on Azure passes here before the host's readiness probe answers: create all at once.
        await Task.WhenAll(tables.CreateIfNotExistsAsync(cancellationToken), blobs.CreateIfNotExistsAsync(cancellationToken),
            signInRequests.CreateIfNotExistsAsync(cancellationToken), blobs.AllowPortalUploadsAsync(mem.Value.PortalBaseUrl, cancellationToken));
        await Task.WhenAll(index.MigrateAsync(cancellationToken), participants.MigrateAsync(cancellationToken));
        if (mem.Value.BootstrapAdminToken is { } token && !ConfigurationHealth.IsUnresolvedReference(token))
            await participants.EnsureBootstrapAdminAsync(token, mem.Value.BootstrapAddress, cancellationToken);
        if (time is ManualClock clock)
            await clockStore.RestoreAsync(clock, cancellationToken);
    }

    /// <summary>The Azurite this app started stops the way it keeps what it acknowledged (SIGTERM, and it
    /// writes its data folder), within what is left of the host's shutdown timeout. Hosted services stop in
    /// reverse order, so the Durable worker has released its leases before storage goes away.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (emulator is null)
            return;
        var patience = TimeSpan.FromSeconds(1.5);
        if (!await emulator.StopAsync(cancellationToken.IsCancellationRequested ? TimeSpan.Zero : patience))
            logger.LogWarning("Azurite did not stop within {Patience} s and was killed", patience.TotalSeconds);
        await emulator.DisposeAsync();
    }

    private static bool IsDevelopmentStorage(string connectionString) =>
        connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    private static string RepositoryRoot(string from)
    {
        var script = LocalStorageEmulator.FindScript(from);
        return script is null ? from : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, "..", "..", "..", "..", "..", ".."));
    }
}
