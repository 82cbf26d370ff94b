using System.ComponentModel.DataAnnotations;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Functions.Rounds;

public sealed class RoundDefaultsOptions
{
    public const string Section = "Mem:Rounds";

    [Range(1, 366)] public int SubmissionDays { get; set; } = 90;
    [Range(1, 366)] public int DraftDays { get; set; } = 45;
    [Range(1, 366)] public int ConsultantReviewDays { get; set; } = 14;
    [Range(1, 366)] public int RevisionDays { get; set; } = 21;
    [Range(1, 366)] public int CountryReviewDays { get; set; } = 21;
    [Range(1, 366)] public int ApprovalDays { get; set; } = 30;
    public int[] ReminderDaysBefore { get; set; } = [14, 7, 1];
    [Range(1, 366)] public int EscalationGraceDays { get; set; } = 7;
    [Range(1, 5)] public int ExpertsPerEvaluation { get; set; } = 2;

    public RoundDefaults ToDefaults() => new(SubmissionDays, DraftDays, ConsultantReviewDays, RevisionDays,
        CountryReviewDays, ApprovalDays, ReminderDaysBefore, EscalationGraceDays, ExpertsPerEvaluation);
}
