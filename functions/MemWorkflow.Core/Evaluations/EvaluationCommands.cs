using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Evaluations;

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
/// (If-Match), or null for a first answer; someone else's save in between refuses it. A draft may have
/// no <see cref="Status"/> yet (a narrative typed first is kept); the submission needs one.</summary>
public sealed record SaveAnswer(
    string PriorityActionId,
    AnswerStatus? Status,
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

/// <summary>An expert declines their own seat: decided on the evaluation itself, with its stage, so that a
/// draft submission at the same moment and the decline are ordered, and a decline after the draft went
/// to the consultant is refused. The replacement follows through the round's assignment.</summary>
public sealed record StepAside(string ExpertId, string Reason, Actor Actor, DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record ReplaceReviewer(
    string DeclinedId,
    Recipient Replacement,
    string Reason,
    IReadOnlyList<Recipient> MemUnit,
    Actor Actor,
    DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record SaveSummary(string ObjectiveId, int TextLength, int Assessments, int? ExpectedVersion, Actor Actor, DateTimeOffset Now)
    : EvaluationCommand(Actor, Now);

/// <summary>The experts send the draft on. <see cref="Recipients"/>: the consultant (or the MEM Unit after a country review).</summary>
public sealed record SubmitDraft(ReviewDays Days, IReadOnlyList<Recipient> Recipients, Actor Actor, DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record GiveFeedback(
    FeedbackDecision Decision, IReadOnlyList<ReviewComment> Comments, bool CountryReview, ReviewDays Days,
    IReadOnlyList<Recipient> Experts, IReadOnlyList<Recipient> Nce, IReadOnlyList<Recipient> MemUnit, Actor Actor, DateTimeOffset Now)
    : EvaluationCommand(Actor, Now);

public sealed record CommentOnDraft(string Text, bool Accept, ReviewDays Days, IReadOnlyList<Recipient> Experts, IReadOnlyList<Recipient> MemUnit, Actor Actor, DateTimeOffset Now)
    : EvaluationCommand(Actor, Now);

public sealed record ConcludeCountryReview(ReviewDays Days, IReadOnlyList<Recipient> MemUnit, Actor Actor, DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record ApproveReport(string? Note, Actor Actor, DateTimeOffset Now) : EvaluationCommand(Actor, Now);

public sealed record PublishReport(PublishedReport Report, IReadOnlyList<Recipient> Recipients, Actor Actor, DateTimeOffset Now) : EvaluationCommand(Actor, Now);

/// <summary>How long each review step lasts, from the round's schedule.</summary>
public sealed record ReviewDays(int ConsultantReview, int Revision, int CountryReview, int Approval)
{
    public static ReviewDays From(RoundSchedule schedule) =>
        new(schedule.ConsultantReviewDays, schedule.RevisionDays, schedule.CountryReviewDays, schedule.ApprovalDays);
}
