using System.Text.Json.Serialization;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Questionnaires;

namespace MemWorkflow.Core.Evaluations;

/// <summary>What happened to one country's evaluation. Each event carries the people it told, so the
/// history and the outbox say the same thing.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(QuestionnaireIssued), "questionnaireIssued")]
[JsonDerivedType(typeof(DeadlineExtended), "deadlineExtended")]
[JsonDerivedType(typeof(EvaluationWithdrawn), "evaluationWithdrawn")]
[JsonDerivedType(typeof(ReminderRecorded), "reminderRecorded")]
[JsonDerivedType(typeof(AnswerSaved), "answerSaved")]
[JsonDerivedType(typeof(DocumentReserved), "documentReserved")]
[JsonDerivedType(typeof(DocumentCompleted), "documentCompleted")]
[JsonDerivedType(typeof(DocumentRejected), "documentRejected")]
[JsonDerivedType(typeof(QuestionnaireSubmitted), "questionnaireSubmitted")]
[JsonDerivedType(typeof(ReviewersAssigned), "reviewersAssigned")]
[JsonDerivedType(typeof(ReviewStarted), "reviewStarted")]
[JsonDerivedType(typeof(ReviewerReplaced), "reviewerReplaced")]
[JsonDerivedType(typeof(ExpertSteppedAside), "expertSteppedAside")]
[JsonDerivedType(typeof(SummarySaved), "summarySaved")]
[JsonDerivedType(typeof(DraftSubmitted), "draftSubmitted")]
[JsonDerivedType(typeof(DraftApproved), "draftApproved")]
[JsonDerivedType(typeof(ChangesRequested), "changesRequested")]
[JsonDerivedType(typeof(CountryCommented), "countryCommented")]
[JsonDerivedType(typeof(CountryReviewLapsed), "countryReviewLapsed")]
[JsonDerivedType(typeof(ReportApproved), "reportApproved")]
[JsonDerivedType(typeof(ReportPublished), "reportPublished")]
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

public sealed record AnswerSaved(
    string PriorityActionId,
    AnswerStatus? Status,
    int TextLength,
    IReadOnlyList<string> DocumentIds,
    int Version,
    string ActorId,
    DateTimeOffset At) : EvaluationEvent(At);

public sealed record DocumentReserved(
    string DocumentId,
    string FileName,
    string DeclaredContentType,
    long DeclaredLength,
    string ActorId,
    DateTimeOffset At) : EvaluationEvent(At);

/// <summary>The bytes were found, within the limit, of an allowed type, and hashed by the server.</summary>
public sealed record DocumentCompleted(
    string DocumentId,
    string ContentType,
    long Length,
    string Sha256,
    DateTimeOffset At) : EvaluationEvent(At);

public sealed record DocumentRejected(
    string DocumentId,
    string Reason,
    DateTimeOffset At) : EvaluationEvent(At);

/// <summary>The questionnaire is frozen; <see cref="Late"/> when it came after the due date.</summary>
public sealed record QuestionnaireSubmitted(
    bool Late,
    DateTimeOffset? Due,
    int Answers,
    int Documents,
    IReadOnlyList<Recipient> Recipients,
    IReadOnlyList<Recipient> MemUnit,
    DateTimeOffset At) : EvaluationEvent(At);

/// <summary>The committed assignment reached this evaluation: its experts and consultant are told
/// what they will evaluate.</summary>
public sealed record ReviewersAssigned(
    IReadOnlyList<Recipient> Experts,
    Recipient Consultant,
    DateTimeOffset? SubmissionDue,
    int DraftDays,
    DateTimeOffset At) : EvaluationEvent(At);

/// <summary>Submitted and assigned: the experts' draft is now due.</summary>
public sealed record ReviewStarted(
    DateTimeOffset Due,
    IReadOnlyList<Recipient> Experts,
    DateTimeOffset At) : EvaluationEvent(At);

/// <summary>An expert declined their seat while the draft was still theirs; <see cref="ReviewerReplaced"/> follows.</summary>
public sealed record ExpertSteppedAside(string ExpertId, string Reason, DateTimeOffset At) : EvaluationEvent(At);

public sealed record ReviewerReplaced(
    string DeclinedId,
    Recipient Replacement,
    string Reason,
    IReadOnlyList<Recipient> MemUnit,
    Stage Stage,
    DateTimeOffset? Due,
    DateTimeOffset At) : EvaluationEvent(At);

public sealed record SummarySaved(string ObjectiveId, int TextLength, int Assessments, int Version, string ActorId, DateTimeOffset At) : EvaluationEvent(At);

/// <summary>The experts sent the draft on: to the consultant, or (after the country's comments) to approval.</summary>
public sealed record DraftSubmitted(int Iteration, Stage NextStage, DateTimeOffset Due, IReadOnlyList<Recipient> Recipients, DateTimeOffset At) : EvaluationEvent(At);

public sealed record DraftApproved(int Iteration, Stage NextStage, DateTimeOffset Due, IReadOnlyList<Recipient> Recipients, DateTimeOffset At) : EvaluationEvent(At);

public sealed record ChangesRequested(int Iteration, IReadOnlyList<ReviewComment> Comments, DateTimeOffset Due, IReadOnlyList<Recipient> Recipients, DateTimeOffset At)
    : EvaluationEvent(At);

public sealed record CountryCommented(bool Accepted, string Text, Stage NextStage, DateTimeOffset Due, IReadOnlyList<Recipient> Recipients, DateTimeOffset At)
    : EvaluationEvent(At);

/// <summary>The country did not answer by the due date: the draft proceeds without its comments.</summary>
public sealed record CountryReviewLapsed(DateTimeOffset Due, DateTimeOffset ApprovalDue, IReadOnlyList<Recipient> Recipients, DateTimeOffset At) : EvaluationEvent(At);

public sealed record ReportApproved(string? Note, DateTimeOffset At) : EvaluationEvent(At);

public sealed record ReportPublished(PublishedReport Report, IReadOnlyList<Recipient> Recipients, DateTimeOffset At) : EvaluationEvent(At);
