using MemWorkflow.Core.Questionnaires;
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

/// <summary>Saves one answer. <see cref="ExpectedVersion"/> is the version the NCE user edited
/// (If-Match), or null for a first answer; someone else's save in between refuses it.</summary>
public sealed record SaveAnswer(
    string PriorityActionId,
    AnswerStatus Status,
    int TextLength,
    IReadOnlyList<string> DocumentIds,
    int? ExpectedVersion,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record ReserveDocument(
    string DocumentId,
    string FileName,
    string DeclaredContentType,
    long DeclaredLength,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record CompleteDocument(
    string DocumentId,
    string ContentType,
    long Length,
    string Sha256,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record RejectDocument(
    string DocumentId,
    string Reason,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record SubmitQuestionnaire(
    IReadOnlyList<Recipient> Recipients,
    IReadOnlyList<Recipient> MemUnit,
    IReadOnlyList<Recipient> Experts,
    int DraftDays,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record AssignReviewers(
    IReadOnlyList<Recipient> Experts,
    Recipient Consultant,
    int DraftDays,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record ReplaceReviewer(
    string DeclinedId,
    Recipient Replacement,
    string Reason,
    IReadOnlyList<Recipient> MemUnit,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);
