using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost;

namespace MemWorkflow.LocalHost.Durable.Tests;

// The repository's pinned Azurite (tools/azurite), in memory on free loopback ports, for this test run.
public sealed class AzuriteFixture : IAsyncLifetime
{
    LocalStorageEmulator? emulator;

    public string ConnectionString => (this.emulator ?? throw new InvalidOperationException("Azurite is not running.")).ConnectionString;

    public async Task InitializeAsync() => this.emulator = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);

    public async Task DisposeAsync()
    {
        if (this.emulator is not null)
        {
            await this.emulator.DisposeAsync();
        }
    }
}
