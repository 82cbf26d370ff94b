using MemWorkflow.Core.Assignments;
using static MemWorkflow.Core.Tests.Assignments.Pools;
using ExclusionReason = MemWorkflow.Contracts.Assignments.ExclusionReason;

namespace MemWorkflow.Core.Tests.Assignments;

public sealed class AssignmentRulesSpecs
{
    [Fact]
    public void Exclusions_OfAnExpertOnTheStateThatDesignatedThem_IsOwnState()
    {
        var problem = Problem([Evaluation("MEX")], []);

        Assert.Equal([ExclusionReason.OwnState], AssignmentRules.Exclusions(problem, problem.Evaluations[0], Expert("e-1", "Juan Paz", "MEX"), SeatRole.Expert));
    }

    [Fact]
    public void Exclusions_ListEveryReasonInOrder()
    {
        var problem = Problem([Evaluation("MEX", "SR")], []) with { Declined = [new("MEX", "e-1")] };
        var expert = Expert("e-1", "Juan Paz", "MEX", "en", "IS");

        Assert.Equal(
            [ExclusionReason.OwnState, ExclusionReason.NoExpertise, ExclusionReason.NoSharedLanguage, ExclusionReason.Declined],
            AssignmentRules.Exclusions(problem, problem.Evaluations[0], expert, SeatRole.Expert));
    }

    [Fact]
    public void AnExpert_WithExpertiseInAnyOfTheEvaluationsPillars_IsEligible()
    {
        var problem = Problem([Evaluation("MEX", "IS RIME IC")], []);

        Assert.True(AssignmentRules.IsEligible(problem, problem.Evaluations[0], Expert("e-1", "Ana Gómez", "ARG", "en es", "IC"), SeatRole.Expert));
        Assert.Equal(1, AssignmentRules.ExpertiseMatch(problem.Evaluations[0], Expert("e-1", "Ana Gómez", "ARG", "es", "IC DR")));
    }

    [Fact]
    public void AConsultant_NeedsNoPillarExpertise_ButNeverReviewsTheirOwnNationality()
    {
        var problem = Problem([Evaluation("MEX", "SR")], []);
        var need = problem.Evaluations[0];

        Assert.Empty(AssignmentRules.Exclusions(problem, need, Consultant("c-1", "Claire Martin", "CAN"), SeatRole.Consultant));
        Assert.Equal([ExclusionReason.OwnState], AssignmentRules.Exclusions(problem, need, Consultant("c-2", "Rosa Ríos", "MEX"), SeatRole.Consultant));
    }

    [Fact]
    public void MeasureObjectives_CountsReciprocalPairsOfStatesAndRepeatedSeats()
    {
        var problem = Problem(
            [Evaluation("MEX", "IS DR"), Evaluation("ARG", "IS"), Evaluation("CHL", "IS")],
            [Expert("e-1", "Ana Gómez", "ARG", expertise: "IS DR"), Expert("e-2", "Juan Paz", "MEX", expertise: "IS"), Expert("e-3", "Luis Soto", "CHL", expertise: "IS")])
            with { ExpertsPerEvaluation = 1, PreviousPairs = [new("MEX", "e-1"), new("CHL", "c-1")] };
        // Argentina's expert on Mexico and Mexico's on Argentina: one reciprocal pair.
        IReadOnlyList<EvaluationAssignment> seats = [new("MEX", ["e-1"], "c-1"), new("ARG", ["e-2"], "c-1"), new("CHL", ["e-1"], "c-1")];

        var objectives = AssignmentRules.MeasureObjectives(problem, seats);

        Assert.Equal(new AssignmentObjectives(2, 0, 4, 1, 2, 3, 3), objectives);
    }
}
