using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Core.Tests.Evaluations;

public sealed class EvaluationDeciderSpecs
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Start.AddDays(60);
    private static readonly Actor MemUnit = new("p-mem", "Marta (MEM Unit)");
    private static readonly Recipient Ana = new("p-ana", "Ana", "ana@sre.gob.mx", "es");
    private static readonly IReadOnlyList<string> Items = ["IS-1.1", "IS-1.2"];

    private static Spec<EvaluationState, EvaluationCommand, EvaluationEvent> Spec() => new(EvaluationDecider.Decide, EvaluationDecider.Evolve);

    private static QuestionnaireIssued Issued => new("MEX", Items, Due, [Ana], Start);

    [Fact]
    public void IssueQuestionnaire_OnANewEvaluation_IssuesItWithTheDueDateAndTheNceUsers()
    {
        var state = Spec()
            .When(new IssueQuestionnaire("MEX", Items, Due, [Ana], Actor.System, Start))
            .Then(Issued);
        Assert.Equal(Stage.Issued, state.Stage);
        Assert.Equal(Owner.Nce, state.Owner);
        Assert.Equal(Due, state.Due);
    }

    [Fact]
    public void IssueQuestionnaire_Again_ChangesNothing_SoAResumedFanOutSendsNoSecondEmail() =>
        Spec().Given(Issued).When(new IssueQuestionnaire("MEX", Items, Due, [Ana], Actor.System, Start.AddHours(1))).ThenNothing();

    [Fact]
    public void IssueQuestionnaire_WithADueDateInThePast_IsRefused() =>
        Spec().When(new IssueQuestionnaire("MEX", Items, Start.AddDays(-1), [Ana], Actor.System, Start))
            .ThenRefused(RejectionKind.Invalid, "already passed");

    [Fact]
    public void IssueQuestionnaire_WithoutPriorityActions_IsRefused() =>
        Spec().When(new IssueQuestionnaire("MEX", [], Due, [Ana], Actor.System, Start))
            .ThenRefused(RejectionKind.Invalid, "at least one priority action");

    [Fact]
    public void ExtendDeadline_ToALaterDate_MovesTheDueDateAndRestartsTheReminderPlan()
    {
        var later = Due.AddDays(30);
        var spec = Spec().Given(Issued, new ReminderRecorded(Stage.Issued, Due, new Milestone(MilestoneKind.Reminder, 14), [Ana], Due.AddDays(-14)));
        var state = spec.When(new ExtendDeadline(later, "Hurricane season", [Ana], MemUnit, Due.AddDays(-10)))
            .Then(new DeadlineExtended(Stage.Issued, Due, later, "Hurricane season", [Ana], Due.AddDays(-10)));
        Assert.Equal(later, state.Due);
        Assert.Equal(Due.AddDays(-10), state.DueSetAt);
        Assert.Empty(state.MilestonesSent);
    }

    [Fact]
    public void ExtendDeadline_ToTheSameDate_ChangesNothing() =>
        Spec().Given(Issued).When(new ExtendDeadline(Due, "again", [Ana], MemUnit, Start)).ThenNothing();

    [Fact]
    public void ExtendDeadline_ToAnEarlierDate_IsRefused() =>
        Spec().Given(Issued).When(new ExtendDeadline(Due.AddDays(-1), "oops", [Ana], MemUnit, Start))
            .ThenRefused(RejectionKind.Conflict, "earlier than the current one");

    [Fact]
    public void ExtendDeadline_ToTheYear9999_IsRefused_AsMoreThanTwoYearsAway() =>
        Spec().Given(Issued).When(new ExtendDeadline(DateTimeOffset.MaxValue.AddDays(-1), "forever", [Ana], MemUnit, Start))
            .ThenRefused(RejectionKind.Invalid, "more than two years away");

    [Fact]
    public void ExtendDeadline_ToADateAlreadyPassed_IsRefused() =>
        Spec().Given(Issued).When(new ExtendDeadline(Due.AddDays(1), "late", [Ana], MemUnit, Due.AddDays(2)))
            .ThenRefused(RejectionKind.Invalid, "already passed");

    [Fact]
    public void ExtendDeadline_OfAWithdrawnEvaluation_IsRefused() =>
        Spec().Given(Issued, new EvaluationWithdrawn("MEX", Stage.Issued, "cancelled", [Ana], Start.AddDays(1)))
            .When(new ExtendDeadline(Due.AddDays(5), "why", [Ana], MemUnit, Start.AddDays(2)))
            .ThenRefused(RejectionKind.Conflict, "no deadline is running");

    [Fact]
    public void ExtendDeadline_BeforeTheQuestionnaireIsIssued_IsNotFound() =>
        Spec().When(new ExtendDeadline(Due, "x", [], MemUnit, Start)).ThenRefused(RejectionKind.NotFound, "has not been issued");

    [Fact]
    public void WithdrawEvaluation_OfAnIssuedQuestionnaire_WithdrawsItAndTellsTheNce()
    {
        var state = Spec().Given(Issued)
            .When(new WithdrawEvaluation("MEX", "Round cancelled by CICAD", [Ana], MemUnit, Start.AddDays(3)))
            .Then(new EvaluationWithdrawn("MEX", Stage.Issued, "Round cancelled by CICAD", [Ana], Start.AddDays(3)));
        Assert.Equal(Stage.Withdrawn, state.Stage);
        Assert.Null(state.Due);
        Assert.Equal(Owner.None, state.Owner);
    }

    [Fact]
    public void WithdrawEvaluation_BeforeTheQuestionnaireIsIssued_RecordsItWithdrawnWithNobodyToTell()
    {
        var state = Spec().When(new WithdrawEvaluation("GRD", "Round cancelled", [Ana], MemUnit, Start))
            .Then(new EvaluationWithdrawn("GRD", null, "Round cancelled", [], Start));
        Assert.Equal(Stage.Withdrawn, state.Stage);
    }

    [Fact]
    public void WithdrawEvaluation_Twice_ChangesNothing() =>
        Spec().Given(Issued, new EvaluationWithdrawn("MEX", Stage.Issued, "x", [], Start))
            .When(new WithdrawEvaluation("MEX", "x", [], MemUnit, Start)).ThenNothing();

    [Fact]
    public void IssueQuestionnaire_AfterWithdrawal_ChangesNothing() =>
        Spec().Given(new EvaluationWithdrawn("MEX", null, "x", [], Start))
            .When(new IssueQuestionnaire("MEX", Items, Due, [Ana], Actor.System, Start)).ThenNothing();

    [Fact]
    public void RecordReminder_ForTheRunningDeadline_IsRecordedOnce()
    {
        var sevenDays = new Milestone(MilestoneKind.Reminder, 7);
        var spec = Spec().Given(Issued);
        var state = spec.When(new RecordReminder(Stage.Issued, Due, sevenDays, [Ana], Actor.System, Due.AddDays(-7)))
            .Then(new ReminderRecorded(Stage.Issued, Due, sevenDays, [Ana], Due.AddDays(-7)));
        Assert.Equal([sevenDays], state.MilestonesSent);
        spec.When(new RecordReminder(Stage.Issued, Due, sevenDays, [Ana], Actor.System, Due.AddDays(-6))).ThenNothing();
    }

    [Fact]
    public void RecordReminder_ForADeadlineThatWasExtendedMeanwhile_ChangesNothing() =>
        Spec().Given(Issued, new DeadlineExtended(Stage.Issued, Due, Due.AddDays(30), "x", [], Start.AddDays(1)))
            .When(new RecordReminder(Stage.Issued, Due, new Milestone(MilestoneKind.Overdue, 1), [Ana], Actor.System, Due.AddDays(1)))
            .ThenNothing();
}
