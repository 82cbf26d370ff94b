using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Tests.Evaluations;

/// <summary>Given a round and an evaluation, when the workflow wakes at a moment, then this is due, and it
/// next wakes then.</summary>
public sealed class EvaluationAgendaSpecs
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Start.AddDays(60);
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);
    private static readonly HashSet<Type> NothingDone = [];
    private static readonly RoundSettings Settings = new("R8-2023", [new RoundCountry("MEX", []), new RoundCountry("COL", [])],
        new EvaluationPeriod(2019, 2023), "es", new RoundSchedule(Due, 45, 14, 21, 21, 30, [14, 7, 1], 7), 2, true);
    private static readonly IReadOnlyList<EvaluationAssignment> Seats = [new("MEX", ["p-col", "p-per"], "p-can"), new("COL", ["p-mex", "p-chl"], "p-can")];

    private static RoundState Round(params RoundEvent[] events) =>
        events.Aggregate(RoundDecider.Evolve(null, new RoundStarted("r2027-00000001", Settings, Start)), RoundDecider.Evolve);

    private static readonly EvaluationState Issued = new("MEX", Stage.Issued, Due, Start, ["IS-1.1", "IS-1.2"], Start, []);

    private static Duty? Next(RoundState round, EvaluationState? evaluation, DateTimeOffset now, IReadOnlySet<Type>? done = null) =>
        EvaluationAgenda.Next(round, evaluation, AbandonedAfter, now, done ?? NothingDone);

    [Fact]
    public void AnOpenRoundsEvaluationWithoutAQuestionnaire_IsDueItsIssue_AndNothingElseYet() =>
        Assert.IsType<Duty.IssueQuestionnaire>(Next(Round(), null, Start));

    [Fact]
    public void AnIssuedEvaluation_WithNothingDue_HasNoDuty() =>
        Assert.Null(Next(Round(), Issued, Start.AddDays(1)));

    [Fact]
    public void OnceTheAssignmentIsCommitted_ItsSeatsAreDue_UntilTheEvaluationHasThem()
    {
        var round = Round(new AssignmentCommitted("a-1", Seats, Start));
        Assert.Equal(Seats[0], Assert.IsType<Duty.AssignReviewers>(Next(round, Issued, Start.AddDays(1))).Seats);
        Assert.Null(Next(round, Issued with { Experts = ["p-col", "p-per"], Consultant = "p-can" }, Start.AddDays(1)));
    }

    [Fact]
    public void AnExpertWhoDeclined_IsDueTheirReplacement_UntilTheEvaluationNoLongerNamesThem()
    {
        var round = Round(new AssignmentCommitted("a-1", Seats, Start), new ExpertReplaced("MEX", "p-col", "p-ury", "Illness", Start.AddDays(2)));
        var assigned = Issued with { Experts = ["p-col", "p-per"], Consultant = "p-can" };
        Assert.Equal(new Decline("MEX", "p-col", "p-ury", "Illness", Start.AddDays(2)),
            Assert.IsType<Duty.ReplaceReviewer>(Next(round, assigned, Start.AddDays(3))).Decline);
        Assert.Null(Next(round, assigned with { Experts = ["p-ury", "p-per"] }, Start.AddDays(3)));
    }

    [Fact]
    public void AWithdrawnEvaluation_IsDueNoSeats() =>
        Assert.Null(Next(Round(new AssignmentCommitted("a-1", Seats, Start)), Issued with { Stage = Stage.Withdrawn }, Start.AddDays(1)));

    [Fact]
    public void ACountryReviewPastItsDueDate_IsDueItsConclusion_NotBefore()
    {
        var review = Issued with { Stage = Stage.CountryReview, Due = Start.AddDays(70), DueSetAt = Start.AddDays(69).AddHours(12) };
        Assert.Null(Next(Round(), review, Start.AddDays(70)));
        Assert.IsType<Duty.ConcludeCountryReview>(Next(Round(), review, Start.AddDays(70).AddSeconds(1)));
    }

    [Fact]
    public void AReminderThatHasComeDue_IsDueWithItsMilestones() =>
        Assert.Equal([new Milestone(MilestoneKind.Reminder, 14)], Assert.IsType<Duty.Remind>(Next(Round(), Issued, Due.AddDays(-14))).Milestones);

    [Fact]
    public void EachKindOfDuty_IsDueOncePerWakeUp_SoARefusedOneCannotSpin()
    {
        var round = Round(new AssignmentCommitted("a-1", Seats, Start));
        var now = Due.AddDays(-14);
        Assert.IsType<Duty.AssignReviewers>(Next(round, Issued, now));
        Assert.IsType<Duty.Remind>(Next(round, Issued, now, new HashSet<Type> { typeof(Duty.AssignReviewers) }));
        Assert.Null(Next(round, Issued, now, new HashSet<Type> { typeof(Duty.AssignReviewers), typeof(Duty.Remind) }));
    }

    [Fact]
    public void ACancelledRoundsLiveEvaluation_IsDueItsWithdrawal_AndAFinalOneNothing()
    {
        var cancelled = Round(new RoundCancelled("The CICAD postponed the round.", Start.AddDays(5)));
        Assert.IsType<Duty.Withdraw>(Next(cancelled, Issued, Start.AddDays(6)));
        Assert.Null(Next(cancelled, Issued with { Stage = Stage.Withdrawn }, Start.AddDays(6)));
        Assert.Null(Next(cancelled, null, Start.AddDays(6)));
    }

    [Fact]
    public void AnUploadReservedLongerThanAllowed_IsDueItsRefusal()
    {
        var reserved = new MeansOfVerification("d-1", "ley.pdf", DocumentStatus.Reserved, "application/pdf", 1000, "p-ana", Start.AddDays(1));
        var uploading = Issued with { Documents = new Dictionary<string, MeansOfVerification> { ["d-1"] = reserved } };
        Assert.Null(Next(Round(), uploading, Start.AddDays(1) + AbandonedAfter - TimeSpan.FromSeconds(1)));
        Assert.Equal([reserved], Assert.IsType<Duty.ExpireUploads>(Next(Round(), uploading, Start.AddDays(1) + AbandonedAfter)).Abandoned);
    }

    [Fact]
    public void AWakeUp_SleepsUntilTheEarliestOfTheNextEmailReminderAndAbandonedUpload()
    {
        var now = Start.AddDays(1);
        var reserved = new MeansOfVerification("d-1", "ley.pdf", DocumentStatus.Reserved, "application/pdf", 1000, "p-ana", now);
        var uploading = Issued with { Documents = new Dictionary<string, MeansOfVerification> { ["d-1"] = reserved } };
        Assert.Equal(Due.AddDays(-14), EvaluationAgenda.Plan(Round(), Issued, null, AbandonedAfter, now).NextWakeUp);
        Assert.Equal(now + AbandonedAfter, EvaluationAgenda.Plan(Round(), uploading, null, AbandonedAfter, now).NextWakeUp);
        Assert.Equal(now.AddMinutes(5), EvaluationAgenda.Plan(Round(), uploading, now.AddMinutes(5), AbandonedAfter, now).NextWakeUp);
    }

    [Fact]
    public void ACountryReview_WakesJustAfterItsDueDate_ToConcludeIt()
    {
        var review = Issued with { Stage = Stage.CountryReview, Due = Start.AddDays(70), DueSetAt = Start.AddDays(69) };
        Assert.Equal(Start.AddDays(70).AddSeconds(1), EvaluationAgenda.Plan(Round(), review, null, AbandonedAfter, Start.AddDays(69).AddHours(1)).NextWakeUp);
    }

    [Fact]
    public void AFinalEvaluation_IsDone_OnlyOnceNoEmailOrUploadIsPending()
    {
        var published = Issued with { Stage = Stage.Published, Due = null };
        var withUpload = published with { Documents = new Dictionary<string, MeansOfVerification>
            { ["d-1"] = new("d-1", "ley.pdf", DocumentStatus.Reserved, "application/pdf", 1000, "p-ana", Start) } };
        Assert.Equal(new Wake(null, true, "nothing"), EvaluationAgenda.Plan(Round(), published, null, AbandonedAfter, Start));
        Assert.Equal(new Wake(Start.AddMinutes(1), false, "email delivery"), EvaluationAgenda.Plan(Round(), published, Start.AddMinutes(1), AbandonedAfter, Start));
        Assert.False(EvaluationAgenda.Plan(Round(), withUpload, null, AbandonedAfter, Start).Done);
    }

    [Fact]
    public void TheMemUnitIsToldWhatTheWorkflowWaitsFor() =>
        Assert.Equal(
            ["questionnaire issue", "Nce: Issued", "nothing"],
            [EvaluationAgenda.Plan(Round(), null, null, AbandonedAfter, Start).WaitingFor,
             EvaluationAgenda.Plan(Round(), Issued, null, AbandonedAfter, Start).WaitingFor,
             EvaluationAgenda.Plan(Round(new RoundCancelled("x", Start)), Issued with { Stage = Stage.Withdrawn }, null, AbandonedAfter, Start).WaitingFor]);
}
