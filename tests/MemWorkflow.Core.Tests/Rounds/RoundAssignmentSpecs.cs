using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Tests.Rounds;

public sealed class RoundAssignmentSpecs
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor MemUnit = new("p-mem", "Marta");
    private static readonly RoundSettings Settings = new("R8-2023", [new RoundCountry("MEX", []), new RoundCountry("COL", [])],
        new EvaluationPeriod(2019, 2023), "es", new RoundSchedule(Now.AddDays(90), 45, 14, 21, 21, 30, [14, 7, 1], 7), 2, true);
    private static readonly IReadOnlyList<EvaluationAssignment> Seats =
        [new("MEX", ["p-col", "p-per"], "p-can"), new("COL", ["p-mex", "p-chl"], "p-can")];

    private static Spec<RoundState, RoundCommand, RoundEvent> Spec() =>
        new Spec<RoundState, RoundCommand, RoundEvent>(RoundDecider.Decide, RoundDecider.Evolve).Given(new RoundStarted("r2023-00000001", Settings, Now));

    [Fact]
    public void CommitAssignment_RecordsEverySeatAtOnce()
    {
        var state = Spec().When(new CommitAssignment("a-1", Seats, MemUnit, Now)).Then(new AssignmentCommitted("a-1", Seats, Now));
        Assert.Equal(["p-col", "p-per"], state.Assignment!.For("MEX")!.Experts);
    }

    [Fact]
    public void CommitAssignment_Twice_IsAConflict() =>
        Spec().Given(new AssignmentCommitted("a-1", Seats, Now)).When(new CommitAssignment("a-1", Seats, MemUnit, Now))
            .ThenRefused(RejectionKind.Conflict, "already committed");

    [Fact]
    public void CommitAssignment_NotCoveringTheRoundsStates_IsInvalid() =>
        Spec().When(new CommitAssignment("a-1", [Seats[0]], MemUnit, Now)).ThenRefused(RejectionKind.Invalid, "exactly the round's member states");

    [Fact]
    public void CommitAssignment_OfACancelledRound_IsAConflict() =>
        Spec().Given(new RoundCancelled("x", Now)).When(new CommitAssignment("a-1", Seats, MemUnit, Now)).ThenRefused(RejectionKind.Conflict, "cancelled");

    [Fact]
    public void ReplaceExpert_ChangesThatSeatOnly_AndRemembersTheDecline()
    {
        var state = Spec().Given(new AssignmentCommitted("a-1", Seats, Now))
            .When(new ReplaceExpert("MEX", "p-col", "p-ury", "Illness", MemUnit, Now.AddDays(1)))
            .Then(new ExpertReplaced("MEX", "p-col", "p-ury", "Illness", Now.AddDays(1)));
        Assert.Equal(["p-ury", "p-per"], state.Assignment!.For("MEX")!.Experts);
        Assert.Equal(["p-mex", "p-chl"], state.Assignment.For("COL")!.Experts);
        Assert.Equal(new Decline("MEX", "p-col", "p-ury", "Illness", Now.AddDays(1)), Assert.Single(state.Declined));
    }

    /// <summary>The endpoint checks this too, but a cancellation can land between its check and the decision.</summary>
    [Fact]
    public void ReplaceExpert_InACancelledRound_IsAConflict() =>
        Spec().Given(new AssignmentCommitted("a-1", Seats, Now), new RoundCancelled("x", Now))
            .When(new ReplaceExpert("MEX", "p-col", "p-ury", "Illness", MemUnit, Now)).ThenRefused(RejectionKind.Conflict, "cancelled");

    [Fact]
    public void ReplaceExpert_WhoIsNotAssigned_IsNotFound() =>
        Spec().Given(new AssignmentCommitted("a-1", Seats, Now)).When(new ReplaceExpert("MEX", "p-mex", "p-ury", "x", MemUnit, Now))
            .ThenRefused(RejectionKind.NotFound, "not assigned");
}
