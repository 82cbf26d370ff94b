using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>One Azurite per test run, on free ports, in memory. Every app instance gets its own tables
/// (a random prefix), so tests never see each other's data.</summary>
public static class TestStorage
{
    private static readonly Lazy<Task<LocalStorageEmulator>> Emulator = new(StartAsync);

    public static Task<LocalStorageEmulator> GetAsync() => Emulator.Value;

    private static async Task<LocalStorageEmulator> StartAsync()
    {
        var emulator = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return emulator;
    }
}
