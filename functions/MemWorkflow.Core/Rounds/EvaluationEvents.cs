using System.Text.Json.Serialization;
using MemWorkflow.Core.Reminders;
using MemWorkflow.Core.Workflow;

namespace MemWorkflow.Core.Rounds;

/// <summary>What happened to one country's evaluation. Each event carries the people it told, so the
/// history and the outbox say the same thing.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(QuestionnaireIssued), "questionnaireIssued")]
[JsonDerivedType(typeof(DeadlineExtended), "deadlineExtended")]
[JsonDerivedType(typeof(EvaluationWithdrawn), "evaluationWithdrawn")]
[JsonDerivedType(typeof(ReminderRecorded), "reminderRecorded")]
public abstract record EvaluationEvent(DateTimeOffset At);

public sealed record QuestionnaireIssued(
    string MemberState,
    IReadOnlyList<string> PriorityActionIds,
    DateTimeOffset Due,
    IReadOnlyList<Recipient> Recipients,
    DateTimeOffset At) : EvaluationEvent(At);

public sealed record DeadlineExtended(
    Stage Stage,
    DateTimeOffset PreviousDue,
    DateTimeOffset Due,
    string Reason,
    IReadOnlyList<Recipient> Recipients,
    DateTimeOffset At) : EvaluationEvent(At);

public sealed record EvaluationWithdrawn(
    string MemberState,
    Stage? PreviousStage,
    string Reason,
    IReadOnlyList<Recipient> Recipients,
    DateTimeOffset At) : EvaluationEvent(At);

/// <summary>A reminder, overdue notice or escalation that was sent for one deadline of one stage.</summary>
public sealed record ReminderRecorded(
    Stage Stage,
    DateTimeOffset Due,
    Milestone Milestone,
    IReadOnlyList<Recipient> Recipients,
    DateTimeOffset At) : EvaluationEvent(At);
