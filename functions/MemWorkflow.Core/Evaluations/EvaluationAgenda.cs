using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Evaluations;

/// <summary>One thing an evaluation's workflow must do now. The shell carries it out as a command,
/// decided against the stored state, so a duty carried out twice writes once.</summary>
public abstract record Duty
{
    private Duty() { }

    public sealed record IssueQuestionnaire : Duty;

    /// <summary>The committed assignment's seats are not on the evaluation yet.</summary>
    public sealed record AssignReviewers(EvaluationAssignment Seats) : Duty;

    /// <summary>An expert of the evaluation declined and the round chose a replacement.</summary>
    public sealed record ReplaceReviewer(Decline Decline) : Duty;

    public sealed record ConcludeCountryReview : Duty;

    public sealed record Remind(IReadOnlyList<Milestone> Milestones) : Duty;

    public sealed record Withdraw : Duty;

    /// <summary>Uploads reserved and never completed are refused; blobs of refused ones are deleted (again).</summary>
    public sealed record ExpireUploads(IReadOnlyList<MeansOfVerification> Abandoned, IReadOnlyList<MeansOfVerification> Refused) : Duty;

    /// <summary>The public list finds a published report through an index row: written at publication, and again here.</summary>
    public sealed record IndexReport : Duty;
}

/// <summary>When an evaluation's workflow sleeps until (<see cref="NextWakeUp"/>, null: only the doorbell
/// or the heartbeat), whether it is <see cref="Done"/>, and what it waits for, in words for the MEM Unit.</summary>
public sealed record Wake(DateTimeOffset? NextWakeUp, bool Done, string WaitingFor);

/// <summary>What is due now for one evaluation and when its workflow next wakes. Pure: each wake-up asks
/// <see cref="Next"/> until nothing is left (each kind of duty once per wake-up, so a refused duty
/// cannot spin), then <see cref="Plan"/>.</summary>
public static class EvaluationAgenda
{
    /// <param name="done">The kinds of duty already carried out in this wake-up.</param>
    public static Duty? Next(RoundState round, EvaluationState? evaluation, TimeSpan abandonedAfter, DateTimeOffset now, IReadOnlySet<Type> done)
    {
        foreach (var duty in Duties(round, evaluation, abandonedAfter, now))
            if (!done.Contains(duty.GetType()))
                return duty;
        return null;
    }

    public static Wake Plan(RoundState round, EvaluationState? evaluation, DateTimeOffset? nextEmail, TimeSpan abandonedAfter, DateTimeOffset now)
    {
        var final = evaluation is null ? round.Status != RoundStatus.Open : Stages.IsFinal(evaluation.Stage);
        var abandonment = evaluation is null ? null : AbandonedUploads.Next(evaluation.Documents.Values, abandonedAfter);
        DateTimeOffset? countryReview = evaluation is { Stage: Stage.CountryReview, Due: { } due } && due > now ? due.AddSeconds(1) : null;
        var milestone = evaluation is null ? null : ReminderPlanner.Next(evaluation, ReminderRules.From(round.Settings.Schedule), now);
        DateTimeOffset?[] moments = [nextEmail, milestone, countryReview, abandonment];
        var next = moments.Where(m => m is not null).Min();
        // An email still to deliver, or an upload still reserved, keeps the workflow alive.
        return new Wake(next, final && nextEmail is null && abandonment is null, WaitingFor(evaluation, nextEmail));
    }

    private static IEnumerable<Duty> Duties(RoundState round, EvaluationState? evaluation, TimeSpan abandonedAfter, DateTimeOffset now)
    {
        if (round.Status == RoundStatus.Open)
        {
            if (evaluation is null)
            {
                yield return new Duty.IssueQuestionnaire();
                yield break;
            }
            if (AssignmentDue(round, evaluation) is { } assignment)
                yield return assignment;
            if (evaluation is { Stage: Stage.CountryReview, Due: { } reviewDue } && now > reviewDue)
                yield return new Duty.ConcludeCountryReview();
            if (ReminderPlanner.Due(evaluation, ReminderRules.From(round.Settings.Schedule), now) is { Count: > 0 } milestones)
                yield return new Duty.Remind(milestones);
        }
        else if (round.Status == RoundStatus.Cancelled && evaluation is not null && !Stages.IsFinal(evaluation.Stage))
            yield return new Duty.Withdraw();

        if (evaluation is null)
            yield break;
        var abandoned = AbandonedUploads.Due(evaluation.Documents.Values, now, abandonedAfter);
        var refused = AbandonedUploads.RecentlyRejected(evaluation.Documents.Values, now, abandonedAfter);
        if (abandoned.Count > 0 || refused.Count > 0)
            yield return new Duty.ExpireUploads(abandoned, refused);
        if (evaluation is { Stage: Stage.Published, Report: not null })
            yield return new Duty.IndexReport();
    }

    /// <summary>What the round's committed assignment still owes this evaluation: its seats, or the
    /// replacement of an expert who declined. Nothing for a withdrawn evaluation or a round not open.</summary>
    public static Duty? AssignmentDue(RoundState round, EvaluationState evaluation)
    {
        if (round.Status != RoundStatus.Open || round.Assignment?.For(evaluation.MemberState) is not { } seats || evaluation.Stage == Stage.Withdrawn)
            return null;
        if (!evaluation.IsAssigned)
            return new Duty.AssignReviewers(seats);
        return round.Declined.FirstOrDefault(d => d.MemberState == evaluation.MemberState && evaluation.Experts.Contains(d.DeclinedId)) is { } decline
            ? new Duty.ReplaceReviewer(decline)
            : null;
    }

    private static string WaitingFor(EvaluationState? evaluation, DateTimeOffset? nextEmail) => evaluation switch
    {
        _ when nextEmail is not null => "email delivery",
        null => "questionnaire issue",
        { Stage: var stage } when Stages.IsFinal(stage) => "nothing",
        { Owner: var owner, Stage: var stage } => $"{owner}: {stage}",
    };
}
