using MemWorkflow.Core.Reminders;
using MemWorkflow.Core.Workflow;

namespace MemWorkflow.Core.Rounds;

public abstract record EvaluationCommand(Actor Actor, DateTimeOffset Now);

public sealed record IssueQuestionnaire(
    string MemberState,
    IReadOnlyList<string> PriorityActionIds,
    DateTimeOffset Due,
    IReadOnlyList<Recipient> Recipients,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record ExtendDeadline(
    DateTimeOffset Due,
    string Reason,
    IReadOnlyList<Recipient> Recipients,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record WithdrawEvaluation(
    string MemberState,
    string Reason,
    IReadOnlyList<Recipient> Recipients,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

/// <summary>Sends what the reminder planner found due, for the deadline the planner saw.</summary>
public sealed record RecordReminder(
    Stage Stage,
    DateTimeOffset Due,
    Milestone Milestone,
    IReadOnlyList<Recipient> Recipients,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);
