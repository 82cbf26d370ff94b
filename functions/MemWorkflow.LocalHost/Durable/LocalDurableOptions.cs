using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core.Settings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;

namespace MemWorkflow.LocalHost.Durable;

public sealed class LocalDurableOptions
{
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    // Azure Storage names queues/tables after the hub: 3-45 chars, letters and digits, starting with a letter.
    public string TaskHubName { get; set; } = "MemWorkflowLocal";

    // Two workers with the same id would treat each other's partition leases as their own, so each options
    // object (one per host) gets its own.
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    // How long an idle worker may wait between looks at a queue, so how long the first event after an idle spell waits
    // at each hop. The local host takes host.json's (HostJson); 1 s here for hosts built without one (the adapter's tests).
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    // Partition lease lifetime. Renew/acquire run at a third of it so a lease never lapses while its owner lives.
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    // How long a dequeued activity message stays hidden; DurableTask.Core renews it every ~5 s while the activity runs.
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    // Same for orchestration (control-queue) messages; only matters when a worker dies with messages in hand.
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    // Each partition is a control queue that must be leased before it is polled; tests use 1 to start faster.
    public int PartitionCount { get; set; } = 4;

    public int MaxConcurrentActivities { get; set; } = 10;

    public int MaxConcurrentOrchestrations { get; set; } = 100;

    // host.json's Durable versioning (extensions.durableTask): the version new instances and sub-orchestrations get
    // when the caller names none, which is also the version this worker runs; which instance versions it may run;
    // and what becomes of one it may not (Reject: left for a worker that can, Fail: failed).
    public string DefaultVersion { get; set; } = string.Empty;

    public VersioningSettings.VersionMatchStrategy VersionMatchStrategy { get; set; } = VersioningSettings.VersionMatchStrategy.None;

    public VersioningSettings.VersionFailureStrategy VersionFailureStrategy { get; set; } = VersioningSettings.VersionFailureStrategy.Reject;

    // How often the client re-reads the instance table while waiting for start/completion.
    public TimeSpan ClientPollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    // Mirrors the Functions worker: camelCase out, case-insensitive in.
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = true,
    };

    // DurableTask.Core's own dispatcher applies these before any orchestrator code runs, as it does under the
    // Functions host: a rejected work item is abandoned (Azure Storage makes it visible again after a back-off).
    public VersioningSettings CreateVersioningSettings() => new()
    {
        Version = this.DefaultVersion,
        MatchStrategy = this.VersionMatchStrategy,
        FailureStrategy = this.VersionFailureStrategy,
    };

    public DataConverter CreateDataConverter() => new JsonDataConverter(this.SerializerOptions);

    public AzureStorageOrchestrationServiceSettings CreateStorageSettings(ILoggerFactory loggerFactory)
    {
        TimeSpan renew = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, this.LeaseInterval.Ticks / 3));
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(this.ConnectionString),
            TaskHubName = this.TaskHubName,
            WorkerId = this.WorkerId,
            PartitionCount = this.PartitionCount,
            MaxQueuePollingInterval = this.MaxQueuePollingInterval,
            LeaseInterval = this.LeaseInterval,
            LeaseRenewInterval = renew,
            LeaseAcquireInterval = renew,
            WorkItemQueueVisibilityTimeout = this.WorkItemVisibilityTimeout,
            ControlQueueVisibilityTimeout = this.ControlQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = this.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = this.MaxConcurrentOrchestrations,

            // A second start of a live instance id must fail loudly instead of silently doing nothing.
            ThrowExceptionOnInvalidDedupeStatus = true,

            // The app lease arbitrates between app deployments sharing one hub; locally there is one app, and
            // after a crash it would hold up the next start until the lease expires.
            UseAppLease = false,
            LoggerFactory = loggerFactory,
        };
    }
}
