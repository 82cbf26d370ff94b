using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemWorkflow.LocalHost.Durable.Tests;

// A generic host wired the way the app's local host would be: AddLocalDurableTask plus the function classes.
public sealed class DurableTestHost : IAsyncDisposable
{
    readonly IHost host;

    DurableTestHost(IHost host) => this.host = host;

    public DurableTaskClient Client => this.host.Services.GetRequiredService<DurableTaskClient>();

    public LocalDurableWorker Worker => this.host.Services.GetRequiredService<LocalDurableWorker>();

    public TimeSpan HostStartTime { get; private set; }

    public static DurableTestHost Create(
        string connectionString, string taskHub, int partitions = 1, Action<LocalDurableOptions>? configure = null)
    {
        HostApplicationBuilder builder = new(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (Environment.GetEnvironmentVariable("DURABLE_TEST_LOG") is { Length: > 0 } level)
        {
            builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(Enum.Parse<LogLevel>(level, ignoreCase: true));
        }

        builder.Services.AddScoped<ScopeMarker>();
        builder.Services.AddLocalDurableTask(
            options =>
            {
                options.ConnectionString = connectionString;
                options.TaskHubName = taskHub;
                options.PartitionCount = partitions;
                options.LeaseInterval = TimeSpan.FromSeconds(9);
                options.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(10);
                options.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
                options.ClientPollingInterval = TimeSpan.FromMilliseconds(100);
                configure?.Invoke(options);
            },
            typeof(GreetingFunctions),
            typeof(FanOutFunctions),
            typeof(EventFunctions),
            typeof(VersionFunctions));
        return new DurableTestHost(builder.Build());
    }

    public static string NewTaskHubName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 32)];

    public async Task StartAsync()
    {
        Stopwatch clock = Stopwatch.StartNew();
        await this.host.StartAsync();
        this.HostStartTime = clock.Elapsed;
    }

    public Task StopAsync() => this.host.StopAsync();

    // Start-to-ready as a caller sees it: StartAsync returns before partitions are leased, so also time one
    // orchestration that needs no activity.
    public async Task<TimeSpan> StartAndRunFirstOrchestrationAsync()
    {
        Stopwatch clock = Stopwatch.StartNew();
        await this.StartAsync();
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("Counter", new CounterState(3, []));
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
        await this.Client.WaitForInstanceCompletionAsync(id, timeout.Token);
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await this.host.StopAsync();
        if (this.host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            this.host.Dispose();
        }
    }
}

// One Azurite and one running host (its own task hub) shared by the tests of the collection.
public sealed class DurableFixture : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public DurableTestHost Host { get; private set; } = null!;

    public string TaskHub { get; } = DurableTestHost.NewTaskHubName("shared");

    public TimeSpan TimeToFirstOrchestration { get; private set; }

    public async Task InitializeAsync()
    {
        await this.Azurite.InitializeAsync();
        this.Host = DurableTestHost.Create(this.Azurite.ConnectionString, this.TaskHub);
        this.TimeToFirstOrchestration = await this.Host.StartAndRunFirstOrchestrationAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (this.Host is not null)
            {
                await this.Host.DisposeAsync();
            }
        }
        finally
        {
            await this.Azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DurableCollection : ICollectionFixture<DurableFixture>
{
    public const string Name = "durable";
}
