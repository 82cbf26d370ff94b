using MemWorkflow.Contracts.Evaluations;

namespace MemWorkflow.Contracts.Rounds;

/// <summary><see cref="Failures"/>: steps failed in a row now (0 when the last step succeeded), since
/// <see cref="FailingSince"/> (app time), the last one with <see cref="LastError"/>; for an instance that
/// failed outright, the engine's failure message.</summary>
public sealed record OrchestrationView(string InstanceId, string RuntimeStatus, int Failures = 0, DateTimeOffset? FailingSince = null, string? LastError = null);

/// <summary>One evaluation's workflow: its runtime status, what it waits for and when it next wakes.
/// <see cref="CaughtUp"/>: it has planned from the evaluation as stored now, at the current time, with
/// no email due (so nothing it owes is still to happen); and, while the evaluation is not final, from the
/// round as stored now (a committed assignment whose doorbell was lost is not applied yet).</summary>
public sealed record EvaluationWorkflowView(
    string MemberState, string InstanceId, string RuntimeStatus, Stage? Stage, string? WaitingFor, DateTimeOffset? PlannedAt,
    DateTimeOffset? NextWakeUp, bool CaughtUp, int Failures = 0, DateTimeOffset? FailingSince = null, string? LastError = null);

public sealed record RoundWorkflowView(OrchestrationView Round, IReadOnlyList<EvaluationWorkflowView> Evaluations)
{
    public bool CaughtUp => Evaluations.All(e => e.CaughtUp);
}
