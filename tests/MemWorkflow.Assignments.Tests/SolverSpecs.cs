using MemWorkflow.Core.Assignments;
using static MemWorkflow.Assignments.Tests.Pools;

namespace MemWorkflow.Assignments.Tests;

public sealed class SolverSpecs
{
    private readonly CpSatAssignmentSolver solver = new();

    [Fact]
    public void Solve_WithNoEvaluations_ProposesNothing_Optimally()
    {
        var proposal = Proposed(solver.Solve(Problem([], [Expert("e-1", "ARG")])));

        Assert.Empty(proposal.Evaluations);
        Assert.True(proposal.Optimal);
        Assert.Equal(new AssignmentObjectives(0, 0, 0, 0, 0, 0, 0), proposal.Objectives);
    }

    [Fact]
    public void Solve_APoolOfOnlyTheStatesOwnExperts_IsRefusedWithTheExplanation()
    {
        var problem = Problem([Evaluation("GRD", "SR")], [Expert("e-1", "GRD"), Expert("e-2", "GRD")]);

        var refusal = Assert.IsType<SolveResult.Infeasible>(solver.Solve(problem));

        Assert.Equal("Cannot staff 1 evaluation: Grenada (Supply Reduction).", refusal.Infeasibility.Summary);
        Assert.Equal(
            "Grenada (Supply Reduction) needs 2 experts; none eligible. Excluded: Expert e-1 (Grenada): own state; Expert e-2 (Grenada): own state.",
            Assert.Single(refusal.Infeasibility.Evaluations).Explanation);
    }

    [Fact]
    public void Solve_WhenTheCapIsTooLowForThePool_IsRefusedWithTheCapacityShortage()
    {
        var problem = Problem([Evaluation("BRB"), Evaluation("GRD"), Evaluation("JAM")], [Expert("e-1", "ARG"), Expert("e-2", "CHL"), Expert("e-3", "PER")])
            with { ExpertLoadCap = 1 };

        var refusal = Assert.IsType<SolveResult.Infeasible>(solver.Solve(problem));

        Assert.Equal(
            "Cannot staff 3 evaluations: Barbados (Institutional Strengthening), Grenada (Institutional Strengthening) and Jamaica (Institutional Strengthening). " +
            "All 3 evaluations need 6 experts together, but at the load cap of 1 the experts eligible for them can fill only 3 of those seats.",
            refusal.Infeasibility.Summary);
    }

    [Fact]
    public void Solve_WithoutACap_UsesTheSmallestMaximumLoadThatStaffsEverySeat()
    {
        var problem = Problem([Evaluation("BRB"), Evaluation("GRD"), Evaluation("JAM")], [Expert("e-1", "ARG"), Expert("e-2", "CHL"), Expert("e-3", "PER"), Expert("e-4", "URY")]);

        var proposal = Proposed(solver.Solve(problem));

        Assert.Equal((2, 1), (proposal.Objectives.ExpertMaxLoad, proposal.Objectives.ExpertMinLoad));
        Assert.True(proposal.Optimal);
    }

    [Fact]
    public void Solve_PrefersTheExpertsWhoKnowMoreOfTheEvaluatedPillars()
    {
        var problem = Problem([Evaluation("MEX", "IS RIME IC")], [Expert("e-1", "ARG", expertise: "IS"), Expert("e-2", "CHL", expertise: "IS RIME IC"), Expert("e-3", "PER", expertise: "RIME IC")])
            with { ExpertLoadCap = 1 };

        var proposal = Proposed(solver.Solve(problem));

        Assert.Equal(["e-2", "e-3"], proposal.Evaluations[0].Experts);
        Assert.Equal(5, proposal.Objectives.ExpertiseScore);
    }

    [Fact]
    public void Solve_KeepsLockedSeats_EvenWhereAnotherExpertWouldScoreBetter()
    {
        var problem = Problem([Evaluation("MEX", "IS RIME")], [Expert("e-1", "ARG", expertise: "IS"), Expert("e-2", "CHL", expertise: "IS RIME"), Expert("e-3", "PER", expertise: "IS RIME")])
            with { LockedExperts = [new("MEX", "e-1")], LockedConsultants = [new("MEX", "c-2")], Consultants = [Consultant("c-1", null), Consultant("c-2", "CAN")] };

        var proposal = Proposed(solver.Solve(problem));

        Assert.Contains("e-1", proposal.Evaluations[0].Experts);
        Assert.Equal("c-2", proposal.Evaluations[0].Consultant);
    }

    [Fact]
    public void Solve_NeverProposesADeclinedPair()
    {
        var problem = Problem([Evaluation("MEX"), Evaluation("ARG")], [Expert("e-1", "CHL"), Expert("e-2", "PER"), Expert("e-3", "URY"), Expert("e-4", "BRA")])
            with { Declined = [new("MEX", "e-1"), new("MEX", "e-2"), new("ARG", "e-3")] };

        var proposal = Proposed(solver.Solve(problem));

        Assert.Equal(["e-3", "e-4"], proposal.Evaluations[0].Experts);
        Assert.DoesNotContain("e-3", proposal.Evaluations[1].Experts);
    }

    [Fact]
    public void Solve_AvoidsReciprocalPairs_WhenAnAssignmentOfEqualLoadAndExpertiseHasNone()
    {
        // Four states, one expert each, one seat each: swapping in pairs (A on B, B on A) and rotating
        // round all four load and score the same; only the rotations have no reciprocal pair.
        var problem = Problem([Evaluation("ARG"), Evaluation("BRA"), Evaluation("CHL"), Evaluation("COL")],
            [Expert("a", "ARG"), Expert("b", "BRA"), Expert("c", "CHL"), Expert("d", "COL")]) with { ExpertsPerEvaluation = 1 };

        var proposal = Proposed(solver.Solve(problem));

        Assert.Equal(0, proposal.Objectives.ReciprocalPairs);
        var onState = proposal.Evaluations.ToDictionary(e => e.MemberState, e => e.Experts.Single());
        var stateOf = new Dictionary<string, string> { ["a"] = "ARG", ["b"] = "BRA", ["c"] = "CHL", ["d"] = "COL" };
        Assert.All(onState, seat => Assert.NotEqual(seat.Key, onState[stateOf[seat.Value]] is var back ? stateOf[back] : null));
    }

    [Fact]
    public void Solve_AvoidsReciprocalPairs_BeforeRotatingAwayFromThePreviousRound()
    {
        // The only assignments without a repeat of last round are pair swaps; every rotation repeats one.
        var problem = Problem([Evaluation("ARG"), Evaluation("BRA"), Evaluation("CHL"), Evaluation("COL")],
            [Expert("a", "ARG"), Expert("b", "BRA"), Expert("c", "CHL"), Expert("d", "COL")])
            with { ExpertsPerEvaluation = 1, PreviousPairs = [new("ARG", "d"), new("ARG", "c"), new("BRA", "d"), new("BRA", "c")] };

        var proposal = Proposed(solver.Solve(problem));

        Assert.Equal((0, 1), (proposal.Objectives.ReciprocalPairs, proposal.Objectives.RepeatedPairs));
        Assert.True(proposal.Optimal);
    }

    [Fact]
    public void Solve_RotatesAwayFromThePreviousRoundsPairs_WhenAnEqualAlternativeExists()
    {
        var problem = Problem([Evaluation("MEX"), Evaluation("ARG")], [Expert("e-1", "CHL"), Expert("e-2", "PER"), Expert("e-3", "URY"), Expert("e-4", "BRA")])
            with { PreviousPairs = [new("MEX", "e-1"), new("MEX", "e-2"), new("ARG", "e-3"), new("ARG", "c-1")] };

        var proposal = Proposed(solver.Solve(problem));

        Assert.Equal(["e-3", "e-4"], proposal.Evaluations[0].Experts);
        Assert.Equal(["e-1", "e-2"], proposal.Evaluations[1].Experts);
        Assert.Equal(1, proposal.Objectives.RepeatedPairs); // the only consultant must go back to Argentina
    }

    [Fact]
    public void Solve_TheSameProblemAndSeedTwice_GivesTheSameProposal()
    {
        var problem = Problem(
            [Evaluation("MEX", "IS DR"), Evaluation("ARG", "IS DR"), Evaluation("CHL", "IS DR"), Evaluation("PER", "IS DR")],
            Enumerable.Range(0, 10).Select(n => Expert($"e-{n}", new[] { "MEX", "ARG", "CHL", "PER", "URY" }[n % 5], expertise: n % 2 == 0 ? "IS" : "IS DR")).ToList());

        Assert.Equal(Fingerprint(Proposed(solver.Solve(problem))), Fingerprint(Proposed(new CpSatAssignmentSolver().Solve(problem))));
    }

    [Fact]
    public void DeclineAndReplace_WithEveryOtherSeatLocked_ChangesExactlyOneSeat()
    {
        var problem = Problem(
            [Evaluation("MEX", "IS DR"), Evaluation("ARG", "IS DR"), Evaluation("CHL", "IS DR"), Evaluation("PER", "IS DR")],
            Enumerable.Range(0, 9).Select(n => Expert($"e-{n}", new[] { "MEX", "ARG", "CHL", "PER", "URY" }[n % 5])).ToList());
        var first = Proposed(solver.Solve(problem));
        var declined = first.Evaluations[1].Experts[0];
        var keep = ExpertSeats(first).Where(s => s != new Seat("ARG", declined)).ToList();

        var second = Proposed(solver.Solve(problem with
        {
            Declined = [new("ARG", declined)],
            LockedExperts = keep,
            LockedConsultants = first.Evaluations.Select(e => new Seat(e.MemberState, e.Consultant)).ToList(),
        }));

        var changed = ExpertSeats(first).ToHashSet();
        changed.SymmetricExceptWith(ExpertSeats(second));
        Assert.Equal(2, changed.Count);
        Assert.Contains(new Seat("ARG", declined), changed);
        Assert.All(changed, seat => Assert.Equal("ARG", seat.MemberState));
    }
}
