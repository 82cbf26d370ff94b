using MemWorkflow.Contracts.Evaluations;

namespace MemWorkflow.Contracts.Rounds;

public sealed record RoundSummary(string RoundId, string ThematicEvaluation, int Year, RoundStatus Status, DateTimeOffset StartedAt, int MemberStates, string PlanId);

/// <summary>A country whose questionnaire is not issued yet (a fan-out still running) shows no stage.</summary>
public sealed record CountryView(
    string MemberState, string Name, Stage? Stage, DateTimeOffset? Due, bool Overdue, Owner Owner, IReadOnlyList<string> ExcludedPillars);

/// <summary>The years the evaluation looks back on.</summary>
public sealed record EvaluationPeriod(int From, int To);

/// <summary>The round's deadlines and reminder rules, as fixed when it started.</summary>
public sealed record RoundSchedule(
    DateTimeOffset SubmissionDue,
    int DraftDays,
    int ConsultantReviewDays,
    int RevisionDays,
    int CountryReviewDays,
    int ApprovalDays,
    IReadOnlyList<int> ReminderDaysBefore,
    int EscalationGraceDays);

/// <summary><see cref="PlanId"/>: the Plan of Action the round was started under, whose words it keeps.</summary>
public sealed record RoundView(
    string RoundId,
    string PlanId,
    string PlanTitle,
    string ThematicEvaluation,
    string ThematicTitle,
    int Year,
    RoundStatus Status,
    DateTimeOffset StartedAt,
    EvaluationPeriod EvaluationPeriod,
    string Language,
    RoundSchedule Schedule,
    int ExpertsPerEvaluation,
    bool CountryReview,
    int? ExpertLoadCap,
    string? CancellationReason,
    IReadOnlyList<CountryView> Countries);

public sealed record HistoryView(DateTimeOffset At, string Type, string Actor, string ActorName, string Summary, int Version);

/// <summary>The history is paged: the newest events come with the evaluation, and <see cref="HistoryEarlier"/>
/// is the address of the page before them (null when the page starts at the first event).</summary>
public sealed record EvaluationView(
    string RoundId, string MemberState, string Name, Stage Stage, DateTimeOffset? Due, bool Overdue, Owner Owner,
    int PriorityActions, IReadOnlyList<HistoryView> History, string? HistoryEarlier);

public sealed record ExtensionRequest(DateTimeOffset? Due, string? Reason);

public sealed record CancellationRequest(string? Reason);
