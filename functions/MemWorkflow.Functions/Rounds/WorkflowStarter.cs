using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

/// <summary>Starts a round's or an evaluation's workflow again when its instance is missing or has
/// ended (completed, failed, terminated), and leaves a live one alone. The aggregates are the truth: a
/// workflow only keeps time for one, so starting it afresh loses nothing. Used by the doorbell (a late
/// email, a command after the workflow ended) and the supervisor.</summary>
public static class WorkflowStarter
{
    /// <summary>The statuses of an instance that needs no start: it runs, waits, or was paused on purpose.</summary>
    public static bool IsLive(OrchestrationMetadata? instance) => instance?.RuntimeStatus is
        OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended
#pragma warning disable CS0618 // ContinuedAsNew is obsolete in the client, yet a crash between generations can leave it.
        or OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618

    /// <summary>True when it started the evaluation's workflow, false when one was live.</summary>
    public static Task<bool> EnsureEvaluationAsync(DurableTaskClient client, string roundId, string memberState, OrchestrationMetadata? known = null, CancellationToken cancellationToken = default) =>
        EnsureAsync(client, Workflow.EvaluationInstance(roundId, memberState), EvaluationOrchestrator.Name, new EvaluationInput(roundId, memberState), known, cancellationToken);

    /// <summary>True when it started the round's workflow, false when one was live.</summary>
    public static Task<bool> EnsureRoundAsync(DurableTaskClient client, string roundId, OrchestrationMetadata? known = null, CancellationToken cancellationToken = default) =>
        EnsureAsync(client, Workflow.RoundInstance(roundId), RoundOrchestrator.Name, new RoundInput(roundId), known, cancellationToken);

    private static async Task<bool> EnsureAsync(DurableTaskClient client, string instanceId, string orchestrator, object input, OrchestrationMetadata? known, CancellationToken cancellationToken)
    {
        if (IsLive(known ?? await client.GetInstanceAsync(instanceId, cancellationToken)))
            return false;
        try
        {
            // No version named: the host gives host.json's defaultVersion, which is Workflow.Version (a test holds
            // them equal), and a host still on an older release starts what its own code can run.
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Someone else (the doorbell, another supervisor pass) started it first: one workflow, as wanted.
            if (IsLive(await client.GetInstanceAsync(instanceId, cancellationToken)))
                return false;
            throw;
        }
    }
}
