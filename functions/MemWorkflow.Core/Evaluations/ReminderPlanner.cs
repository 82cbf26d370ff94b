using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Evaluations;

public sealed record ReminderRules(IReadOnlyList<int> DaysBefore, int EscalationGraceDays)
{
    public static ReminderRules From(RoundSchedule schedule) => new(schedule.ReminderDaysBefore, schedule.EscalationGraceDays);
}

/// <summary>Decides which reminder, overdue notice or escalation an evaluation is owed now, and when it next
/// is. Pure: each wake-up of an evaluation's workflow asks it and records each answer as an event, so nothing
/// is sent twice and a new due date is a new plan.</summary>
public static class ReminderPlanner
{
    public static IReadOnlyList<Milestone> Plan(ReminderRules rules) =>
    [
        .. rules.DaysBefore.Where(d => d > 0).Distinct().OrderDescending().Select(d => new Milestone(MilestoneKind.Reminder, d)),
        new Milestone(MilestoneKind.Overdue, 1),
        new Milestone(MilestoneKind.Escalation, Math.Max(1, rules.EscalationGraceDays)),
    ];

    /// <summary>The messages owed now. The owner gets only the latest reminder or notice that has come
    /// due (after a pause in the timer nobody receives three reminders at once); the MEM Unit's
    /// escalation is owed independently.</summary>
    public static IReadOnlyList<Milestone> Due(EvaluationState evaluation, ReminderRules rules, DateTimeOffset now)
    {
        if (evaluation.Due is not { } due || evaluation.Owner == Owner.None || Stages.IsFinal(evaluation.Stage))
            return [];

        // A milestone that had already passed when this deadline was set is not owed: a questionnaire
        // issued five days before its due date gets no "14 days left" reminder.
        var setAt = evaluation.DueSetAt ?? DateTimeOffset.MinValue;
        bool Reached(Milestone m) => m.When(due) <= now && m.When(due) > setAt;

        var sent = evaluation.MilestonesSent;
        var owed = new List<Milestone>();
        var ownerChain = Plan(rules).Where(m => m.Kind != MilestoneKind.Escalation).ToList();
        var latestReached = ownerChain.LastOrDefault(Reached);
        if (latestReached != default && !ownerChain.SkipWhile(m => m != latestReached).Any(sent.Contains))
            owed.Add(latestReached);

        var escalation = new Milestone(MilestoneKind.Escalation, Math.Max(1, rules.EscalationGraceDays));
        if (Reached(escalation) && !sent.Contains(escalation))
            owed.Add(escalation);
        return owed;
    }

    /// <summary>The next moment after <paramref name="now"/> at which <see cref="Due"/> may owe something:
    /// when a workflow should wake for this evaluation's deadline. Null when nothing more is planned.</summary>
    public static DateTimeOffset? Next(EvaluationState evaluation, ReminderRules rules, DateTimeOffset now)
    {
        if (evaluation.Due is not { } due || evaluation.Owner == Owner.None || Stages.IsFinal(evaluation.Stage))
            return null;
        var setAt = evaluation.DueSetAt ?? DateTimeOffset.MinValue;
        return Plan(rules)
            .Where(m => !evaluation.MilestonesSent.Contains(m))
            .Select(m => m.When(due))
            .Where(when => when > now && when > setAt)
            .Order()
            .Cast<DateTimeOffset?>()
            .FirstOrDefault();
    }
}
