using MemWorkflow.Core.Rounds;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

public sealed record OrchestrationView(string InstanceId, string RuntimeStatus);

/// <summary>One evaluation's workflow: its runtime status, what it waits for and when it next wakes.
/// <see cref="CaughtUp"/>: it has planned from the evaluation as stored now, at the current time, with
/// no email due (so nothing it owes is still to happen).</summary>
public sealed record EvaluationWorkflowView(
    string MemberState, string InstanceId, string RuntimeStatus, Stage? Stage, string? WaitingFor, DateTimeOffset? PlannedAt,
    DateTimeOffset? NextWakeUp, bool CaughtUp);

public sealed record RoundWorkflowView(OrchestrationView Round, IReadOnlyList<EvaluationWorkflowView> Evaluations)
{
    public bool CaughtUp => Evaluations.All(e => e.CaughtUp);
}

/// <summary>Reads a round's orchestrations as the engine reports them, beside the evaluations and the
/// outbox as stored.</summary>
public sealed class WorkflowProbe(RoundQueries queries, TimeProvider clock)
{
    public async Task<RoundWorkflowView> DescribeAsync(DurableTaskClient client, RoundState round, CancellationToken cancellationToken)
    {
        var versions = await queries.EvaluationVersionsAsync(round.RoundId, cancellationToken);
        var now = clock.GetUtcNow();
        var emailsDue = await queries.StreamsWithEmailDueAsync(round.RoundId, now, cancellationToken);
        var roundInstance = await client.GetInstanceAsync(Workflow.RoundInstance(round.RoundId), cancellationToken);
        var evaluations = await Task.WhenAll(round.Settings.Countries.Select(async c =>
        {
            var id = Workflow.EvaluationInstance(round.RoundId, c.MemberState);
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            var status = instance?.ReadCustomStatusAs<WorkflowStatus>();
            var completed = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
            var caughtUp = completed || status is not null && status.Version == versions.GetValueOrDefault(c.MemberState)
                && status.PlannedAt >= now && (status.NextWakeUp is null || status.NextWakeUp > now) && !emailsDue.Contains(c.MemberState);
            return new EvaluationWorkflowView(c.MemberState, id, Describe(instance), status?.Stage,
                completed ? "nothing" : status?.WaitingFor, status?.PlannedAt, completed ? null : status?.NextWakeUp, caughtUp);
        }));
        return new RoundWorkflowView(new OrchestrationView(Workflow.RoundInstance(round.RoundId), Describe(roundInstance)), evaluations);
    }

    /// <summary>The engine's runtime status; "Unknown" for a value the client does not name (seen for an
    /// instance caught between two generations by a crash).</summary>
    private static string Describe(OrchestrationMetadata? instance) =>
        instance is null ? "NotStarted" : Enum.IsDefined(instance.RuntimeStatus) ? instance.RuntimeStatus.ToString() : "Unknown";
}
