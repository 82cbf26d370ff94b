using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Core.Tests.Assignments;

/// <summary>Hand-built candidates and problems: a Spanish round, two experts per evaluation, no caps.</summary>
internal static class Pools
{
    public static Candidate Expert(string id, string name, string state, string languages = "es", string expertise = "IS DR SR RIME IC") =>
        new(id, name, state, Words(languages), Words(expertise));

    public static Candidate Consultant(string id, string name, string? nationality, string languages = "es en") =>
        new(id, name, nationality, Words(languages), []);

    public static EvaluationNeed Evaluation(string state, string pillars = "IS") => new(state, Words(pillars));

    public static AssignmentProblem Problem(IReadOnlyList<EvaluationNeed> evaluations, IReadOnlyList<Candidate> experts, IReadOnlyList<Candidate>? consultants = null) =>
        new("es", 2, null, null, evaluations, experts, consultants ?? [Consultant("c-1", "Claire Martin", null)], [], [], [], [], Seed: 7, PillarNames);

    /// <summary>The 2021-2025 plan's short names, as the shell passes the round's plan's.</summary>
    public static readonly IReadOnlyDictionary<string, string> PillarNames = PlanOfAction2021.Plan.Pillars.ToDictionary(p => p.Id, p => p.ShortName);

    private static List<string> Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
