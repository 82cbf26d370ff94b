namespace MemWorkflow.Contracts.Rounds;

/// <summary>What the MEM Unit asks for when it starts a round; every field but the thematic
/// evaluation and the member states has a default.</summary>
public sealed record RoundRequest(
    string? ThematicEvaluation,
    IReadOnlyList<string>? MemberStates,
    EvaluationPeriod? EvaluationPeriod,
    string? Language,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? ExcludedPillars,
    ScheduleRequest? Schedule,
    int? ExpertsPerEvaluation,
    bool? CountryReview,
    int? ExpertLoadCap = null,
    int? ConsultantLoadCap = null);

public sealed record ScheduleRequest(
    DateTimeOffset? SubmissionDue,
    int? DraftDays,
    int? ConsultantReviewDays,
    int? RevisionDays,
    int? CountryReviewDays,
    int? ApprovalDays,
    IReadOnlyList<int>? ReminderDaysBefore,
    int? EscalationGraceDays);
