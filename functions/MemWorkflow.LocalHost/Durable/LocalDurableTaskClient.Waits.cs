using DurableTask.Core;
using Microsoft.DurableTask.Client;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace MemWorkflow.LocalHost.Durable;

// Waiting (by polling the instance table, as nothing pushes status changes) and purging.
public sealed partial class LocalDurableTaskClient
{
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            OrchestrationMetadata metadata = await this.GetExistingAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(this.pollingInterval, cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            OrchestrationMetadata metadata = await this.GetExistingAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata.RuntimeStatus.IsTerminal())
            {
                return metadata;
            }

            await Task.Delay(this.pollingInterval, cancellation);
        }
    }

    // By id, as the Functions host's Azure Storage backend does: the instance's rows are deleted whatever its status
    // (a purge by filter, below, takes only ended ones). A live instance's rows deleted under its worker is how the
    // supervisor frees a wedged one (StuckWorkflows); anyone else terminates first.
    public override async Task<PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ThrowIfRecursive(options);
        IOrchestrationServicePurgeClient purge = this.As<IOrchestrationServicePurgeClient>();
        DurableTask.Core.PurgeResult result = await purge.PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    // Only ended instances are purged. An empty status set means "no filter" to the backend, so it is never sent.
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ThrowIfRecursive(options);
        IOrchestrationServicePurgeClient purge = this.As<IOrchestrationServicePurgeClient>();
        cancellation.ThrowIfCancellationRequested();
        List<OrchestrationStatus> statuses = filter.Statuses is null
            ? [.. CoreConversions.TerminalStatuses]
            : filter.Statuses.Select(s => s.ToCore()).Intersect(CoreConversions.TerminalStatuses).ToList();
        if (statuses.Count == 0)
        {
            return new PurgeResult(0);
        }

        PurgeInstanceFilter coreFilter = new(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses)
        {
            Timeout = filter.Timeout,
        };
        DurableTask.Core.PurgeResult result = await purge.PurgeInstanceStateAsync(coreFilter);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    async Task<OrchestrationMetadata> GetExistingAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellation)
        => await this.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
            ?? throw new InvalidOperationException($"Orchestration instance '{instanceId}' does not exist.");

    static void ThrowIfRecursive(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge is not supported by the local Durable client.");
        }
    }
}
