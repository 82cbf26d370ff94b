using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemWorkflow.Functions.Rounds;

/// <summary>A workflow can show as running and yet never move again: when its history was deleted under it
/// (a purge that met its restart, rows removed by hand), every message it is sent is discarded as meant for
/// no instance, and a status that says "running" keeps the supervisor from starting it again. A generation
/// of ours is never quiet for longer than it sleeps: at most the heartbeat, or the longest pause after a
/// failed step when it is failing. An instance quiet for that and <see cref="WorkflowOptions.StuckAfter"/>
/// more is stuck: it is terminated (the engine records a termination even for an instance without history)
/// and the supervisor's next pass starts it again, from the aggregates. An instance still quiet
/// <see cref="WorkflowOptions.StuckAfter"/> after that is wedged: the engine drops even the termination (seen in
/// the chaos suite after a kill, with a batch of messages that mixed a stale generation's timer with a doorbell:
/// the engine ran the doorbell against an empty history and from then on found no history for the instance, so
/// every message to it was discarded). Only deleting its rows frees its id; the supervisor then starts it afresh.</summary>
public static class StuckWorkflows
{
    /// <param name="now">Real time (the engine's), not the app's clock: instances are dated by the engine.</param>
    public static bool IsStuck(OrchestrationMetadata? instance, DateTimeOffset now, WorkflowOptions options)
    {
        if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
            return false;
        return now - instance.LastUpdatedAt > LongestSleep(instance, options) + options.StuckAfter;
    }

    /// <summary>Stuck, and still so <see cref="WorkflowOptions.StuckAfter"/> after the termination a stuck instance is sent:
    /// the termination never landed. Only once this process has looked for stuck workflows for that long itself: after an
    /// outage every instance is quiet, and the first pass's terminations must have their time to land.</summary>
    public static bool IsWedged(OrchestrationMetadata? instance, DateTimeOffset now, WorkflowOptions options) =>
        IsStuck(instance, now, options) && now - instance!.LastUpdatedAt > LongestSleep(instance, options) + options.StuckAfter * 2
            && now - LookingSince > options.StuckAfter;

    // When this process first looked for stuck workflows (the class is first used by the start-up pass).
    private static readonly DateTimeOffset LookingSince = DateTimeOffset.UtcNow;

    /// <summary>Deletes a wedged instance's rows (the Durable backend deletes them whatever the instance's status), so
    /// that its id can be started again.</summary>
    public static async Task ResetAsync(DurableTaskClient client, OrchestrationMetadata instance, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogWarning("Workflow {InstanceId} still shows {Status} since {LastUpdatedAt:O}, after its termination: its rows are deleted, to be started again",
            instance.InstanceId, instance.RuntimeStatus, instance.LastUpdatedAt);
        await client.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken);
    }

    private static TimeSpan LongestSleep(OrchestrationMetadata instance, WorkflowOptions options) =>
        Failing(instance) && StepFailures.LongestPause > options.Heartbeat ? StepFailures.LongestPause : options.Heartbeat;

    public static async Task TerminateAsync(DurableTaskClient client, OrchestrationMetadata instance, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogWarning("Workflow {InstanceId} shows {Status} but has not moved since {LastUpdatedAt:O}: terminated, to be started again",
            instance.InstanceId, instance.RuntimeStatus, instance.LastUpdatedAt);
        await client.TerminateInstanceAsync(instance.InstanceId, $"Stuck: no progress since {instance.LastUpdatedAt:O}; the supervisor starts it again.", cancellationToken);
    }

    private static bool Failing(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadCustomStatusAs<WorkflowStatus>()?.Failures > 0;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            // Not a status of ours (or no converter to read it): count it as failing, the longer bound.
            return true;
        }
    }
}
