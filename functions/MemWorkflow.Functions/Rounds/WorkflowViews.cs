using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

/// <summary>Reads a round's orchestrations as the engine reports them, beside the evaluations and the
/// outbox as stored.</summary>
public sealed class WorkflowProbe(RoundQueries queries, WorkflowFailures failures, TimeProvider clock)
{
    public async Task<RoundWorkflowView> DescribeAsync(DurableTaskClient client, RoundState round, CancellationToken cancellationToken)
    {
        var versions = await queries.StreamVersionsAsync(round.RoundId, cancellationToken);
        var now = clock.GetUtcNow();
        var emailsDue = await queries.StreamsWithEmailDueAsync(round.RoundId, now, cancellationToken);
        var failing = await failures.ForRoundAsync(round.RoundId, cancellationToken);
        var roundInstance = await client.GetInstanceAsync(Workflow.RoundInstance(round.RoundId), getInputsAndOutputs: true, cancellationToken);
        var evaluations = await Task.WhenAll(round.Settings.Countries.Select(async c =>
        {
            var id = Workflow.EvaluationInstance(round.RoundId, c.MemberState);
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            var status = instance?.ReadCustomStatusAs<WorkflowStatus>();
            var completed = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
            // A terminated or failed instance keeps the status of its last generation: planned, but no longer keeping time.
            var running = instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
            var caughtUp = completed || running && status is not null && status.Version == versions.GetValueOrDefault(c.MemberState)
                && (status.Stage is { } stage && Stages.IsFinal(stage) || status.RoundVersion is not { } planned || planned == versions.GetValueOrDefault(RowKeys.RoundStream))
                && status.PlannedAt >= now && (status.NextWakeUp is null || status.NextWakeUp > now) && !emailsDue.Contains(c.MemberState);
            var (count, since, error) = Failures(instance, failing.GetValueOrDefault(c.MemberState));
            return new EvaluationWorkflowView(c.MemberState, id, Describe(instance), status?.Stage,
                completed ? "nothing" : status?.WaitingFor, status?.PlannedAt, completed ? null : status?.NextWakeUp, caughtUp && count == 0, count, since, error);
        }));
        var (roundFailures, roundSince, roundError) = Failures(roundInstance, failing.GetValueOrDefault(Workflow.RoundStream));
        return new RoundWorkflowView(new OrchestrationView(Workflow.RoundInstance(round.RoundId), Describe(roundInstance), roundFailures, roundSince, roundError), evaluations);
    }

    /// <summary>The run of failed steps as recorded, or the engine's own failure of an instance that failed outright.</summary>
    private static (int Count, DateTimeOffset? Since, string? Error) Failures(OrchestrationMetadata? instance, StepFailureRecord? recorded) =>
        instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed
            ? (Math.Max(1, recorded?.Failures ?? 0), recorded?.FailingSince ?? instance.LastUpdatedAt, instance.FailureDetails?.ErrorMessage ?? recorded?.LastError)
            : recorded is null ? (0, null, null) : (recorded.Failures, recorded.FailingSince, recorded.LastError);

    /// <summary>The engine's runtime status; "Unknown" for a value the client does not name (seen for an
    /// instance caught between two generations by a crash).</summary>
    private static string Describe(OrchestrationMetadata? instance) =>
        instance is null ? "NotStarted" : Enum.IsDefined(instance.RuntimeStatus) ? instance.RuntimeStatus.ToString() : "Unknown";
}
