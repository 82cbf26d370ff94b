namespace MemWorkflow.Portal.Api;

public sealed record RoundSummary(string RoundId, string ThematicEvaluation, int Year, string Status, DateTimeOffset StartedAt, int MemberStates);

public sealed record CountryView(string MemberState, string Name, string? Stage, DateTimeOffset? Due, bool Overdue, string Owner, List<string>? ExcludedPillars);

public sealed record EvaluationPeriod(int From, int To);

public sealed record RoundSchedule(DateTimeOffset SubmissionDue, int DraftDays, int ConsultantReviewDays, int RevisionDays, int CountryReviewDays, int ApprovalDays);

public sealed record RoundView(
    string RoundId, string ThematicEvaluation, string ThematicTitle, int Year, string Status, DateTimeOffset StartedAt,
    EvaluationPeriod? EvaluationPeriod, string? Language, RoundSchedule? Schedule, int ExpertsPerEvaluation, bool CountryReview,
    int? ExpertLoadCap, string? CancellationReason, List<CountryView> Countries);

public sealed record HistoryView(DateTimeOffset At, string Type, string Actor, string ActorName, string Summary, int Version = 0);

public sealed record EvaluationView(
    string RoundId, string MemberState, string Name, string Stage, DateTimeOffset? Due, bool Overdue, string Owner, int PriorityActions, List<HistoryView> History, string? HistoryEarlier = null);

public sealed record EvaluationWorkflowView(
    string MemberState, string InstanceId, string RuntimeStatus, string? Stage, string? WaitingFor, DateTimeOffset? PlannedAt, DateTimeOffset? NextWakeUp, bool CaughtUp);

public sealed record OrchestrationView(string InstanceId, string RuntimeStatus);

public sealed record RoundWorkflowView(OrchestrationView Round, List<EvaluationWorkflowView> Evaluations);

public sealed record ScheduleRequest(DateTimeOffset? SubmissionDue, int? DraftDays, int? ConsultantReviewDays, int? RevisionDays, int? CountryReviewDays, int? ApprovalDays);

public sealed record RoundRequest(
    string ThematicEvaluation, List<string> MemberStates, EvaluationPeriod? EvaluationPeriod, string? Language,
    Dictionary<string, List<string>>? ExcludedPillars, ScheduleRequest? Schedule, int? ExpertsPerEvaluation, bool? CountryReview);

public sealed record ExtensionRequest(DateTimeOffset Due, string Reason);

/// <summary>How many failed messages POST .../outbox/retry made pending again.</summary>
public sealed record OutboxRetried(int Retried);

/// <summary>An open incident (GET /api/incidents): email delivery refused, a workflow step failing.</summary>
public sealed record Incident(string Key, string Kind, string Subject, DateTimeOffset FailingSince, DateTimeOffset OpenedAt, string? LastError);

public sealed record OutboxMessage(
    string Id, string To, string Kind, string Subject, string Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt);
