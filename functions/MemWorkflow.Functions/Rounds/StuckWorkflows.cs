using MemWorkflow.Functions.Shell;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemWorkflow.Functions.Rounds;

/// <summary>A workflow can show as running and yet never move again: when its history was deleted under it
/// (a purge that met its restart, rows removed by hand), every message it is sent is discarded as meant for
/// no instance, and a status that says "running" keeps the supervisor from starting it again. A generation
/// of ours is never quiet for longer than it sleeps: at most the heartbeat, or the longest pause after a
/// failed step when it is failing. An instance quiet for that and <see cref="WorkflowOptions.StuckAfter"/>
/// more is stuck: it is terminated (the engine records a termination even for an instance without history)
/// and the supervisor's next pass starts it again, from the aggregates.</summary>
public static class StuckWorkflows
{
    /// <param name="now">Real time (the engine's), not the app's clock: instances are dated by the engine.</param>
    public static bool IsStuck(OrchestrationMetadata? instance, DateTimeOffset now, WorkflowOptions options)
    {
        if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
            return false;
        var longestSleep = Failing(instance) && StepFailures.LongestPause > options.Heartbeat ? StepFailures.LongestPause : options.Heartbeat;
        return now - instance.LastUpdatedAt > longestSleep + options.StuckAfter;
    }

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
