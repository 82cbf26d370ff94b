using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Participants;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Storage;

/// <summary>Before the app takes requests: create the tables and containers, make the bootstrap MEM Unit
/// user exist, and bring a manual clock back to the time it had reached.</summary>
public sealed class StorageStartup(
    StorageTables tables,
    StorageBlobs blobs,
    ParticipantDirectory participants,
    SignInRequests signInRequests,
    Rounds.RoundIndex index,
    IOptions<MemOptions> mem,
    TimeProvider time,
    ManualClockStore clockStore) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Every cold start on Azure passes here before the host's readiness probe answers: create all at once.
        await Task.WhenAll(tables.CreateIfNotExistsAsync(cancellationToken), blobs.CreateIfNotExistsAsync(cancellationToken),
            signInRequests.CreateIfNotExistsAsync(cancellationToken), blobs.AllowPortalUploadsAsync(mem.Value.PortalBaseUrl, cancellationToken));
        await Task.WhenAll(index.MigrateAsync(cancellationToken), participants.MigrateAsync(cancellationToken));
        if (mem.Value.BootstrapAdminToken is { } token && !ConfigurationHealth.IsUnresolvedReference(token))
            await participants.EnsureBootstrapAdminAsync(token, mem.Value.BootstrapAddress, cancellationToken);
        if (time is ManualClock clock)
            await clockStore.RestoreAsync(clock, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
