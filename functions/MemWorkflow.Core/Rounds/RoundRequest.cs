namespace MemWorkflow.Core.Rounds;

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

/// <summary>Defaults the deployment chooses (configuration), applied where the request is silent.</summary>
public sealed record RoundDefaults(
    int SubmissionDays = 90,
    int DraftDays = 45,
    int ConsultantReviewDays = 14,
    int RevisionDays = 21,
    int CountryReviewDays = 21,
    int ApprovalDays = 30,
    IReadOnlyList<int>? ReminderDaysBefore = null,
    int EscalationGraceDays = 7,
    int ExpertsPerEvaluation = 2)
{
    public IReadOnlyList<int> ReminderDays => ReminderDaysBefore ?? [14, 7, 1];
}
