using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Core.Tests.Evaluations;

public sealed class ReminderPlannerSpecs
{
    private static readonly DateTimeOffset Issued = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Issued.AddDays(60);
    private static readonly ReminderRules Rules = new([14, 7, 1], 7);

    private static EvaluationState Evaluation(DateTimeOffset due, DateTimeOffset setAt, params Milestone[] sent) =>
        new("MEX", Stage.Issued, due, setAt, ["IS-1.1"], Issued, sent);

    /// <summary>Runs the planner hourly over the whole period, recording what it answers as an evaluation's wake-up does.</summary>
    private static List<(DateTimeOffset At, Milestone Milestone)> Simulate(EvaluationState evaluation, DateTimeOffset from, TimeSpan length, TimeSpan step)
    {
        var sent = new List<(DateTimeOffset, Milestone)>();
        for (var now = from; now <= from + length; now += step)
        {
            foreach (var milestone in ReminderPlanner.Due(evaluation, Rules, now))
            {
                sent.Add((now, milestone));
                evaluation = evaluation with { MilestonesSent = [.. evaluation.MilestonesSent, milestone] };
            }
        }
        return sent;
    }

    [Fact]
    public void Plan_ForTheDefaultRules_IsThreeRemindersAnOverdueNoticeAndAnEscalation() =>
        Assert.Equal(
            [new(MilestoneKind.Reminder, 14), new(MilestoneKind.Reminder, 7), new(MilestoneKind.Reminder, 1),
             new(MilestoneKind.Overdue, 1), new Milestone(MilestoneKind.Escalation, 7)],
            ReminderPlanner.Plan(Rules));

    [Fact]
    public void Due_OverNinetyDaysOfHourlyTicks_SendsEachMessageOnceAtItsTime()
    {
        var sent = Simulate(Evaluation(Due, Issued), Issued, TimeSpan.FromDays(90), TimeSpan.FromHours(1));
        Assert.Equal(
        [
            (Due.AddDays(-14), new Milestone(MilestoneKind.Reminder, 14)),
            (Due.AddDays(-7), new Milestone(MilestoneKind.Reminder, 7)),
            (Due.AddDays(-1), new Milestone(MilestoneKind.Reminder, 1)),
            (Due.AddDays(1), new Milestone(MilestoneKind.Overdue, 1)),
            (Due.AddDays(7), new Milestone(MilestoneKind.Escalation, 7)),
        ], sent);
    }

    [Fact]
    public void Due_AfterTheTimerWasDownForTwoWeeks_SendsOnlyTheLatestReminderNotAllMissedOnes()
    {
        var sent = ReminderPlanner.Due(Evaluation(Due, Issued), Rules, Due.AddHours(-12));
        Assert.Equal([new Milestone(MilestoneKind.Reminder, 1)], sent);
    }

    [Fact]
    public void Due_LongAfterTheDeadline_OwesTheOwnerTheOverdueNoticeAndTheMemUnitTheEscalation() =>
        Assert.Equal([new(MilestoneKind.Overdue, 1), new Milestone(MilestoneKind.Escalation, 7)],
            ReminderPlanner.Due(Evaluation(Due, Issued), Rules, Due.AddDays(20)));

    [Fact]
    public void Due_ForADeadlineSetFiveDaysAhead_SkipsTheRemindersThatWereAlreadyPastWhenItWasSet()
    {
        var shortDue = Issued.AddDays(5);
        var sent = Simulate(Evaluation(shortDue, Issued), Issued, TimeSpan.FromDays(20), TimeSpan.FromHours(1));
        Assert.Equal([new(MilestoneKind.Reminder, 1), new(MilestoneKind.Overdue, 1), new Milestone(MilestoneKind.Escalation, 7)],
            sent.Select(s => s.Milestone));
    }

    [Fact]
    public void Due_AfterAnExtension_PlansAgainFromTheNewDueDate()
    {
        // Extended on the day of the 7-day reminder, by 30 days.
        var extendedAt = Due.AddDays(-7).AddHours(2);
        var newDue = Due.AddDays(30);
        var sent = Simulate(Evaluation(newDue, extendedAt), extendedAt, TimeSpan.FromDays(60), TimeSpan.FromHours(1));
        Assert.Equal(newDue.AddDays(-14), sent[0].At);
        Assert.Equal(5, sent.Count);
    }

    [Fact]
    public void Due_ForAWithdrawnEvaluation_IsNothing() =>
        Assert.Empty(ReminderPlanner.Due(Evaluation(Due, Issued) with { Stage = Stage.Withdrawn }, Rules, Due.AddDays(3)));

    [Fact]
    public void Next_WakingOnlyWhenItSays_SendsTheSameMessagesAtTheSameTimesAsHourlyTicks()
    {
        var evaluation = Evaluation(Due, Issued);
        var hourly = Simulate(evaluation, Issued, TimeSpan.FromDays(90), TimeSpan.FromHours(1));

        var woken = new List<(DateTimeOffset, Milestone)>();
        var now = Issued;
        for (var wakes = 0; wakes < 20; wakes++)
        {
            foreach (var milestone in ReminderPlanner.Due(evaluation, Rules, now))
            {
                woken.Add((now, milestone));
                evaluation = evaluation with { MilestonesSent = [.. evaluation.MilestonesSent, milestone] };
            }
            if (ReminderPlanner.Next(evaluation, Rules, now) is not { } next)
                break;
            now = next;
        }

        // Hourly ticks see each milestone at the first whole hour after it; waking at Next sees it on time.
        Assert.Equal(hourly.Select(h => h.Milestone), woken.Select(w => w.Item2));
        Assert.All(woken, w => Assert.Equal(w.Item2.When(Due), w.Item1));
        Assert.Null(ReminderPlanner.Next(evaluation, Rules, now));
    }

    [Fact]
    public void Next_ForAFinalEvaluation_OrOneWithNoDeadline_IsNothing()
    {
        Assert.Null(ReminderPlanner.Next(Evaluation(Due, Issued) with { Stage = Stage.Published }, Rules, Issued));
        Assert.Null(ReminderPlanner.Next(new EvaluationState("MEX", Stage.Issued, null, null, ["IS-1.1"], Issued, []), Rules, Issued));
    }

    [Fact]
    public void Next_AfterAnExtension_PlansTheNewDeadlinesMilestones_NotThoseAlreadyPast()
    {
        var extendedAt = Due.AddDays(-3);
        var evaluation = Evaluation(Due.AddDays(30), extendedAt, new Milestone(MilestoneKind.Reminder, 14), new Milestone(MilestoneKind.Reminder, 7));
        Assert.Equal(Due.AddDays(30 - 1), ReminderPlanner.Next(evaluation, Rules, extendedAt));
    }
}
