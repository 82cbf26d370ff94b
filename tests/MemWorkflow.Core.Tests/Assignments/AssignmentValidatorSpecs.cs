using MemWorkflow.Core.Assignments;
using static MemWorkflow.Core.Tests.Assignments.Pools;

namespace MemWorkflow.Core.Tests.Assignments;

public sealed class AssignmentValidatorSpecs
{
    private static readonly AssignmentProblem Round = Problem(
        [Evaluation("MEX", "SR"), Evaluation("ARG", "SR")],
        [
            Expert("e-1", "Ana Gómez", "ARG", expertise: "SR"), Expert("e-2", "Luis Soto", "CHL", expertise: "SR"),
            Expert("e-3", "Juan Paz", "MEX", expertise: "SR"), Expert("e-4", "Rosa Ríos", "PER", "en", "SR"), Expert("e-5", "Eva Díaz", "CHL", expertise: "SR"),
        ],
        [Consultant("c-1", "Claire Martin", null), Consultant("c-2", "Pedro Gil", "MEX")]);

    private static AssignmentProposal Proposal(AssignmentProblem problem, params EvaluationAssignment[] seats) => new(
        seats,
        AssignmentRules.LoadsOf(problem.Experts, seats.SelectMany(s => s.Experts)),
        AssignmentRules.LoadsOf(problem.Consultants, seats.Select(s => s.Consultant)),
        AssignmentRules.MeasureObjectives(problem, seats),
        Optimal: true);

    private static EvaluationAssignment Seats(string state, IReadOnlyList<string> experts, string consultant) => new(state, experts, consultant);

    [Fact]
    public void Validate_AProposalThatKeepsEveryRule_FindsNothing() =>
        Assert.Empty(AssignmentRules.Validate(Round, Proposal(Round, Seats("MEX", ["e-1", "e-2"], "c-1"), Seats("ARG", ["e-3", "e-5"], "c-2"))));

    [Fact]
    public void Validate_NamesEveryBrokenRule()
    {
        var problem = Round with { ExpertLoadCap = 1, Declined = [new("ARG", "e-2")], LockedExperts = [new("MEX", "e-5")] };
        var proposal = Proposal(problem, Seats("MEX", ["e-3", "e-4", "e-1"], "c-2"), Seats("ARG", ["e-2", "e-5", "e-1", "e-9"], "c-1"), Seats("PAN", ["e-1"], "c-1"));

        Assert.Equal(
            [
                "Mexico has 3 experts; it needs 2.",
                "Juan Paz (Mexico) is on Mexico, the state that designated them.",
                "Rosa Ríos (Peru) is on Mexico but does not work in Spanish.",
                "Consultant Pedro Gil (Mexico) is on Mexico, their own nationality.",
                "Argentina has 4 experts; it needs 2.",
                "Luis Soto (Chile) declined Argentina but is proposed for it.",
                "Ana Gómez (Argentina) is on Argentina, the state that designated them.",
                "Argentina has e-9, who is not among the round's experts.",
                "Argentina has 2 experts designated by Chile.",
                "Panama is not evaluated in this round but is in the proposal.",
                "The locked seat of e-5 on Mexico is not kept.",
                "The expert e-1 has 3 evaluations, above the load cap of 1.",
            ],
            AssignmentRules.Validate(problem, proposal));
    }

    [Fact]
    public void Validate_AProposalMissingAnEvaluationOrWithoutItsExpertise_SaysSo()
    {
        var problem = Round with { Experts = [.. Round.Experts, Expert("e-6", "Rui Costa", "BRA", expertise: "IS")] };

        Assert.Equal(
            ["Argentina is missing from the proposal.", "Rui Costa (Brazil) is on Mexico with no expertise in Supply Reduction."],
            AssignmentRules.Validate(problem, Proposal(problem, Seats("MEX", ["e-1", "e-6"], "c-1"))));
    }

    [Fact]
    public void Validate_LoadsThatDoNotMatchTheSeats_AreAViolation()
    {
        var proposal = Proposal(Round, Seats("MEX", ["e-1", "e-2"], "c-1"), Seats("ARG", ["e-3", "e-5"], "c-2"));
        var wrong = proposal with { ExpertLoads = new Dictionary<string, int>(proposal.ExpertLoads) { ["e-1"] = 0 } };

        Assert.Equal(["The proposal reports a load of 0 for the expert e-1, who has 1."], AssignmentRules.Validate(Round, wrong));
    }
}
