using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Assignments.Tests;

/// <summary>Hand-built candidates and problems: a Spanish round, two experts per evaluation, no caps.</summary>
internal static class Pools
{
    public static Candidate Expert(string id, string state, string languages = "es", string expertise = "IS DR SR RIME IC") =>
        new(id, $"Expert {id}", state, Words(languages), Words(expertise));

    public static Candidate Consultant(string id, string? nationality, string languages = "es en") =>
        new(id, $"Consultant {id}", nationality, Words(languages), []);

    public static EvaluationNeed Evaluation(string state, string pillars = "IS") => new(state, Words(pillars));

    public static AssignmentProblem Problem(IReadOnlyList<EvaluationNeed> evaluations, IReadOnlyList<Candidate> experts, IReadOnlyList<Candidate>? consultants = null) =>
        new("es", 2, null, null, evaluations, experts, consultants ?? [Consultant("c-1", null)], [], [], [], [], Seed: 7,
            PlanOfAction2021.Plan.Pillars.ToDictionary(p => p.Id, p => p.ShortName));

    public static AssignmentProposal Proposed(SolveResult result) =>
        result is SolveResult.Proposed proposed ? proposed.Proposal : throw new Xunit.Sdk.XunitException($"Expected a proposal: {((SolveResult.Infeasible)result).Infeasibility.Summary}");

    public static HashSet<Seat> ExpertSeats(AssignmentProposal proposal) =>
        proposal.Evaluations.SelectMany(e => e.Experts.Select(x => new Seat(e.MemberState, x))).ToHashSet();

    /// <summary>Everything a proposal says, as one comparable string.</summary>
    public static string Fingerprint(AssignmentProposal proposal) =>
        string.Join(" | ", proposal.Evaluations.Select(e => $"{e.MemberState}: {string.Join(",", e.Experts)} / {e.Consultant}")) + $" | {proposal.Objectives} | {proposal.Optimal}";

    private static List<string> Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
