using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost.Durable;

namespace MemWorkflow.LocalHost;

/// <summary>The app's orchestrators and activities on the real Durable engine (DurableTask.Core's
/// TaskHubWorker over the Azure Storage backend), read from the same [Function] attributes the
/// Functions host reads, with the settings host.json gives the Durable extension there.</summary>
public static class DurableFunctions
{
    public static IServiceCollection AddDurableFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DurableEngineOptions>().Bind(configuration.GetSection(DurableEngineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The engine is built at registration (tests change its registry before the container exists), so its
        // settings are read here too, as AddMemWorkflow reads MemOptions.
        var engine = configuration.GetSection(DurableEngineOptions.Section).Get<DurableEngineOptions>() ?? new DurableEngineOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var hostJson = HostJson.Read(engine.HostJson).Durable;
        return services.AddLocalDurableTask(options =>
        {
            options.ConnectionString = storage.ConnectionString;
            // The app-wide setting host.json names as %MemTaskHub%, not a local-host option; read as the app reads it.
            options.TaskHubName = configuration[TaskHub.Setting] ?? throw new InvalidOperationException($"The setting {TaskHub.Setting} is not set.");
            options.PartitionCount = engine.PartitionCount;
            options.LeaseInterval = engine.LeaseInterval;
            options.WorkItemVisibilityTimeout = engine.WorkItemVisibilityTimeout;
            options.ControlQueueVisibilityTimeout = engine.ControlQueueVisibilityTimeout;
            options.MaxConcurrentActivities = engine.MaxConcurrentActivities;
            options.MaxQueuePollingInterval = engine.MaxQueuePollingInterval ?? hostJson.MaxQueuePollingInterval;
            options.DefaultVersion = hostJson.DefaultVersion;
            options.VersionMatchStrategy = hostJson.MatchStrategy;
            options.VersionFailureStrategy = hostJson.FailureStrategy;
        }, registry =>
        {
            // A type without an [OrchestrationTrigger] or [ActivityTrigger] method adds nothing.
            foreach (var type in typeof(StorageOptions).Assembly.GetTypes())
                registry.AddFunctionsFrom(type);
        });
    }
}
