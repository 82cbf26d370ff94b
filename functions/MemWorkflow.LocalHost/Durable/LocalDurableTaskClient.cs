using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;

namespace MemWorkflow.LocalHost.Durable;

// DurableTaskClient over DurableTask.Core's client interfaces. Anything not overridden here (entities, restart,
// rewind, history, recursive terminate/purge) throws NotSupportedException, from the base class or from us.
public sealed partial class LocalDurableTaskClient : DurableTaskClient
{
    readonly Func<IOrchestrationServiceClient> clientSource;
    readonly DataConverter converter;
    readonly TimeSpan pollingInterval;
    readonly IDisposable? owned;

    public LocalDurableTaskClient(
        IOrchestrationServiceClient client, DataConverter converter, TimeSpan pollingInterval, string name = "local")
        : this(() => client, converter, pollingInterval, name)
    {
    }

    // For a backend that can be swapped underneath (LocalDurableWorker.Service after a restart).
    public LocalDurableTaskClient(
        Func<IOrchestrationServiceClient> clientSource, DataConverter converter, TimeSpan pollingInterval, string name = "local")
        : base(name)
    {
        this.clientSource = clientSource;
        this.converter = converter;
        this.pollingInterval = pollingInterval;
    }

    // Builds (and owns) its own Azure Storage client; it needs no running worker and creates the hub on first use.
    public LocalDurableTaskClient(
        LocalDurableOptions options, DataConverter? converter = null, ILoggerFactory? loggerFactory = null)
        : this(
            new AzureStorageOrchestrationService(options.CreateStorageSettings(loggerFactory ?? NullLoggerFactory.Instance)),
            converter ?? options.CreateDataConverter(),
            options.ClientPollingInterval)
    {
        this.owned = (IDisposable)this.clientSource();
        this.DefaultVersion = options.DefaultVersion;
    }

    // host.json's defaultVersion: what a new instance gets when the caller names no version, as the Functions client does.
    public string DefaultVersion { get; init; } = string.Empty;

    // A start for an id whose instance is still live is refused: the live statuses are always passed as dedupe
    // statuses. With LocalDurableOptions' settings (ThrowExceptionOnInvalidDedupeStatus) that surfaces as
    // DurableTask.Core's OrchestrationAlreadyExistsException (an InvalidOperationException); an ended instance
    // is started afresh unless options.DedupeStatuses lists its status too.
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        string instanceId = options?.InstanceId is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
        OrchestrationInstance instance = new() { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        ExecutionStartedEvent started = new(-1, this.converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version is { Length: > 0 } version ? version : this.DefaultVersion,
            OrchestrationInstance = instance,

            // Azure Storage turns this into the start message's initial invisibility.
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),
        };

        OrchestrationStatus[] dedupe = CoreConversions.LiveStatuses
            .Union((options?.DedupeStatuses ?? []).Select(CoreConversions.ParseStatus))
            .ToArray();
        await this.Client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe);
        return instanceId;
    }

    // Like the Azure Storage backend itself, an event for an unknown instance is accepted and later dropped.
    public override Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return this.SendAsync(instanceId, new EventRaisedEvent(-1, this.converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => this.SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => this.SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(
        string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive termination is not supported by the local Durable client.");
        }

        cancellation.ThrowIfCancellationRequested();
        return this.Client.ForceTerminateTaskOrchestrationAsync(instanceId, this.converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        IList<OrchestrationState>? states = await this.Client.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        // Azure Storage answers an unknown id with a one-element list holding null.
        return states?.FirstOrDefault() is { } state ? state.ToMetadata(getInputsAndOutputs, this.converter) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        IOrchestrationServiceQueryClient queries = this.As<IOrchestrationServiceQueryClient>();
        return Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            CoreQuery query = new()
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCore()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            OrchestrationQueryResult result = await queries.GetOrchestrationWithQueryAsync(query, cancellation);
            List<OrchestrationMetadata> page = result.OrchestrationState
                .Select(s => s.ToMetadata(query.FetchInputsAndOutputs, this.converter))
                .ToList();
            return new Page<OrchestrationMetadata>(page, result.ContinuationToken);
        });
    }

    public override ValueTask DisposeAsync()
    {
        this.owned?.Dispose();
        return ValueTask.CompletedTask;
    }

    IOrchestrationServiceClient Client => this.clientSource();

    Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return this.Client.SendTaskOrchestrationMessageAsync(
            new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = historyEvent });
    }

    T As<T>() where T : class
        => this.Client as T
            ?? throw new NotSupportedException($"{this.Client.GetType().Name} does not implement {typeof(T).Name}.");
}
