namespace MemWorkflow.Core.Rounds;

/// <summary>The round's deadlines and reminder rules, fixed when the round starts so that a
/// configuration change mid-round does not silently move anyone's plan.</summary>
public sealed record RoundSchedule(
    DateTimeOffset SubmissionDue,
    int DraftDays,
    int ConsultantReviewDays,
    int RevisionDays,
    int CountryReviewDays,
    int ApprovalDays,
    IReadOnlyList<int> ReminderDaysBefore,
    int EscalationGraceDays);

public sealed record EvaluationPeriod(int From, int To);

public sealed record RoundCountry(string MemberState, IReadOnlyList<string> ExcludedPillarIds);
