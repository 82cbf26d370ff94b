namespace MemWorkflow.Core.Evaluations;

public enum MilestoneKind
{
    /// <summary>To the owner, some days before the due date.</summary>
    Reminder,
    /// <summary>To the owner, the day after the due date.</summary>
    Overdue,
    /// <summary>To the MEM Unit, a grace period after the due date.</summary>
    Escalation,
}

/// <summary>One planned message about a deadline: a reminder <see cref="Days"/> days before it, an
/// overdue notice or an escalation <see cref="Days"/> days after it.</summary>
public readonly record struct Milestone(MilestoneKind Kind, int Days)
{
    public DateTimeOffset When(DateTimeOffset due) =>
        Kind == MilestoneKind.Reminder ? due.AddDays(-Days) : due.AddDays(Days);

    public override string ToString() => Kind switch
    {
        MilestoneKind.Reminder => $"reminder {Days} day(s) before",
        MilestoneKind.Overdue => "overdue notice",
        _ => $"escalation {Days} day(s) after",
    };
}
