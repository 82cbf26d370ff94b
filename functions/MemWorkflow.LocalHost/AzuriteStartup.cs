using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.LocalHost;

/// <summary><c>Mem:Storage:StartEmulator</c> (default true): the local host starts Azurite when the
/// connection string is the emulator's and nothing answers. The product itself never starts one.</summary>
public sealed class AzuriteOptions
{
    public bool StartEmulator { get; set; } = true;
}

/// <summary>Starts Azurite, with its data in the repository's <c>.azurite</c>, before the app's own
/// storage start-up (hosted services start in order and stop in reverse, so the Durable worker has
/// released its leases before storage goes away).</summary>
public sealed class AzuriteStartup(
    IOptions<AzuriteOptions> options, IOptions<StorageOptions> storage, IHostEnvironment environment, ILogger<AzuriteStartup> logger) : IHostedService
{
    private LocalStorageEmulator? emulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.StartEmulator || storage.Value.UsesIdentity || !IsDevelopmentStorage(storage.Value.ConnectionString)
            || await LocalStorageEmulator.AnswersAsync(10002))
            return;
        var location = Path.Combine(RepositoryRoot(environment.ContentRootPath), ".azurite");
        Directory.CreateDirectory(location);
        logger.LogInformation("Nothing answers on 127.0.0.1:10002: starting Azurite with data in {Location}", location);
        emulator = await LocalStorageEmulator.StartAsync(environment.ContentRootPath, location, 10000, 10001, 10002, cancellationToken);
    }

    /// <summary>Stops the way Azurite keeps what it acknowledged (SIGTERM, and it writes its data folder),
    /// within what is left of the host's shutdown timeout.</summary>
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
