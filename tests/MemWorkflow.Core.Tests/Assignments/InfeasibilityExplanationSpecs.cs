using MemWorkflow.Contracts.Assignments;
using MemWorkflow.Core.Assignments;
using static MemWorkflow.Core.Tests.Assignments.Pools;

namespace MemWorkflow.Core.Tests.Assignments;

public sealed class InfeasibilityExplanationSpecs
{
    [Fact]
    public void Explain_WhenOnlyTheStatesOwnExpertsAreInThePool_SaysEachIsOnTheirOwnState()
    {
        var problem = Problem([Evaluation("GRD", "SR")], [Expert("e-1", "Ana Pérez", "GRD"), Expert("e-2", "Juan Ruiz", "GRD")]);

        var infeasibility = AssignmentRules.Explain(problem);

        Assert.Equal("Cannot staff 1 evaluation: Grenada (Supply Reduction).", infeasibility.Summary);
        var grenada = Assert.Single(infeasibility.Evaluations);
        Assert.Equal(("GRD", "SR", "expert", 2, 0), (grenada.MemberState, grenada.PillarId, grenada.Role, grenada.SeatsNeeded, grenada.EligibleCandidates));
        Assert.Equal(
            "Grenada (Supply Reduction) needs 2 experts; none eligible. Excluded: Ana Pérez (Grenada): own state; Juan Ruiz (Grenada): own state.",
            grenada.Explanation);
        Assert.All(grenada.Excluded, e => Assert.Equal([ExclusionReason.OwnState], e.Reasons));
    }

    [Fact]
    public void Explain_WhenNobodyWorksInTheRoundsLanguage_SaysSoForEveryState()
    {
        var problem = Problem(
            [Evaluation("HTI", "IS DR"), Evaluation("JAM", "IS DR")],
            [Expert("e-1", "Ana Pérez", "MEX", "es en"), Expert("e-2", "John Smith", "USA", "en"), Expert("e-3", "Rui Costa", "BRA", "pt es")],
            [Consultant("c-1", "Claire Martin", null, "fr en")]) with { Language = "fr" };

        var infeasibility = AssignmentRules.Explain(problem);

        Assert.Equal("Cannot staff 2 evaluations: Haiti and Jamaica. No expert works in French.", infeasibility.Summary);
        Assert.Equal(["HTI", "JAM"], infeasibility.Evaluations.Select(e => e.MemberState));
        Assert.Null(infeasibility.Evaluations[0].PillarId);
        Assert.Equal(
            "Haiti needs 2 experts; none eligible. Excluded: Ana Pérez (Mexico): does not work in French; " +
            "John Smith (United States): does not work in French; Rui Costa (Brazil): does not work in French.",
            infeasibility.Evaluations[0].Explanation);
    }

    [Fact]
    public void Explain_ForASupplyReductionRoundWithoutSupplyReductionExperts_NamesThePillar()
    {
        var problem = Problem(
            [Evaluation("GRD", "SR"), Evaluation("JAM", "SR")],
            [Expert("e-1", "Ana Pérez", "MEX", expertise: "IS DR"), Expert("e-2", "Luis Soto", "CHL", expertise: "DR"), Expert("e-3", "Eva Díaz", "JAM", "en", "SR")]);

        var infeasibility = AssignmentRules.Explain(problem);

        Assert.Equal(
            "Cannot staff 2 evaluations: Grenada (Supply Reduction) and Jamaica (Supply Reduction). Only 1 expert has expertise in Supply Reduction.",
            infeasibility.Summary);
        Assert.All(infeasibility.Evaluations, e => Assert.Equal("SR", e.PillarId));
        Assert.Equal(
            "Jamaica (Supply Reduction) needs 2 experts; none eligible. Excluded: Ana Pérez (Mexico): no expertise in Supply Reduction; " +
            "Luis Soto (Chile): no expertise in Supply Reduction; Eva Díaz (Jamaica): own state, does not work in Spanish.",
            infeasibility.Evaluations[1].Explanation);
    }

    [Fact]
    public void Explain_WhenEveryCandidateDeclined_SaysEachDeclined()
    {
        var problem = Problem([Evaluation("MEX")], [Expert("e-1", "Ana Gómez", "ARG"), Expert("e-2", "Luis Soto", "CHL"), Expert("e-3", "Rui Costa", "BRA")])
            with { Declined = [new("MEX", "e-1"), new("MEX", "e-2"), new("MEX", "e-3"), new("MEX", "c-1")] };

        var infeasibility = AssignmentRules.Explain(problem);

        Assert.Equal("Cannot staff 1 evaluation: Mexico (Institutional Strengthening).", infeasibility.Summary);
        Assert.Equal(
            ["Mexico (Institutional Strengthening) needs 2 experts; none eligible. Excluded: Ana Gómez (Argentina): declined this evaluation; " +
            "Luis Soto (Chile): declined this evaluation; Rui Costa (Brazil): declined this evaluation.",
            "Mexico (Institutional Strengthening) needs 1 consultant; none eligible. Excluded: Claire Martin: declined this evaluation."],
            infeasibility.Evaluations.Select(e => e.Explanation));
        Assert.Equal(["expert", "consultant"], infeasibility.Evaluations.Select(e => e.Role));
    }

    [Fact]
    public void Explain_WhenEligibleExpertsComeFromOneState_AsksForExpertsOfDifferentStates()
    {
        var problem = Problem([Evaluation("PER", "IS DR")], [Expert("e-1", "Ana Gómez", "ARG"), Expert("e-2", "Juan Paz", "ARG"), Expert("e-3", "Rosa Ríos", "PER")]);

        var peru = Assert.Single(AssignmentRules.Explain(problem).Evaluations);

        Assert.Equal(
            "Peru needs 2 experts from different states; the 2 eligible come from only 1 state: Ana Gómez (Argentina), Juan Paz (Argentina). " +
            "Excluded: Rosa Ríos (Peru): own state.",
            peru.Explanation);
    }

    [Fact]
    public void Explain_WhenThePoolIsTooSmallAtTheCap_SaysHowManySeatsItCanFill()
    {
        var problem = Problem(
            [Evaluation("BRB", "IS DR"), Evaluation("GRD", "IS DR"), Evaluation("JAM", "IS DR")],
            [Expert("e-1", "Ana Gómez", "ARG"), Expert("e-2", "Luis Soto", "CHL"), Expert("e-3", "Rosa Ríos", "PER"), Expert("e-4", "Rui Costa", "BRA")])
            with { ExpertLoadCap = 1 };

        var infeasibility = AssignmentRules.Explain(problem);

        Assert.Equal(
            "Cannot staff 3 evaluations: Barbados, Grenada and Jamaica. " +
            "All 3 evaluations need 6 experts together, but at the load cap of 1 the experts eligible for them can fill only 4 of those seats.",
            infeasibility.Summary);
        Assert.All(infeasibility.Evaluations, e => Assert.Equal(4, e.Excluded.Count(x => x.Reasons.SequenceEqual([ExclusionReason.AtCap]))));
        Assert.Equal(
            "Barbados needs 2 experts; it shares its eligible experts with Grenada and Jamaica, and at the load cap of 1 those experts can fill only 4 of the 6 seats of 3 evaluations. " +
            "Excluded: Ana Gómez (Argentina): at the load cap of 1; Luis Soto (Chile): at the load cap of 1; Rosa Ríos (Peru): at the load cap of 1; Rui Costa (Brazil): at the load cap of 1.",
            infeasibility.Evaluations[0].Explanation);
    }

    [Fact]
    public void Explain_WhenAGroupOfStatesSharesTooFewExperts_NamesOnlyThoseStates()
    {
        var problem = Problem(
            [Evaluation("BRB", "SR"), Evaluation("GRD", "SR"), Evaluation("JAM", "IS")],
            [
                Expert("e-1", "Ana Gómez", "ARG", expertise: "SR"), Expert("e-2", "Luis Soto", "CHL", expertise: "SR"), Expert("e-3", "Rosa Ríos", "PER", expertise: "SR"),
                Expert("e-4", "Rui Costa", "BRA", expertise: "IS"), Expert("e-5", "Juan Paz", "MEX", expertise: "IS"),
            ])
            with { ExpertLoadCap = 1 };

        var infeasibility = AssignmentRules.Explain(problem);

        Assert.Equal(
            "Cannot staff 2 evaluations: Barbados (Supply Reduction) and Grenada (Supply Reduction). " +
            "Barbados (Supply Reduction) and Grenada (Supply Reduction) need 4 experts together, but at the load cap of 1 the experts eligible for them can fill only 3 of those seats.",
            infeasibility.Summary);
        Assert.Equal(["BRB", "GRD"], infeasibility.Evaluations.Select(e => e.MemberState));
        var atCap = infeasibility.Evaluations[0].Excluded.Where(e => e.Reasons.Contains(ExclusionReason.AtCap)).Select(e => e.ParticipantId);
        Assert.Equal(["e-1", "e-2", "e-3"], atCap);
    }

    [Fact]
    public void Explain_WhenALockedExpertIsOnTheirOwnState_SaysTheLockCannotBeKept()
    {
        var problem = Problem([Evaluation("MEX"), Evaluation("ARG")], [Expert("e-1", "Ana Gómez", "ARG"), Expert("e-2", "Luis Soto", "CHL"), Expert("e-3", "Juan Paz", "MEX")])
            with { LockedExperts = [new("ARG", "e-1")] };

        var infeasibility = AssignmentRules.Explain(problem);

        Assert.Equal("Locked seats break the rules on Argentina (Institutional Strengthening).", infeasibility.Summary);
        Assert.Equal(
            "The locked expert Ana Gómez (Argentina) cannot keep the seat on Argentina (Institutional Strengthening): own state.",
            Assert.Single(infeasibility.Evaluations).Explanation);
    }

    /// <summary>The shell passes the short names of the round's own plan: a round of a later plan reads in its words.</summary>
    [Fact]
    public void Explain_NamesPillarsByTheShortNamesOfTheRoundsPlan()
    {
        var problem = Problem([Evaluation("GRD", "SR")], [Expert("e-1", "Ana Pérez", "GRD", expertise: "IS"), Expert("e-2", "Juan Ruiz", "ARG", expertise: "IS")])
            with { PillarNames = new Dictionary<string, string> { ["SR"] = "Supply Control" } };

        var infeasibility = AssignmentRules.Explain(problem);

        Assert.StartsWith("Cannot staff 1 evaluation: Grenada (Supply Control).", infeasibility.Summary);
        Assert.EndsWith("expertise in Supply Control.", infeasibility.Summary);
        Assert.Contains("Juan Ruiz (Argentina): no expertise in Supply Control", Assert.Single(infeasibility.Evaluations).Explanation);
    }

    [Fact]
    public void Explain_WhenEveryEvaluationCanBeStaffed_FindsNothing()
    {
        var problem = Problem([Evaluation("MEX"), Evaluation("ARG")], [Expert("e-1", "Ana Gómez", "ARG"), Expert("e-2", "Luis Soto", "CHL"), Expert("e-3", "Juan Paz", "MEX")]);

        Assert.Null(AssignmentRules.FindInfeasibility(problem));
        Assert.Equal("Every evaluation can be staffed.", AssignmentRules.Explain(problem).Summary);
    }
}
