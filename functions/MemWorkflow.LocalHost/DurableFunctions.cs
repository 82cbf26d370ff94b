using System.Reflection;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost.Durable;
using Microsoft.Extensions.Options;

namespace MemWorkflow.LocalHost;

/// <summary>The app's orchestrators and activities on the real Durable engine (DurableTask.Core's
/// TaskHubWorker over the Azure Storage backend), read from the same [Function] attributes the
/// Functions host reads, with the settings host.json gives the Durable extension there.</summary>
public static class DurableFunctions
{
    public static IServiceCollection AddDurableFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var durable = configuration.GetSection("Mem:Durable");
        var hostJson = HostJson.Read(durable["HostJson"] ?? HostJson.DefaultPath).Durable;
        return services.AddLocalDurableTask(options =>
        {
            options.ConnectionString = storage.ConnectionString;
            options.TaskHubName = configuration[TaskHub.Setting] ?? throw new InvalidOperationException($"The setting {TaskHub.Setting} is not set.");
            options.PartitionCount = durable.GetValue("PartitionCount", 4);
            options.LeaseInterval = durable.GetValue("LeaseInterval", TimeSpan.FromSeconds(30));
            options.WorkItemVisibilityTimeout = durable.GetValue("WorkItemVisibilityTimeout", TimeSpan.FromMinutes(5));
            options.ControlQueueVisibilityTimeout = durable.GetValue("ControlQueueVisibilityTimeout", TimeSpan.FromMinutes(5));
            options.MaxConcurrentActivities = durable.GetValue("MaxConcurrentActivities", 10);
            options.MaxQueuePollingInterval = durable.GetValue("MaxQueuePollingInterval", hostJson.MaxQueuePollingInterval);
            options.DefaultVersion = hostJson.DefaultVersion;
            options.VersionMatchStrategy = hostJson.MatchStrategy;
            options.VersionFailureStrategy = hostJson.FailureStrategy;
        }, registry =>
        {
            foreach (var type in typeof(StorageOptions).Assembly.GetTypes().Where(HasDurableTrigger))
                registry.AddFunctionsFrom(type);
        });
    }

    private static bool HasDurableTrigger(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .SelectMany(m => m.GetParameters())
            .Any(p => p.GetCustomAttribute<Microsoft.Azure.Functions.Worker.OrchestrationTriggerAttribute>() is not null
                || p.GetCustomAttribute<Microsoft.Azure.Functions.Worker.ActivityTriggerAttribute>() is not null);
}
