namespace MemWorkflow.Core.Rounds;

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
