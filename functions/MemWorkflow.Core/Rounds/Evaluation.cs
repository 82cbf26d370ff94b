using MemWorkflow.Core.Reminders;

namespace MemWorkflow.Core.Rounds;

/// <summary>One country's evaluation in a round: where it stands and what it waits for.</summary>
public sealed record EvaluationState(
    string MemberState,
    Stage Stage,
    DateTimeOffset? Due,
    DateTimeOffset? DueSetAt,
    IReadOnlyList<string> PriorityActionIds,
    DateTimeOffset? IssuedAt,
    IReadOnlyList<Milestone> MilestonesSent)
{
    public Owner Owner => Stages.OwnerOf(Stage);

    public bool IsOverdue(DateTimeOffset now) => Due is { } due && now > due && !Stages.IsFinal(Stage);
}
